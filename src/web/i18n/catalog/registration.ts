/**
 * The registration journey every method shares: the choice of method, the refusals any method meets, the end.
 */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    methods: {
      title: 'Chọn cách đăng ký',
      lead: 'Có sáu cách đăng ký tài khoản. Cách nhanh nhất là bằng thuê bao di động đứng tên bạn.',
      notYet: 'Chưa hỗ trợ',
    },
    registrationForm: {
      idNumber: 'Số CCCD/CMND',
      idNumberHint: '12 chữ số (CCCD) hoặc 9 chữ số (CMND)',
      fullName: 'Họ và tên',
      fullNameHint: 'Như trên giấy tờ, có thể gõ không dấu',
      birthDate: 'Ngày sinh',
      birthDateHint: 'Dạng ngày/tháng/năm, ví dụ 05/09/1990',
      consentLegend: 'Đồng ý xử lý dữ liệu cá nhân',
      expired: 'Phiên đăng ký đã hết hạn hoặc không còn. Vui lòng nhập lại thông tin.',
    },
    done: {
      title: 'Đăng ký thành công',
      lead: 'Tài khoản của bạn đã được tạo.',
      username: 'Tên đăng nhập là số CCCD/CMND bạn đã nhập.',
      signIn: 'Đăng nhập ngay',
      signedInLead: 'Tài khoản của bạn đã được tạo và bạn đã đăng nhập.',
      nextTime: 'Lần sau, hãy đăng nhập bằng số CCCD/CMND bạn đã nhập và mật khẩu vừa tạo.',
      toAccount: 'Đến trang tài khoản',
    },
    refusal: {
      title: 'Chưa thể tiếp tục',
      whatNow: 'Bạn có thể làm gì',
      exists1: 'Đăng nhập bằng số giấy tờ và mật khẩu.',
      exists2: 'Nếu quên mật khẩu, lấy lại mật khẩu bằng mã OTP gửi tới số điện thoại của tài khoản.',
      tryLater: 'Thử lại sau {when}.',
      tryLaterSoon: 'Thử lại sau ít phút.',
      lockedResend: 'Yêu cầu gửi mã mới rồi nhập mã mới.',
      limitReached: 'Phiên này đã dùng hết số lần gửi mã. Hãy bắt đầu lại sau {when}.',
    },
  },
  en: {
    methods: {
      title: 'Choose how to register',
      lead: 'There are six ways to register. The quickest is with a mobile number registered in your name.',
      notYet: 'Not available yet',
    },
    registrationForm: {
      idNumber: 'Citizen ID number',
      idNumberHint: '12 digits (CCCD) or 9 digits (old CMND)',
      fullName: 'Full name',
      fullNameHint: 'As on your ID; you may type it without diacritics',
      birthDate: 'Date of birth',
      birthDateHint: 'Day/month/year, for example 05/09/1990',
      consentLegend: 'Consent to personal data processing',
      expired: 'Your registration has expired or no longer exists. Please enter your details again.',
    },
    done: {
      title: 'You are registered',
      lead: 'Your account has been created.',
      username: 'Your username is the ID number you entered.',
      signIn: 'Sign in now',
      signedInLead: 'Your account has been created and you are signed in.',
      nextTime: 'Next time, sign in with the ID number you entered and the password you just chose.',
      toAccount: 'Go to your account',
    },
    refusal: {
      title: 'We cannot go on yet',
      whatNow: 'What you can do',
      exists1: 'Sign in with your ID number and password.',
      exists2: "If you forgot your password, reset it with a code sent to the account's phone number.",
      tryLater: 'Try again in {when}.',
      tryLaterSoon: 'Try again in a few minutes.',
      lockedResend: 'Ask for a new code, then enter the new code.',
      limitReached: 'This registration has used all its codes. Start again in {when}.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      ACCOUNT_EXISTS: {
        title: 'Tài khoản đã tồn tại',
        detail: 'Số giấy tờ này đã có tài khoản. Hãy đăng nhập hoặc lấy lại mật khẩu.',
      },
      REGISTRATION_NOT_FOUND: {
        title: 'Không tìm thấy lượt đăng ký',
        detail: 'Lượt đăng ký không tồn tại hoặc đã hết hạn. Hãy bắt đầu lại.',
      },
      STEP_NOT_ALLOWED: {
        title: 'Bước này không thực hiện được',
        detail: 'Lượt đăng ký không ở bước này (có thể bước đã hoàn thành). Hãy tải lại trang.',
      },
    },
  },
  en: {
    problems: {
      ACCOUNT_EXISTS: {
        title: 'Account already exists',
        detail: 'This ID number already has an account. Sign in or recover your password.',
      },
      REGISTRATION_NOT_FOUND: {
        title: 'Registration not found',
        detail: 'The registration does not exist or has expired. Please start again.',
      },
      STEP_NOT_ALLOWED: {
        title: 'This step is not available',
        detail: 'The registration is not at this step (it may already be done). Reload the page.',
      },
    },
  },
});
