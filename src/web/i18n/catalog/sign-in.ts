/** Signing in, and what needs a signed-in session. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    signIn: {
      title: 'Đăng nhập',
      username: 'Số CCCD/CMND',
      usernameHint: 'Tên đăng nhập là số giấy tờ bạn dùng khi đăng ký',
      password: 'Mật khẩu',
      submit: 'Đăng nhập',
      noAccount: 'Chưa có tài khoản? Đăng ký',
    },
    fieldErrors: {
      SIGN_IN_FAILED: 'Số giấy tờ hoặc mật khẩu không đúng.',
    },
  },
  en: {
    signIn: {
      title: 'Sign in',
      username: 'Citizen ID number',
      usernameHint: 'Your username is the ID number you registered with',
      password: 'Password',
      submit: 'Sign in',
      noAccount: 'No account yet? Register',
    },
    fieldErrors: {
      SIGN_IN_FAILED: 'The ID number or the password is not right.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      INVALID_CREDENTIALS: {
        title: 'Sai thông tin đăng nhập',
        detail: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      },
      UNAUTHENTICATED: {
        title: 'Chưa đăng nhập',
        detail: 'Bạn cần đăng nhập để tiếp tục.',
      },
    },
  },
  en: {
    problems: {
      INVALID_CREDENTIALS: {
        title: 'Wrong sign-in details',
        detail: 'The username or password is not right.',
      },
      UNAUTHENTICATED: {
        title: 'Not signed in',
        detail: 'Please sign in to continue.',
      },
    },
  },
});
