/** What every page shows: the portal header and footer, the navigation, words the pages share. */
import { definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    portal: {
      name: 'Cổng Dịch vụ công quốc gia',
      skipLink: 'Bỏ qua, đến nội dung chính',
      otherLanguage: 'English',
      footer: 'Cổng Dịch vụ công quốc gia · Tổng đài hỗ trợ 18001096 (miễn phí)',
      devBanner: 'Môi trường phát triển: nhà mạng, tổng đài SMS và điện thoại đều là mô phỏng.',
    },
    nav: {
      label: 'Điều hướng',
      signIn: 'Đăng nhập',
      account: 'Tài khoản',
    },
    common: {
      required: '(bắt buộc)',
      errorPrefix: 'Lỗi',
      errorSummaryTitle: 'Có thông tin cần sửa',
      showPassword: 'Hiện mật khẩu',
      hidePassword: 'Ẩn mật khẩu',
      goHome: 'Về trang chủ',
      forgotPassword: 'Quên mật khẩu?',
      tryAgain: 'Thử lại',
      minutes: '{count} phút',
      seconds: '{count} giây',
    },
  },
  en: {
    portal: {
      name: 'National Public Service Portal',
      skipLink: 'Skip to main content',
      otherLanguage: 'Tiếng Việt',
      footer: 'National Public Service Portal · Help line 18001096 (free of charge)',
      devBanner: 'Development environment: carriers, SMS centre and phones are simulated.',
    },
    nav: {
      label: 'Site navigation',
      signIn: 'Sign in',
      account: 'Account',
    },
    common: {
      required: '(required)',
      errorPrefix: 'Error',
      errorSummaryTitle: 'There is a problem',
      showPassword: 'Show password',
      hidePassword: 'Hide password',
      goHome: 'Go to the home page',
      forgotPassword: 'Forgot your password?',
      tryAgain: 'Try again',
      minutes: '{count} minutes',
      seconds: '{count} seconds',
    },
  },
});
