/** The home page. */
import { definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    home: {
      title: 'Tài khoản Cổng Dịch vụ công',
      lead: 'Một tài khoản để làm thủ tục hành chính trực tuyến: nộp hồ sơ, theo dõi kết quả và thanh toán phí, lệ phí.',
      register: 'Đăng ký',
      registerHint: 'Tạo tài khoản bằng số giấy tờ và số điện thoại chính chủ.',
      signIn: 'Đăng nhập',
      signInHint: 'Đã có tài khoản? Đăng nhập bằng số giấy tờ và mật khẩu.',
      signedOut: 'Bạn đã đăng xuất.',
    },
  },
  en: {
    home: {
      title: 'Public Service Portal account',
      lead: 'One account for administrative procedures online: submit applications, follow their progress and pay fees.',
      register: 'Register',
      registerHint: 'Create an account with your ID number and the mobile number registered in your name.',
      signIn: 'Sign in',
      signInHint: 'Already have an account? Sign in with your ID number and password.',
      signedOut: 'You have signed out.',
    },
  },
});
