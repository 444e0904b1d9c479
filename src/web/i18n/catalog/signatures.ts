/** The signature pipeline's refusals (docs/methods.md, "Digital signatures: the common pipeline"), for every signing method. */
import { defineApiTexts } from './define.ts';

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      SIGNATURE_INVALID: {
        title: 'Chữ ký số không hợp lệ',
        detail:
          'Chữ ký gửi lên không khớp với dữ liệu cần ký hoặc với chứng thư số kèm theo. Hãy ký lại bằng thiết bị ký số của bạn.',
      },
      CERTIFICATE_UNTRUSTED: {
        title: 'Chứng thư số không được chấp nhận',
        detail:
          'Chứng thư số không do một tổ chức cung cấp dịch vụ chứng thực chữ ký số được công nhận cấp, hoặc không dùng để ký được. Hãy dùng chứng thư số ký điện tử do tổ chức được cấp phép cấp.',
      },
      CERTIFICATE_EXPIRED: {
        title: 'Chứng thư số hết hạn hoặc chưa có hiệu lực',
        detail:
          'Chứng thư số không còn trong thời hạn hiệu lực. Hãy liên hệ tổ chức cung cấp chứng thư số để gia hạn, hoặc dùng chứng thư số khác.',
      },
      CERTIFICATE_REVOKED: {
        title: 'Chứng thư số đã bị thu hồi',
        detail:
          'Tổ chức cung cấp dịch vụ chứng thực đã thu hồi chứng thư số này. Hãy liên hệ tổ chức đó, hoặc dùng chứng thư số khác.',
      },
      CERTIFICATE_NO_IDENTITY: {
        title: 'Chứng thư số không có số định danh',
        detail:
          'Chứng thư số không ghi số CCCD, CMND hoặc mã số thuế của chủ sở hữu, nên không xác định được bạn là ai. Hãy dùng chứng thư số có các thông tin này.',
      },
      CHALLENGE_INVALID: {
        title: 'Yêu cầu ký đã hết hạn hoặc đã dùng',
        detail: 'Mã cần ký không còn hiệu lực (mỗi mã chỉ dùng một lần, trong 5 phút). Hãy bắt đầu ký lại.',
      },
      REVOCATION_UNAVAILABLE: {
        title: 'Chưa kiểm tra được trạng thái chứng thư số',
        detail:
          'Dịch vụ kiểm tra chứng thư số (OCSP, CRL) của tổ chức cấp chứng thư tạm thời không phản hồi. Chưa có gì được lưu; vui lòng ký lại sau ít phút.',
      },
    },
  },
  en: {
    problems: {
      SIGNATURE_INVALID: {
        title: 'The digital signature is not valid',
        detail:
          'The signature does not match the data to sign or the certificate sent with it. Please sign again with your signing device.',
      },
      CERTIFICATE_UNTRUSTED: {
        title: 'The certificate is not accepted',
        detail:
          'The certificate was not issued by a recognised certification authority, or is not meant for signing. Please use a signing certificate from a licensed authority.',
      },
      CERTIFICATE_EXPIRED: {
        title: 'The certificate has expired or is not valid yet',
        detail:
          'The certificate is outside its validity period. Contact its certification authority to renew it, or use another certificate.',
      },
      CERTIFICATE_REVOKED: {
        title: 'The certificate has been revoked',
        detail:
          'Its certification authority has revoked this certificate. Contact the authority, or use another certificate.',
      },
      CERTIFICATE_NO_IDENTITY: {
        title: 'The certificate holds no identity number',
        detail:
          'The certificate carries no ID number (CCCD, CMND) or tax code of its holder, so it cannot tell who you are. Please use a certificate that does.',
      },
      CHALLENGE_INVALID: {
        title: 'The signing request has expired or was used',
        detail:
          'The data to sign is no longer valid (each is used once, within 5 minutes). Please start signing again.',
      },
      REVOCATION_UNAVAILABLE: {
        title: 'The certificate status could not be checked',
        detail:
          "The certification authority's status services (OCSP, CRL) are not answering. Nothing was kept; please sign again in a few minutes.",
      },
    },
  },
});
