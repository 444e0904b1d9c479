/** The captcha in front of registration and recovery. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    fieldErrors: {
      CAPTCHA_INVALID: 'Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã trong ảnh mới.',
    },
  },
  en: {
    fieldErrors: {
      CAPTCHA_INVALID: 'The captcha is wrong or has expired. Type the characters of the new image.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      CAPTCHA_INVALID: {
        title: 'Mã xác thực không đúng',
        detail: 'Mã xác thực sai, đã hết hạn hoặc đã được dùng. Hãy lấy mã mới và nhập lại.',
      },
      CAPTCHA_NOT_FOUND: {
        title: 'Không tìm thấy mã xác thực',
        detail: 'Mã xác thực không tồn tại hoặc đã hết hạn.',
      },
    },
  },
  en: {
    problems: {
      CAPTCHA_INVALID: {
        title: 'Wrong verification code',
        detail: 'The captcha is wrong, expired or already used. Get a new image and try again.',
      },
      CAPTCHA_NOT_FOUND: {
        title: 'Captcha not found',
        detail: 'The captcha does not exist or has expired.',
      },
    },
  },
});
