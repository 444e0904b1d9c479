/** Choosing a password (registration, recovery, change): the form, the policy and its field errors. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    password: {
      title: 'Đặt mật khẩu',
      lead: 'Mật khẩu dùng để đăng nhập, cùng với số giấy tờ của bạn.',
      password: 'Mật khẩu',
      newPassword: 'Mật khẩu mới',
      confirmPassword: 'Nhập lại mật khẩu',
      currentPassword: 'Mật khẩu hiện tại',
      rulesTitle: 'Mật khẩu cần:',
      ruleLength: 'từ 8 đến 128 ký tự',
      ruleUpper: 'ít nhất một chữ hoa',
      ruleLower: 'ít nhất một chữ thường',
      ruleDigit: 'ít nhất một chữ số',
      ruleSpecial: 'ít nhất một ký tự đặc biệt, ví dụ @ # !',
      rulePersonal: 'không chứa số giấy tờ, số điện thoại hay ngày sinh',
      ruleCommon: 'không phải mật khẩu phổ biến (ví dụ Aa@123456 quá dễ đoán)',
      checkedOnContinue: '– được kiểm tra khi bạn tiếp tục',
      strength: 'Độ mạnh',
      strengthLevels: 'Rất yếu|Yếu|Trung bình|Mạnh|Rất mạnh',
      submit: 'Hoàn tất đăng ký',
    },
    fieldErrors: {
      TOO_COMMON_BASE:
        'Mật khẩu này quá phổ biến: bỏ các ký tự thêm vào, nó chỉ còn là “{common}”, nằm trong danh sách mật khẩu hay bị lộ.',
    },
  },
  en: {
    password: {
      title: 'Set your password',
      lead: 'You will sign in with your ID number and this password.',
      password: 'Password',
      newPassword: 'New password',
      confirmPassword: 'Confirm the password',
      currentPassword: 'Current password',
      rulesTitle: 'Your password needs:',
      ruleLength: '8 to 128 characters',
      ruleUpper: 'an uppercase letter',
      ruleLower: 'a lowercase letter',
      ruleDigit: 'a digit',
      ruleSpecial: 'a special character, for example @ # !',
      rulePersonal: 'no ID number, phone number or birth date in it',
      ruleCommon: 'not to be a common password (Aa@123456, for example, is too easy to guess)',
      checkedOnContinue: '– checked when you continue',
      strength: 'Strength',
      strengthLevels: 'Very weak|Weak|Fair|Strong|Very strong',
      submit: 'Finish registration',
    },
    fieldErrors: {
      TOO_COMMON_BASE:
        'This password is too common: without the characters added to it, it is just “{common}”, which is on lists of leaked passwords.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      PASSWORD_POLICY: {
        title: 'Mật khẩu chưa đạt yêu cầu',
        detail: 'Mật khẩu chưa đáp ứng các yêu cầu được liệt kê.',
      },
      PASSWORD_MISMATCH: {
        title: 'Mật khẩu nhập lại không khớp',
        detail: 'Hai lần nhập mật khẩu không giống nhau.',
      },
    },
    fields: {
      TOO_SHORT: 'Mật khẩu phải có ít nhất 8 ký tự.',
      TOO_LONG: 'Mật khẩu không được dài quá 128 ký tự.',
      NO_UPPERCASE: 'Mật khẩu cần ít nhất một chữ hoa.',
      NO_LOWERCASE: 'Mật khẩu cần ít nhất một chữ thường.',
      NO_DIGIT: 'Mật khẩu cần ít nhất một chữ số.',
      NO_SPECIAL: 'Mật khẩu cần ít nhất một ký tự đặc biệt (ví dụ @ # !).',
      CONTAINS_PERSONAL_DATA: 'Mật khẩu không được chứa số giấy tờ, số điện thoại hay ngày sinh.',
      TOO_COMMON: 'Mật khẩu quá phổ biến, dễ bị đoán (nằm trong danh sách mật khẩu hay bị lộ).',
      PASSWORD_MISMATCH: 'Mật khẩu nhập lại không khớp.',
    },
  },
  en: {
    problems: {
      PASSWORD_POLICY: {
        title: 'Password does not meet the rules',
        detail: 'The password does not meet the rules listed.',
      },
      PASSWORD_MISMATCH: {
        title: 'Passwords do not match',
        detail: 'The two passwords entered are not the same.',
      },
    },
    fields: {
      TOO_SHORT: 'The password needs at least 8 characters.',
      TOO_LONG: 'The password must not be longer than 128 characters.',
      NO_UPPERCASE: 'The password needs an uppercase letter.',
      NO_LOWERCASE: 'The password needs a lowercase letter.',
      NO_DIGIT: 'The password needs a digit.',
      NO_SPECIAL: 'The password needs a special character (e.g. @ # !).',
      CONTAINS_PERSONAL_DATA: 'The password must not contain your ID number, phone number or birth date.',
      TOO_COMMON: 'The password is too common and easy to guess (it is on lists of leaked passwords).',
      PASSWORD_MISMATCH: 'The passwords do not match.',
    },
  },
});
