/** Registration with a social-insurance number: the form, the record check and its refusals. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    methods: {
      insurance: 'Mã số bảo hiểm xã hội',
      insuranceHint: 'Dành cho người đang tham gia bảo hiểm xã hội và có mã số BHXH.',
    },
    socialInsuranceForm: {
      title: 'Đăng ký bằng mã số bảo hiểm xã hội',
      lead: 'Nhập mã số BHXH và thông tin cá nhân đúng như trên hồ sơ bảo hiểm xã hội của bạn. Mã OTP sẽ gửi tới số điện thoại trên hồ sơ đó.',
      number: 'Mã số bảo hiểm xã hội',
      numberHint: '10 chữ số, in trên thẻ BHYT hoặc trong ứng dụng VssID',
      consent:
        'Tôi đồng ý để Cổng Dịch vụ công quốc gia xử lý mã số BHXH, số giấy tờ, họ tên và ngày sinh của tôi, và gửi chúng cho Bảo hiểm xã hội Việt Nam để đối chiếu hồ sơ, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
      submit: 'Gửi mã OTP',
      wrongPhone:
        'Số này không còn là của bạn? Cập nhật số điện thoại trong ứng dụng VssID hoặc tại cơ quan BHXH, hoặc chọn cách đăng ký khác.',
    },
    refusal: {
      insuranceMismatch1: 'Kiểm tra lại mã số BHXH (10 chữ số) trong ứng dụng VssID hoặc trên thẻ BHYT.',
      insuranceMismatch2:
        'Họ tên, ngày sinh và số giấy tờ phải đúng như trên hồ sơ bảo hiểm xã hội (hồ sơ có thể còn lưu số CMND cũ).',
      insuranceCall:
        'Nếu hồ sơ chưa đúng, gọi {partnerName} theo số {partnerHotline} hoặc đến cơ quan BHXH nơi bạn tham gia để cập nhật.',
      insuranceNoPhone1:
        'Cập nhật số điện thoại trong ứng dụng VssID hoặc tại cơ quan bảo hiểm xã hội, rồi đăng ký lại.',
      otherMethod: 'Hoặc chọn cách đăng ký khác',
    },
  },
  en: {
    methods: {
      insurance: 'Social insurance number',
      insuranceHint: 'For people enrolled in social insurance who have a social insurance number.',
    },
    socialInsuranceForm: {
      title: 'Register with your social insurance number',
      lead: 'Enter your social insurance number and your details exactly as your social insurance record holds them. The code goes to the phone number on that record.',
      number: 'Social insurance number',
      numberHint: '10 digits, printed on your health insurance card or shown in the VssID app',
      consent:
        'I agree that the National Public Service Portal processes my social insurance number, ID number, full name and birth date, and sends them to Vietnam Social Security to check my record, under Decree 13/2023/ND-CP on personal data protection.',
      submit: 'Send the code',
      wrongPhone:
        'Not your phone any more? Change it in the VssID app or at a social insurance office, or choose another way to register.',
    },
    refusal: {
      insuranceMismatch1:
        'Check your social insurance number (10 digits) in the VssID app or on your health insurance card.',
      insuranceMismatch2:
        'Your full name, birth date and ID number must be exactly as on your social insurance record (it may still hold your old CMND number).',
      insuranceCall:
        'If the record is wrong, call {partnerName} on {partnerHotline} or visit the social insurance office you belong to.',
      insuranceNoPhone1:
        'Add your phone number in the VssID app or at a social insurance office, then register again.',
      otherMethod: 'Or choose another way to register',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    fields: {
      SOCIAL_INSURANCE_NUMBER_INVALID: 'Mã số bảo hiểm xã hội gồm đúng 10 chữ số.',
    },
    problems: {
      INSURANCE_RECORD_MISMATCH: {
        title: 'Không khớp hồ sơ bảo hiểm xã hội',
        detail:
          'Không có hồ sơ bảo hiểm xã hội nào khớp cả mã số BHXH, số giấy tờ, họ tên và ngày sinh đã nhập. Hãy kiểm tra lại trong ứng dụng VssID.',
      },
      INSURANCE_NO_PHONE: {
        title: 'Hồ sơ chưa có số điện thoại',
        detail:
          'Hồ sơ bảo hiểm xã hội của bạn chưa có số điện thoại để nhận mã OTP. Hãy cập nhật trong ứng dụng VssID hoặc tại cơ quan bảo hiểm xã hội.',
      },
      SOCIAL_INSURANCE_UNAVAILABLE: {
        title: 'Bảo hiểm xã hội tạm thời không phản hồi',
        detail:
          'Chưa đối chiếu được hồ sơ bảo hiểm xã hội. Chưa có gì được lưu; vui lòng thử lại sau ít phút.',
      },
    },
  },
  en: {
    fields: {
      SOCIAL_INSURANCE_NUMBER_INVALID: 'The social insurance number is exactly 10 digits.',
    },
    problems: {
      INSURANCE_RECORD_MISMATCH: {
        title: 'No matching social insurance record',
        detail:
          'No social insurance record matches the number, ID number, full name and birth date entered. Please check them in the VssID app.',
      },
      INSURANCE_NO_PHONE: {
        title: 'Your record has no phone number',
        detail:
          'Your social insurance record holds no phone number to send the code to. Add one in the VssID app or at a social insurance office.',
      },
      SOCIAL_INSURANCE_UNAVAILABLE: {
        title: 'Social insurance is not answering',
        detail: 'Your record could not be checked. Nothing was kept; please try again in a few minutes.',
      },
    },
  },
});
