/** The account page and the change of password. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    account: {
      title: 'Tài khoản của bạn',
      username: 'Tên đăng nhập',
      fullName: 'Họ và tên',
      phone: 'Số điện thoại',
      method: 'Cách đăng ký',
      createdAt: 'Ngày tạo',
      changePassword: 'Đổi mật khẩu',
      signOut: 'Đăng xuất',
      passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.',
      signedIn: 'Đăng nhập thành công.',
    },
    changePassword: {
      title: 'Đổi mật khẩu',
      lead: 'Sau khi đổi, các phiên đăng nhập trên thiết bị khác sẽ kết thúc.',
      submit: 'Đổi mật khẩu',
      cancel: 'Hủy',
    },
  },
  en: {
    account: {
      title: 'Your account',
      username: 'Username',
      fullName: 'Full name',
      phone: 'Phone number',
      method: 'Registered with',
      createdAt: 'Created on',
      changePassword: 'Change password',
      signOut: 'Sign out',
      passwordChanged: 'Your password was changed. Your other sessions have ended.',
      signedIn: 'You are signed in.',
    },
    changePassword: {
      title: 'Change your password',
      lead: 'Once changed, sessions on other devices end.',
      submit: 'Change password',
      cancel: 'Cancel',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    fields: {
      INVALID_CREDENTIALS: 'Mật khẩu hiện tại không đúng.',
      SAME_AS_CURRENT: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    },
  },
  en: {
    fields: {
      INVALID_CREDENTIALS: 'The current password is not right.',
      SAME_AS_CURRENT: 'The new password must differ from the current one.',
    },
  },
});
