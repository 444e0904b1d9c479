/** One-time codes sent by SMS, in registration and recovery: the code step and its failures. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    code: {
      title: 'Nhập mã OTP',
      lead: 'Mã gồm 6 chữ số đã được gửi tới số {phone}.',
      code: 'Mã OTP',
      codeHint: '6 chữ số trong tin nhắn',
      validUntil: 'Mã có hiệu lực đến {time} (còn {left}).',
      expiredNow: 'Mã đã hết hạn. Hãy yêu cầu gửi lại mã mới.',
      resendAt: 'Bạn có thể yêu cầu mã mới từ {time} (sau {left}).',
      resendNow: 'Bạn có thể yêu cầu mã mới ngay bây giờ.',
      resendTooSoon: 'Mã đã gửi vẫn dùng được. Vui lòng đợi {when} rồi yêu cầu mã mới.',
      notReceivedTitle: 'Không nhận được mã?',
      notReceivedWait:
        'Tin nhắn có thể đến chậm khoảng một phút. Hãy kiểm tra hộp tin nhắn và đợi thêm một chút trước khi yêu cầu mã mới.',
      otherMethods: 'Đăng ký bằng cách khác',
      submit: 'Xác nhận',
      resend: 'Gửi lại mã',
      resent: 'Đã gửi mã mới tới số {phone}. Mã cũ không còn dùng được.',
      resentRecovery: 'Đã gửi mã mới. Mã cũ không còn dùng được.',
      wrongNumber: 'Sai số điện thoại? Đăng ký lại với số đúng.',
      wrongNumberKept:
        'Các thông tin bạn đã nhập vẫn được giữ. Hãy nhập số điện thoại đúng và ký tự trong ảnh mới, rồi gửi lại.',
      recoveryLead:
        'Nếu số giấy tờ đã có tài khoản, mã gồm 6 chữ số đã được gửi tới số điện thoại của tài khoản đó.',
    },
    fieldErrors: {
      OTP_FORMAT: 'Mã OTP gồm 6 chữ số.',
      OTP_RESEND_TOO_SOON: 'Vui lòng đợi {when} rồi yêu cầu mã mới.',
    },
  },
  en: {
    code: {
      title: 'Enter the code',
      lead: 'We sent a 6-digit code to {phone}.',
      code: 'Code',
      codeHint: 'The 6 digits in the text message',
      validUntil: 'The code is valid until {time} ({left} left).',
      expiredNow: 'The code has expired. Ask for a new one.',
      resendAt: 'You can ask for a new code from {time} (in {left}).',
      resendNow: 'You can ask for a new code now.',
      resendTooSoon: 'The code we sent still works. Please wait {when}, then ask for a new code.',
      notReceivedTitle: "Didn't get the code?",
      notReceivedWait:
        'A text message can take about a minute to arrive. Check your messages and wait a little before asking for a new code.',
      otherMethods: 'Register another way',
      submit: 'Confirm',
      resend: 'Send a new code',
      resent: 'A new code was sent to {phone}. The old code no longer works.',
      resentRecovery: 'A new code was sent. The old code no longer works.',
      wrongNumber: 'Wrong phone number? Start again with the right one.',
      wrongNumberKept:
        'What you typed is kept. Type the right phone number and the characters in the new image, then send again.',
      recoveryLead: "If the ID number has an account, a 6-digit code was sent to the account's phone number.",
    },
    fieldErrors: {
      OTP_FORMAT: 'The code has 6 digits.',
      OTP_RESEND_TOO_SOON: 'Please wait {when}, then ask for a new code.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      OTP_INVALID: {
        title: 'Mã OTP không đúng',
        detail: 'Mã OTP không đúng. Bạn còn {attemptsLeft} lần thử.',
      },
      OTP_EXPIRED: {
        title: 'Mã OTP đã hết hạn',
        detail: 'Mã OTP đã hết hạn. Hãy yêu cầu gửi lại mã mới.',
      },
      OTP_LOCKED: {
        title: 'Mã OTP đã bị khóa',
        detail: 'Bạn đã nhập sai quá số lần cho phép. Hãy yêu cầu gửi lại mã mới.',
      },
      OTP_RESEND_TOO_SOON: {
        title: 'Chưa thể gửi lại mã',
        detail: 'Vui lòng đợi {retryAfter} giây trước khi yêu cầu mã mới.',
      },
      OTP_LIMIT_REACHED: {
        title: 'Đã hết lượt gửi mã',
        detail: 'Bạn đã yêu cầu quá số mã cho phép trong lần đăng ký này. Hãy bắt đầu lại sau.',
      },
      SMS_UNAVAILABLE: {
        title: 'Chưa gửi được tin nhắn',
        detail:
          'Hệ thống tin nhắn tạm thời gián đoạn. Chưa có gì được lưu và lượt gửi không bị tính; vui lòng thử lại sau.',
      },
    },
  },
  en: {
    problems: {
      OTP_INVALID: {
        title: 'Wrong code',
        detail: 'The code is not right. You have {attemptsLeft} attempts left.',
      },
      OTP_EXPIRED: {
        title: 'Code expired',
        detail: 'The code has expired. Ask for a new one.',
      },
      OTP_LOCKED: {
        title: 'Code locked',
        detail: 'Too many wrong attempts. Ask for a new code.',
      },
      OTP_RESEND_TOO_SOON: {
        title: 'Too soon to resend',
        detail: 'Please wait {retryAfter} seconds before asking for a new code.',
      },
      OTP_LIMIT_REACHED: {
        title: 'No more codes',
        detail: 'You have asked for as many codes as this registration allows. Start again later.',
      },
      SMS_UNAVAILABLE: {
        title: 'The text message could not be sent',
        detail:
          'The SMS service is temporarily down. Nothing was kept and no attempt was counted; please try again later.',
      },
    },
  },
});
