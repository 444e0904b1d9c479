/**
 * Registration and sign-in by remote (personal) signature (docs/methods.md, "Remote (personal) signature"): the
 * refusals of the remote-signing services (no credential, not answering, a certificate of someone else), and the
 * method's pages (form with the provider choice, waiting page with the display code, refusal pages, sign-in).
 * The refusals shared with the SIM signature (cancelled, expired, superseded) are in sim-signature.ts.
 */
import { defineApiTexts, definePageTexts } from './define.ts';

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      REMOTE_SIGNATURE_NOT_FOUND: {
        title: 'Không tìm thấy chữ ký số từ xa',
        detail:
          'Nhà cung cấp đã chọn không có chữ ký số cá nhân nào cho số định danh này. Kiểm tra lại số định danh và nhà cung cấp, hoặc chọn cách đăng ký khác.',
      },
      REMOTE_SIGNATURE_UNAVAILABLE: {
        title: 'Dịch vụ ký số từ xa tạm thời không phản hồi',
        detail:
          'Không kết nối được với nhà cung cấp chữ ký số từ xa. Chưa có gì được tạo; vui lòng thử lại sau ít phút.',
      },
      REMOTE_SIGNATURE_ID_MISMATCH: {
        title: 'Chứng thư số không mang số định danh đã nhập',
        detail:
          'Chữ ký được tạo bằng chứng thư số của một người khác với số định danh bạn đã nhập. Chưa có gì được tạo.',
      },
    },
    fields: {
      PROVIDER_REQUIRED: 'Chọn nhà cung cấp chữ ký số từ xa của bạn.',
    },
  },
  en: {
    problems: {
      REMOTE_SIGNATURE_NOT_FOUND: {
        title: 'No remote signature found',
        detail:
          'The chosen provider holds no personal signature for this ID number. Check the ID number and the provider, or choose another way to register.',
      },
      REMOTE_SIGNATURE_UNAVAILABLE: {
        title: 'The remote signing service is not answering',
        detail:
          'The remote signature provider could not be reached. Nothing was created; please try again in a few minutes.',
      },
      REMOTE_SIGNATURE_ID_MISMATCH: {
        title: 'The certificate does not carry the ID number entered',
        detail:
          'The signature was made with the certificate of someone other than the ID number you entered. Nothing was created.',
      },
    },
    fields: {
      PROVIDER_REQUIRED: 'Choose your remote signature provider.',
    },
  },
});

export const pageTexts = definePageTexts({
  vi: {
    methods: {
      remoteSignature: 'Chữ ký số cá nhân',
      remoteSignatureHint: 'Dành cho người có chữ ký số từ xa do nhà cung cấp dịch vụ tin cậy cấp.',
    },
    remoteSignature: {
      title: 'Đăng ký bằng chữ ký số từ xa',
      lead: 'Dùng chữ ký số cá nhân từ xa (ký số trên ứng dụng của nhà cung cấp) để chứng minh bạn là ai. Tài khoản được tạo với chứng thư số của bạn.',
      needTitle: 'Bạn cần có',
      need1:
        'Chữ ký số cá nhân từ xa tại một nhà cung cấp (ví dụ VNPT SmartCA, Viettel MySign), và mã PIN của ứng dụng.',
      need2:
        'Điện thoại có ứng dụng của nhà cung cấp ở bên cạnh: ứng dụng sẽ hiện yêu cầu ký kèm một mã gồm 4 ký tự.',
      idNumber: 'Số định danh cá nhân',
      idNumberHint: 'Số căn cước 12 số (hoặc CMND 9 số) ghi trong chứng thư số',
      provider: 'Nhà cung cấp chữ ký số',
      provider_smartca: 'VNPT SmartCA',
      provider_mysign: 'Viettel MySign',
      consent:
        'Tôi đồng ý để Cổng Dịch vụ công quốc gia gửi yêu cầu ký tới nhà cung cấp chữ ký số của tôi và lưu số định danh, họ tên và chứng thư số để tạo tài khoản, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
      submit: 'Gửi yêu cầu ký tới ứng dụng',
      waitingTitle: 'Xác nhận trên ứng dụng ký số',
      waitingLead:
        'Ứng dụng của nhà cung cấp trên điện thoại đang hiện yêu cầu ký. Kiểm tra mã trong ứng dụng giống mã dưới đây rồi nhập mã PIN của ứng dụng.',
      displayCode: 'Mã xác nhận',
      countdown: 'Yêu cầu hết hạn lúc {time} (còn khoảng {seconds} giây).',
      refreshNote: 'Trang tự cập nhật sau vài giây. Nếu không, hãy bấm "Kiểm tra lại".',
      checkAgain: 'Kiểm tra lại',
      stopRefresh: 'Dừng tự cập nhật trang',
      refreshStopped: 'Trang không tự cập nhật nữa. Sau khi xác nhận trong ứng dụng, hãy bấm "Kiểm tra lại".',
      wrongCode: 'Mã trong ứng dụng khác mã này? Đừng xác nhận: hãy từ chối trong ứng dụng.',
      doneTitle: 'Đăng ký thành công',
      doneLead: 'Tài khoản của bạn đã được tạo với chứng thư số từ xa, và bạn đã đăng nhập.',
      username: 'Tên đăng nhập (số định danh)',
      doneNext: 'Lần sau, chọn "Đăng nhập bằng chữ ký số từ xa" trên trang đăng nhập.',
      continue: 'Tiếp tục',
      refusedTitle: 'Chưa tạo được tài khoản',
      refusedSignInTitle: 'Chưa đăng nhập được',
      startAgain: 'Bắt đầu lại',
      otherMethods: 'Chọn cách đăng ký khác',
      signIn: 'Đăng nhập',
      existsHow: 'Hãy đăng nhập vào tài khoản đó (lần sau có thể đăng nhập bằng chữ ký số từ xa).',
      signInTitle: 'Đăng nhập bằng chữ ký số từ xa',
      signInLead:
        'Nhập số định danh và chọn nhà cung cấp; ứng dụng ký số trên điện thoại sẽ hiện yêu cầu để bạn xác nhận bằng mã PIN.',
      signInSubmit: 'Gửi yêu cầu đăng nhập tới ứng dụng',
      signInWith: 'Đăng nhập bằng chữ ký số từ xa',
      signInNotRegistered: 'Chứng thư số này chưa gắn với tài khoản nào. Hãy đăng ký bằng chữ ký số từ xa.',
      register: 'Đăng ký bằng chữ ký số từ xa',
    },
  },
  en: {
    methods: {
      remoteSignature: 'Personal digital signature',
      remoteSignatureHint: 'For people with a remote digital signature from a trusted service provider.',
    },
    remoteSignature: {
      title: 'Register with your remote signature',
      lead: 'Use your personal remote signature (signing in your provider’s app) to prove who you are. Your account is created with your certificate.',
      needTitle: 'You need',
      need1:
        'A personal remote signature at a provider (for example VNPT SmartCA, Viettel MySign), and the app’s PIN.',
      need2:
        'Your phone with the provider’s app at hand: the app will show a signature request with a 4-character code.',
      idNumber: 'Personal ID number',
      idNumberHint: 'The 12-digit citizen ID (or 9-digit ID card) number in your certificate',
      provider: 'Signature provider',
      provider_smartca: 'VNPT SmartCA',
      provider_mysign: 'Viettel MySign',
      consent:
        'I agree that the National Public Service Portal sends a signature request to my signature provider and keeps my ID number, name and certificate to create my account, under Decree 13/2023/ND-CP on personal data protection.',
      submit: 'Send the signature request to my app',
      waitingTitle: 'Confirm in your signing app',
      waitingLead:
        'Your provider’s app on your phone is showing a signature request. Check that the code in the app is the code below, then enter the app’s PIN.',
      displayCode: 'Confirmation code',
      countdown: 'The request expires at {time} (about {seconds} seconds left).',
      refreshNote: 'This page updates itself every few seconds. If it does not, press "Check again".',
      checkAgain: 'Check again',
      stopRefresh: 'Stop updating this page',
      refreshStopped: 'This page no longer updates itself. After approving in the app, press "Check again".',
      wrongCode: 'Different code in the app? Do not approve: decline in the app.',
      doneTitle: 'You are registered',
      doneLead: 'Your account was created with your remote signature’s certificate, and you are signed in.',
      username: 'Username (ID number)',
      doneNext: 'Next time, choose "Sign in with your remote signature" on the sign-in page.',
      continue: 'Continue',
      refusedTitle: 'No account was created',
      refusedSignInTitle: 'You are not signed in',
      startAgain: 'Start again',
      otherMethods: 'Choose another way to register',
      signIn: 'Sign in',
      existsHow: 'Sign in to that account (you can sign in with your remote signature next time).',
      signInTitle: 'Sign in with your remote signature',
      signInLead:
        'Enter your ID number and choose your provider; the signing app on your phone will show a request to approve with your PIN.',
      signInSubmit: 'Send the sign-in request to my app',
      signInWith: 'Sign in with your remote signature',
      signInNotRegistered: 'This certificate opens no account yet. Register with your remote signature.',
      register: 'Register with your remote signature',
    },
  },
});
