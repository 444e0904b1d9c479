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
      organisationName: 'Tên tổ chức',
      taxCode: 'Mã số thuế',
      noPhone: 'Chưa có',
      email: 'Email',
      emailUnverified: 'chưa xác minh',
      emailUnverifiedHint: 'Email bạn khai khi đăng ký; Cổng chưa xác minh email này.',
    },
    signInMethods: {
      title: 'Cách đăng nhập',
      lead: 'Bạn có thể đăng nhập bằng bất kỳ cách nào dưới đây. Tài khoản luôn giữ ít nhất một cách.',
      password: 'Mật khẩu',
      passwordDetail: 'Đăng nhập bằng tên đăng nhập và mật khẩu.',
      certificate: 'Chứng thư số',
      certificateDetail: '{subject}, do {issuer} cấp, hiệu lực đến {until}.',
      certificateUnknown: 'Chứng thư số (mã vân tay {fingerprint}…)',
      federated: 'Tài khoản {provider}',
      federatedDetail: 'Đăng nhập qua {provider}.',
      providerVnpost: 'Bưu điện Việt Nam (PostID)',
      since: 'Thêm ngày {date}.',
      remove: 'Gỡ {method}',
      removed: 'Đã gỡ {method} khỏi tài khoản.',
      lastOne: 'Đây là cách đăng nhập duy nhất của tài khoản nên không thể gỡ. Hãy thêm một cách khác trước.',
      onlyOne: 'Đây là cách đăng nhập duy nhất, không thể gỡ.',
      notFound: 'Cách đăng nhập này không còn trong tài khoản.',
      add: 'Thêm cách đăng nhập',
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
      organisationName: 'Organisation',
      taxCode: 'Tax code',
      noPhone: 'None',
      email: 'Email',
      emailUnverified: 'not verified',
      emailUnverifiedHint: 'The email you gave when registering; the portal has not verified it.',
    },
    signInMethods: {
      title: 'Sign-in methods',
      lead: 'You can sign in with any of these. The account always keeps at least one.',
      password: 'Password',
      passwordDetail: 'Sign in with your username and password.',
      certificate: 'Digital certificate',
      certificateDetail: '{subject}, issued by {issuer}, valid until {until}.',
      certificateUnknown: 'Digital certificate (fingerprint {fingerprint}…)',
      federated: '{provider} account',
      federatedDetail: 'Sign in through {provider}.',
      providerVnpost: 'Vietnam Post (PostID)',
      since: 'Added on {date}.',
      remove: 'Remove {method}',
      removed: '{method} was removed from your account.',
      lastOne:
        'This is the only way to sign in to this account, so it cannot be removed. Add another one first.',
      onlyOne: 'This is the only sign-in method; it cannot be removed.',
      notFound: 'This sign-in method is no longer on your account.',
      add: 'Add a sign-in method',
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
    problems: {
      LAST_CREDENTIAL: {
        title: 'Không thể gỡ cách đăng nhập cuối cùng',
        detail:
          'Tài khoản phải còn ít nhất một cách đăng nhập. Hãy thêm một cách khác trước khi gỡ cách này.',
      },
      CREDENTIAL_NOT_FOUND: {
        title: 'Không có cách đăng nhập này',
        detail: 'Cách đăng nhập này không có trong tài khoản của bạn.',
      },
      CREDENTIAL_TAKEN: {
        title: 'Cách đăng nhập đã được dùng',
        detail: 'Cách đăng nhập này đã gắn với một tài khoản. Mỗi cách chỉ mở được một tài khoản.',
      },
    },
    fields: {
      INVALID_CREDENTIALS: 'Mật khẩu hiện tại không đúng.',
      SAME_AS_CURRENT: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    },
  },
  en: {
    problems: {
      LAST_CREDENTIAL: {
        title: 'The last sign-in method cannot be removed',
        detail: 'An account keeps at least one way to sign in. Add another one before removing this one.',
      },
      CREDENTIAL_NOT_FOUND: {
        title: 'No such sign-in method',
        detail: 'This sign-in method is not on your account.',
      },
      CREDENTIAL_TAKEN: {
        title: 'This sign-in method is already in use',
        detail: 'This sign-in method already opens an account. Each one opens one account only.',
      },
    },
    fields: {
      INVALID_CREDENTIALS: 'The current password is not right.',
      SAME_AS_CURRENT: 'The new password must differ from the current one.',
    },
  },
});
