/**
 * The captcha in front of registration and recovery: "Ký tự trong ảnh" / "Characters in the image" (never
 * "Mã xác thực", the SMS code's name), its audio alternative, and the words the clip says for each character.
 */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    captcha: {
      label: 'Ký tự trong ảnh',
      hint: 'Nhập 6 ký tự (chữ và số) trong ảnh hoặc trong bản nghe; không phân biệt chữ hoa, chữ thường. Khó đọc? Chọn «Đổi ảnh khác» ở cuối biểu mẫu.',
      imageAlt: 'Ảnh gồm 6 ký tự chữ và số cần nhập. Nếu không xem được ảnh, hãy nghe bản đọc ngay sau ảnh.',
      imageAltNoAudio:
        'Ảnh gồm 6 ký tự chữ và số cần nhập. Nếu không xem được ảnh, hãy gọi tổng đài {helpline}.',
      audioLabel: 'Không xem được ảnh? Nghe 6 ký tự, đọc lần lượt từng ký tự (tiếng Việt):',
      audioLink: 'Mở bản nghe các ký tự',
      noSight:
        'Không xem được ảnh và không nghe được? Gọi tổng đài {helpline} (miễn phí) để được hỗ trợ đăng ký.',
      newImage: 'Đổi ảnh khác',
    },
    captchaAudio: {
      intro: 'Các ký tự cần nhập là',
      again: 'Nhắc lại',
      m: 'chữ em mờ',
      r: 'chữ e rờ',
      w: 'chữ vê kép',
      x: 'chữ ích xì',
      y: 'chữ i dài',
      '2': 'số hai',
      '3': 'số ba',
      '4': 'số bốn',
      '5': 'số năm',
      '6': 'số sáu',
      '7': 'số bảy',
      '8': 'số tám',
      '9': 'số chín',
    },
    fieldErrors: {
      CAPTCHA_INVALID: 'Ký tự trong ảnh chưa đúng hoặc ảnh đã hết hạn. Hãy nhập các ký tự của ảnh mới.',
    },
  },
  en: {
    captcha: {
      label: 'Characters in the image',
      hint: 'Type the 6 characters (letters and digits) in the image or in the recording; upper or lower case. Hard to read? Choose “New image” at the end of the form.',
      imageAlt:
        'An image of 6 letters and digits to type. If you cannot see it, listen to the recording right after the image.',
      imageAltNoAudio:
        'An image of 6 letters and digits to type. If you cannot see it, call the help line on {helpline}.',
      audioLabel: 'Cannot see the image? Listen to the 6 characters, read one by one (in English):',
      audioLink: 'Open the recording of the characters',
      noSight:
        'Cannot see the image or listen to it? Call the help line on {helpline} (free of charge) for help to register.',
      newImage: 'New image',
    },
    captchaAudio: {
      intro: 'The characters to type are',
      again: 'Once more',
      m: 'letter em',
      r: 'letter ar',
      w: 'letter double-you',
      x: 'letter ex',
      y: 'letter why',
      '2': 'number two',
      '3': 'number three',
      '4': 'number four',
      '5': 'number five',
      '6': 'number six',
      '7': 'number seven',
      '8': 'number eight',
      '9': 'number nine',
    },
    fieldErrors: {
      CAPTCHA_INVALID:
        'The characters were wrong or the image had expired. Type the characters of the new image.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    // The API's field error of a wrong answer (the asynchronous starts name the field): without it the
    // problem's `message` was missing and the answer failed to serialise (a 500 the chaos fuzzer found).
    fields: {
      CAPTCHA_INVALID: 'Ký tự trong ảnh chưa đúng hoặc ảnh đã hết hạn. Hãy nhập các ký tự của ảnh mới.',
    },
    problems: {
      CAPTCHA_INVALID: {
        title: 'Ký tự trong ảnh chưa đúng',
        detail: 'Ký tự trong ảnh sai, ảnh đã hết hạn hoặc đã được dùng. Hãy lấy ảnh mới và nhập lại.',
      },
      CAPTCHA_NOT_FOUND: {
        title: 'Không tìm thấy ảnh ký tự',
        detail: 'Ảnh ký tự không tồn tại hoặc đã hết hạn.',
      },
      CAPTCHA_AUDIO_UNAVAILABLE: {
        title: 'Chưa có bản nghe',
        detail:
          'Hiện không tạo được bản nghe các ký tự. Hãy thử lại, đổi ảnh khác, hoặc gọi tổng đài 18001096 (miễn phí).',
      },
    },
  },
  en: {
    fields: {
      CAPTCHA_INVALID:
        'The characters were wrong or the image had expired. Type the characters of the new image.',
    },
    problems: {
      CAPTCHA_INVALID: {
        title: 'Wrong characters',
        detail:
          'The characters are wrong, or the image expired or was already used. Get a new image and try again.',
      },
      CAPTCHA_NOT_FOUND: {
        title: 'Character image not found',
        detail: 'The character image does not exist or has expired.',
      },
      CAPTCHA_AUDIO_UNAVAILABLE: {
        title: 'No recording',
        detail:
          'The recording of the characters cannot be made now. Try again, get a new image, or call the help line on 18001096 (free of charge).',
      },
    },
  },
});
