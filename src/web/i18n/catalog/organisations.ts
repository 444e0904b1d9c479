/** Organisation accounts: the business registry's answers. */
import { defineApiTexts } from './define.ts';

export const apiTexts = defineApiTexts({
  vi: {
    fields: {
      TAX_CODE_INVALID:
        'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc.',
    },
    problems: {
      ORGANISATION_NOT_ACTIVE: {
        title: 'Doanh nghiệp không ở trạng thái hoạt động',
        detail:
          'Theo Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp, mã số thuế này không tồn tại, đang tạm ngừng kinh doanh hoặc đã chấm dứt hoạt động. Chỉ doanh nghiệp đang hoạt động mới đăng ký được tài khoản tổ chức; hãy liên hệ cơ quan đăng ký kinh doanh nếu thông tin chưa đúng.',
      },
      BUSINESS_REGISTRY_UNAVAILABLE: {
        title: 'Chưa kiểm tra được thông tin doanh nghiệp',
        detail:
          'Hệ thống đăng ký doanh nghiệp tạm thời không trả lời. Chưa có gì được tạo; vui lòng thử lại sau ít phút.',
      },
    },
  },
  en: {
    fields: {
      TAX_CODE_INVALID: 'A tax code is 10 digits, or 10 digits, a hyphen and 3 digits for a branch.',
    },
    problems: {
      ORGANISATION_NOT_ACTIVE: {
        title: 'The business is not active',
        detail:
          'According to the national business registration database, this tax code does not exist, is suspended or has closed. Only an active business can register an organisation account; contact the business registration office if this is wrong.',
      },
      BUSINESS_REGISTRY_UNAVAILABLE: {
        title: 'The business details could not be checked',
        detail:
          'The business registry is not answering at the moment. Nothing was created; please try again in a few minutes.',
      },
    },
  },
});
