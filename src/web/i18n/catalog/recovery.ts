/** Recovering a forgotten password. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    recovery: {
      title: 'Lấy lại mật khẩu',
      lead: 'Nhập số giấy tờ của tài khoản. Mã OTP sẽ được gửi tới số điện thoại của tài khoản.',
      submit: 'Gửi mã OTP',
      passwordTitle: 'Đặt mật khẩu mới',
      passwordSubmit: 'Lưu mật khẩu mới',
      doneTitle: 'Đã đặt mật khẩu mới',
      doneLead: 'Mật khẩu mới đã được lưu. Mọi phiên đăng nhập cũ đã kết thúc.',
      expired: 'Phiên lấy lại mật khẩu đã hết hạn. Vui lòng bắt đầu lại.',
    },
  },
  en: {
    recovery: {
      title: 'Reset your password',
      lead: "Enter the account's ID number. We will send a code to the account's phone number.",
      submit: 'Send the code',
      passwordTitle: 'Set a new password',
      passwordSubmit: 'Save the new password',
      doneTitle: 'Your new password is set',
      doneLead: 'Your new password has been saved. All earlier sessions have ended.',
      expired: 'Your password reset has expired. Please start again.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      CODE_NOT_FOUND: {
        title: 'Không tìm thấy yêu cầu',
        detail: 'Yêu cầu không tồn tại hoặc đã hết hạn. Hãy bắt đầu lại.',
      },
    },
  },
  en: {
    problems: {
      CODE_NOT_FOUND: {
        title: 'Request not found',
        detail: 'The request does not exist or has expired. Please start again.',
      },
    },
  },
});
