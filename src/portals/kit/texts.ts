/**
 * The texts every portal shares, in Vietnamese and English. English is typed against Vietnamese, so a text
 * missing from either language is a compile error (and `texts.test.ts` checks the keys at run time too).
 * A portal's own texts (its name, its service) are in its definition, under the same rule.
 */
import type { Language } from '../../lib/language.ts';

export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export function bilingual<T>(texts: { vi: T; en: NoInfer<SameKeys<T>> }): Record<Language, SameKeys<T>> {
  return texts as Record<Language, SameKeys<T>>;
}

export const kitTexts = bilingual({
  vi: {
    layout: {
      skipLink: 'Chuyển đến nội dung chính',
      otherLanguage: 'English',
      nav: 'Điều hướng chính',
      devBanner: 'Môi trường thử nghiệm: dữ liệu hư cấu, không dùng cho giao dịch thật.',
      footer: 'Đăng nhập qua Hệ thống định danh và xác thực điện tử. Tổng đài hỗ trợ: 1900 0368.',
      signedInAs: 'Đã đăng nhập',
    },
    home: {
      signIn: 'Đăng nhập',
      register: 'Đăng ký',
      signedOutLead:
        'Đăng nhập bằng tài khoản định danh điện tử để nộp hồ sơ và theo dõi kết quả. Chưa có tài khoản? Đăng ký một lần, dùng cho mọi cổng dịch vụ công.',
      welcome: 'Xin chào',
      whoAmI: 'Thông tin tài khoản',
      services: 'Dịch vụ',
      needsLoA2: 'cần xác thực mức 2',
    },
    me: {
      title: 'Thông tin tài khoản',
      lead: 'Những gì Hệ thống định danh và xác thực điện tử đã gửi cho cổng này khi bạn đăng nhập.',
      claims: 'Thông tin cá nhân',
      session: 'Lần đăng nhập này',
      acr: 'Mức độ đảm bảo (acr)',
      amr: 'Cách xác thực (amr)',
      authTime: 'Thời điểm xác thực (auth_time)',
      sub: 'Mã định danh với cổng này (sub)',
      loAs: 'Nguồn xác minh (loAs)',
      loAEntry: 'mức',
      none: 'không có',
      HoVaTen: 'Họ và tên',
      SoDinhDanh: 'Số định danh cá nhân',
      SoCMND: 'Số CMND cũ',
      NgayThangNamSinh: 'Ngày sinh',
      GioiTinh: 'Giới tính',
      SoDienThoai: 'Số điện thoại',
      LoaiTaiKhoan: 'Loại tài khoản',
      accountCitizen: 'Công dân',
      accountOrganisation: 'Tổ chức',
    },
    service: {
      applicant: 'Người yêu cầu',
      submit: 'Gửi yêu cầu',
      received: 'Đã nhận yêu cầu',
      reference: 'Mã hồ sơ',
      receivedLead: 'Cổng đã nhận yêu cầu của bạn. Kết quả sẽ được thông báo qua số điện thoại đã xác minh.',
      back: 'Về trang chủ',
      errorSummary: 'Có lỗi cần sửa',
      required: 'Vui lòng nhập mục này.',
      chooseOne: 'Vui lòng chọn một mục.',
      outOfRange: 'Giá trị không hợp lệ.',
      tooLong: 'Nội dung quá dài.',
      loaNotice: 'Dịch vụ này cần xác thực mức 2: bạn đã xác thực bằng mật khẩu và mã gửi qua SMS.',
    },
    signOut: { button: 'Đăng xuất' },
    errors: {
      title: 'Chưa đăng nhập được',
      again: 'Thử lại',
      home: 'Về trang chủ',
      access_denied:
        'Bạn đã dừng lại, hoặc tài khoản chưa đủ điều kiện cho yêu cầu này. Cổng chưa nhận được thông tin nào.',
      login_required: 'Bạn chưa đăng nhập ở Hệ thống định danh và xác thực điện tử.',
      interaction_required: 'Hệ thống định danh cần bạn thao tác thêm (ví dụ nhập mã xác thực).',
      consent_required: 'Bạn chưa đồng ý chia sẻ thông tin với cổng này.',
      refused:
        'Câu trả lời nhận được không hợp lệ hoặc đã hết hạn, nên cổng không dùng nó. Vui lòng đăng nhập lại.',
      other: 'Hệ thống định danh báo lỗi. Vui lòng thử lại sau ít phút.',
      unavailableTitle: 'Tạm thời không kết nối được',
      unavailable:
        'Cổng chưa kết nối được Hệ thống định danh và xác thực điện tử. Vui lòng thử lại sau ít phút.',
      notFoundTitle: 'Không tìm thấy trang',
      notFound: 'Địa chỉ này không có trên cổng.',
      badRequestTitle: 'Yêu cầu không hợp lệ',
      badRequest: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng mở lại trang và thử lại.',
      loaTitle: 'Chưa đủ mức xác thực',
      loaNotReached:
        'Dịch vụ này cần xác thực mức 2 (mật khẩu và mã gửi qua SMS). Hệ thống định danh chưa xác nhận mức này cho lần đăng nhập của bạn. Bạn vẫn dùng được các trang khác của cổng.',
      code: 'Mã lỗi',
    },
  },
  en: {
    layout: {
      skipLink: 'Skip to main content',
      otherLanguage: 'Tiếng Việt',
      nav: 'Main navigation',
      devBanner: 'Test environment: fictional data, not for real transactions.',
      footer:
        'Sign-in through the national electronic identification and authentication system. Helpline: 1900 0368.',
      signedInAs: 'Signed in',
    },
    home: {
      signIn: 'Sign in',
      register: 'Register',
      signedOutLead:
        'Sign in with your electronic identity account to submit applications and follow their results. No account yet? Register once and use it on every public-service portal.',
      welcome: 'Hello',
      whoAmI: 'Account information',
      services: 'Services',
      needsLoA2: 'needs level 2 authentication',
    },
    me: {
      title: 'Account information',
      lead: 'What the electronic identification and authentication system sent this portal when you signed in.',
      claims: 'Personal information',
      session: 'This sign-in',
      acr: 'Assurance level (acr)',
      amr: 'Authentication methods (amr)',
      authTime: 'Authenticated at (auth_time)',
      sub: 'Your identifier with this portal (sub)',
      loAs: 'Verified by (loAs)',
      loAEntry: 'level',
      none: 'none',
      HoVaTen: 'Full name',
      SoDinhDanh: 'Personal ID number',
      SoCMND: 'Old ID card number',
      NgayThangNamSinh: 'Date of birth',
      GioiTinh: 'Sex',
      SoDienThoai: 'Phone number',
      LoaiTaiKhoan: 'Account type',
      accountCitizen: 'Citizen',
      accountOrganisation: 'Organisation',
    },
    service: {
      applicant: 'Applicant',
      submit: 'Send the request',
      received: 'Request received',
      reference: 'Application number',
      receivedLead:
        'The portal has received your request. You will be told the result on your verified phone.',
      back: 'Back to the home page',
      errorSummary: 'There is a problem',
      required: 'Please fill this in.',
      chooseOne: 'Please choose one.',
      outOfRange: 'This value is not valid.',
      tooLong: 'This is too long.',
      loaNotice:
        'This service needs level 2 authentication: you signed in with your password and a code sent by SMS.',
    },
    signOut: { button: 'Sign out' },
    errors: {
      title: 'You are not signed in yet',
      again: 'Try again',
      home: 'Back to the home page',
      access_denied:
        'You stopped, or your account does not qualify for this request yet. The portal received no information.',
      login_required: 'You are not signed in at the electronic identification and authentication system.',
      interaction_required:
        'The identification system needs you to do one more step (such as entering a code).',
      consent_required: 'You have not agreed to share your information with this portal.',
      refused:
        'The answer received was not valid or had expired, so the portal did not use it. Please sign in again.',
      other: 'The identification system reported an error. Please try again in a few minutes.',
      unavailableTitle: 'Temporarily unavailable',
      unavailable:
        'The portal cannot reach the electronic identification and authentication system. Please try again in a few minutes.',
      notFoundTitle: 'Page not found',
      notFound: 'This address does not exist on the portal.',
      badRequestTitle: 'Invalid request',
      badRequest: 'The form has expired or is not valid. Please open the page again and retry.',
      loaTitle: 'Higher authentication needed',
      loaNotReached:
        'This service needs level 2 authentication (your password and a code sent by SMS). The identification system did not confirm that level for this sign-in. The rest of the portal is still open to you.',
      code: 'Error code',
    },
  },
});

export type KitTexts = (typeof kitTexts)['vi'];

/** Hub error codes the pages explain in words; any other is shown as `other` with its code. */
export const EXPLAINED_ERRORS = [
  'access_denied',
  'login_required',
  'interaction_required',
  'consent_required',
] as const;
