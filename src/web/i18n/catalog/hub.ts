/**
 * The identity hub's pages that a portal sends citizens to (issue 12): signing in, stepping up, consenting
 * and signing out on a portal's behalf, each naming the portal; and the account's connected services.
 */
import { definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    hub: {
      continueTo: 'để tiếp tục tới {portal}',
      signInLead: 'Đăng nhập để tiếp tục tới {portal}.',
      signInAgainLead: '{portal} yêu cầu bạn nhập lại mật khẩu để tiếp tục.',
      registerLead:
        'Đăng ký tài khoản để tiếp tục tới {portal}. Khi tài khoản được tạo, bạn sẽ được chuyển về {portal}.',
      doneContinueLead: 'Tài khoản của bạn đã được tạo và bạn đã đăng nhập.',
      doneContinue: 'Tiếp tục tới {portal}',
      cancel: 'Hủy và quay lại {portal}',
      expiredTitle: 'Yêu cầu đăng nhập đã hết hạn',
      expiredDetail:
        'Yêu cầu đăng nhập từ cổng dịch vụ đã hết hạn hoặc đã được sử dụng. Hãy quay lại cổng dịch vụ và chọn Đăng nhập lần nữa.',
      nationalPortal: 'Cổng Dịch vụ công quốc gia',
      mpsPortal: 'Cổng Dịch vụ công Bộ Công an',
      aService: 'dịch vụ đã chuyển bạn tới đây',
    },
    stepUp: {
      title: 'Xác nhận bằng mã gửi qua SMS',
      lead: '{portal} yêu cầu mức bảo đảm cao hơn (mức 2). Chúng tôi đã gửi mã xác thực gồm 6 chữ số tới số điện thoại {phone} của tài khoản.',
      noPhoneTitle: 'Chưa thể xác thực ở mức 2',
      noPhoneDetail:
        'Dịch vụ này cần xác thực bằng mã gửi tới số điện thoại đã xác minh của tài khoản, nhưng tài khoản của bạn chưa có số điện thoại đã xác minh.',
      noPhoneHelp:
        'Bạn có thể bổ sung số điện thoại chính chủ tại bộ phận một cửa hoặc gọi tổng đài 1900 1000 để được hướng dẫn.',
      back: 'Quay lại {portal}',
    },
    consent: {
      title: 'Cho phép {portal} nhận thông tin của bạn',
      lead: '{portal} muốn nhận các thông tin sau từ tài khoản của bạn:',
      remembered:
        'Chúng tôi sẽ ghi nhớ lựa chọn của bạn. Bạn có thể thu hồi quyền này bất cứ lúc nào tại mục Dịch vụ đã kết nối trong trang tài khoản.',
      allow: 'Cho phép',
      deny: 'Không cho phép',
      notFirstParty:
        'Đây không phải là cổng dịch vụ công của Nhà nước. Chỉ cho phép nếu bạn tin tưởng dịch vụ này.',
    },
    claims: {
      account: 'Mã tài khoản của bạn tại cổng (không phải số định danh)',
      HoVaTen: 'Họ và tên',
      NgayThangNamSinh: 'Ngày sinh',
      GioiTinh: 'Giới tính',
      LoaiTaiKhoan: 'Loại tài khoản',
      loAs: 'Mức độ xác minh của từng thông tin',
      SoDinhDanh: 'Số định danh cá nhân (số CCCD)',
      SoCMND: 'Số chứng minh nhân dân cũ',
      SoDienThoai: 'Số điện thoại',
      MaSoDoanhNghiep: 'Mã số doanh nghiệp',
      TenDoanhNghiep: 'Tên doanh nghiệp',
    },
    connected: {
      title: 'Dịch vụ đã kết nối',
      lead: 'Các dịch vụ bạn đã cho phép nhận thông tin từ tài khoản này.',
      none: 'Bạn chưa cho phép dịch vụ nào nhận thông tin từ tài khoản này.',
      receives: 'Nhận: {claims}',
      since: 'Từ ngày {date}',
      withdraw: 'Thu hồi quyền của {portal}',
      withdrawn: 'Đã thu hồi quyền của {portal}. Lần sau dịch vụ này sẽ phải xin phép lại.',
    },
    signOut: {
      title: 'Đăng xuất',
      question: 'Bạn có muốn đăng xuất khỏi tài khoản Cổng Dịch vụ công không?',
      fromPortal: 'Yêu cầu này đến từ {portal}.',
      everywhere: 'Bạn sẽ được đăng xuất khỏi mọi cổng dịch vụ đã đăng nhập bằng tài khoản này.',
      confirm: 'Đăng xuất',
      stay: 'Không, tiếp tục đăng nhập',
      doneTitle: 'Bạn đã đăng xuất',
      doneDetail: 'Bạn đã đăng xuất khỏi tài khoản và khỏi các cổng dịch vụ dùng tài khoản này.',
      home: 'Về trang chủ',
    },
  },
  en: {
    hub: {
      continueTo: 'to continue to {portal}',
      signInLead: 'Sign in to continue to {portal}.',
      signInAgainLead: '{portal} asks you to enter your password again to continue.',
      registerLead:
        'Register to continue to {portal}. Once your account is created, you will be taken back to {portal}.',
      doneContinueLead: 'Your account has been created and you are signed in.',
      doneContinue: 'Continue to {portal}',
      cancel: 'Cancel and go back to {portal}',
      expiredTitle: 'This sign-in request has expired',
      expiredDetail:
        'The sign-in request from the service portal has expired or was already used. Go back to the portal and choose Sign in again.',
      nationalPortal: 'National Public Service Portal',
      mpsPortal: 'Ministry of Public Security Public Service Portal',
      aService: 'the service that sent you here',
    },
    stepUp: {
      title: 'Confirm with a code sent by SMS',
      lead: '{portal} needs a higher assurance level (level 2). We sent a 6-digit code to your account’s phone number {phone}.',
      noPhoneTitle: 'You cannot reach level 2 yet',
      noPhoneDetail:
        'This service needs a code sent to your account’s verified phone number, but your account has no verified phone number.',
      noPhoneHelp:
        'You can add a phone number registered in your name at a one-stop service desk, or call 1900 1000 for help.',
      back: 'Go back to {portal}',
    },
    consent: {
      title: 'Allow {portal} to receive your details',
      lead: '{portal} wants to receive these details from your account:',
      remembered:
        'We will remember your choice. You can withdraw it at any time under Connected services on your account page.',
      allow: 'Allow',
      deny: 'Do not allow',
      notFirstParty:
        'This is not a government public-service portal. Only allow it if you trust this service.',
    },
    claims: {
      account: 'Your account identifier at the hub (not your ID number)',
      HoVaTen: 'Full name',
      NgayThangNamSinh: 'Date of birth',
      GioiTinh: 'Sex',
      LoaiTaiKhoan: 'Account type',
      loAs: 'How each detail was verified',
      SoDinhDanh: 'Personal identification number (citizen ID number)',
      SoCMND: 'Old identity card number',
      SoDienThoai: 'Phone number',
      MaSoDoanhNghiep: 'Enterprise code',
      TenDoanhNghiep: 'Enterprise name',
    },
    connected: {
      title: 'Connected services',
      lead: 'The services you have allowed to receive details from this account.',
      none: 'You have not allowed any service to receive details from this account.',
      receives: 'Receives: {claims}',
      since: 'Since {date}',
      withdraw: 'Withdraw access of {portal}',
      withdrawn: '{portal} no longer has access. It will have to ask again next time.',
    },
    signOut: {
      title: 'Sign out',
      question: 'Do you want to sign out of your Public Service Portal account?',
      fromPortal: 'This request comes from {portal}.',
      everywhere: 'You will be signed out of every service portal you signed in to with this account.',
      confirm: 'Sign out',
      stay: 'No, stay signed in',
      doneTitle: 'You have signed out',
      doneDetail: 'You have signed out of your account and of the service portals that use it.',
      home: 'Go to the home page',
    },
  },
});
