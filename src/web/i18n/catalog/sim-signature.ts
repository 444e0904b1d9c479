/**
 * Registration and sign-in by SIM signature (docs/methods.md, "SIM signature"): the refusals of the mobile-signature
 * service and of signatures awaited (cancelled, expired, superseded, PIN blocked), and the method's pages (form,
 * waiting page with the display code and the countdown, refusal pages, sign-in).
 */
import { defineApiTexts, definePageTexts } from './define.ts';

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      SIGNATURE_CANCELLED: {
        title: 'Bạn đã từ chối ký',
        detail: 'Yêu cầu ký đã bị huỷ trên điện thoại. Chưa có gì được tạo; bạn có thể bắt đầu lại.',
      },
      SIGNATURE_EXPIRED: {
        title: 'Hết thời gian ký',
        detail:
          'Yêu cầu ký không được xác nhận trong 2 phút nên đã hết hạn. Chưa có gì được tạo; hãy bắt đầu lại.',
      },
      SUPERSEDED: {
        title: 'Yêu cầu này đã được thay bằng yêu cầu mới',
        detail:
          'Một lần đăng ký mới cho cùng người (hoặc cùng số điện thoại) đã bắt đầu sau yêu cầu này. Hãy tiếp tục ở lần mới.',
      },
      SIM_PIN_BLOCKED: {
        title: 'Mã PIN ký số của SIM đã bị khoá',
        detail:
          'Mã PIN ký số bị nhập sai quá số lần cho phép nên SIM đã khoá chức năng ký. Hãy liên hệ nhà mạng hoặc tổ chức cung cấp chữ ký số trên SIM để mở khoá.',
      },
      MOBILE_SIGNATURE_NOT_ENABLED: {
        title: 'SIM chưa có chữ ký số',
        detail:
          'Số điện thoại này chưa đăng ký dịch vụ chữ ký số trên SIM (Mobile PKI). Hãy đăng ký dịch vụ tại nhà mạng, hoặc chọn cách đăng ký khác.',
      },
      MOBILE_SIGNATURE_UNAVAILABLE: {
        title: 'Dịch vụ chữ ký số trên SIM tạm thời không phản hồi',
        detail:
          'Không kết nối được với dịch vụ ký số của nhà mạng. Chưa có gì được tạo; vui lòng thử lại sau ít phút.',
      },
    },
    fields: {
      PHONE_REQUIRED: 'Nhập số điện thoại có chữ ký số trên SIM.',
    },
  },
  en: {
    problems: {
      SIGNATURE_CANCELLED: {
        title: 'You declined to sign',
        detail: 'The signature request was cancelled on the phone. Nothing was created; you can start again.',
      },
      SIGNATURE_EXPIRED: {
        title: 'The time to sign ran out',
        detail:
          'The signature request was not approved within 2 minutes and has expired. Nothing was created; please start again.',
      },
      SUPERSEDED: {
        title: 'A newer request replaced this one',
        detail:
          'A new registration for the same person (or the same phone number) started after this request. Please continue with the new one.',
      },
      SIM_PIN_BLOCKED: {
        title: 'The SIM’s signing PIN is blocked',
        detail:
          'The signing PIN was entered wrongly too many times, so the SIM has blocked signing. Contact your mobile operator or the SIM signature provider to unblock it.',
      },
      MOBILE_SIGNATURE_NOT_ENABLED: {
        title: 'This SIM has no digital signature',
        detail:
          'This phone number has no SIM signature service (Mobile PKI). Subscribe to the service at your mobile operator, or choose another way to register.',
      },
      MOBILE_SIGNATURE_UNAVAILABLE: {
        title: 'The SIM signature service is not answering',
        detail:
          'The operator’s signing service could not be reached. Nothing was created; please try again in a few minutes.',
      },
    },
    fields: {
      PHONE_REQUIRED: 'Enter the phone number whose SIM holds your digital signature.',
    },
  },
});

export const pageTexts = definePageTexts({
  vi: {
    methods: {
      simSignature: 'Sim ký số',
      simSignatureHint: 'Dành cho người có SIM tích hợp chữ ký số của nhà mạng.',
    },
    simSignature: {
      title: 'Đăng ký bằng chữ ký số trên SIM',
      lead: 'Dùng chữ ký số trên SIM điện thoại (Mobile PKI) để chứng minh bạn là ai. Tài khoản được tạo với chứng thư số của SIM.',
      needTitle: 'Bạn cần có',
      need1: 'SIM đã đăng ký dịch vụ chữ ký số với nhà mạng, và mã PIN ký số của SIM.',
      need2: 'Điện thoại ở bên cạnh: SIM sẽ hiện yêu cầu ký kèm một mã gồm 4 ký tự.',
      phone: 'Số điện thoại',
      phoneHint: 'Số của SIM có chữ ký số, ví dụ 0912 345 678',
      consent:
        'Tôi đồng ý để Cổng Dịch vụ công quốc gia gửi yêu cầu ký tới SIM của tôi và lưu số định danh, họ tên và chứng thư số trên SIM để tạo tài khoản, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
      submit: 'Gửi yêu cầu ký tới SIM',
      waitingTitle: 'Xác nhận trên điện thoại',
      waitingLead:
        'SIM của bạn đang hiện yêu cầu ký. Kiểm tra mã trên điện thoại giống mã dưới đây rồi nhập mã PIN ký số.',
      displayCode: 'Mã xác nhận',
      countdown: 'Yêu cầu hết hạn lúc {time} (còn khoảng {seconds} giây).',
      refreshNote: 'Trang tự cập nhật sau vài giây. Nếu không, hãy bấm "Kiểm tra lại".',
      checkAgain: 'Kiểm tra lại',
      stopRefresh: 'Dừng tự cập nhật trang',
      refreshStopped:
        'Trang không tự cập nhật nữa. Sau khi nhập mã PIN trên điện thoại, hãy bấm "Kiểm tra lại".',
      refusedSignInTitle: 'Chưa đăng nhập được',
      wrongCode: 'Mã trên điện thoại khác mã này? Đừng nhập PIN: hãy huỷ trên điện thoại.',
      doneTitle: 'Đăng ký thành công',
      doneLead: 'Tài khoản của bạn đã được tạo với chứng thư số trên SIM, và bạn đã đăng nhập.',
      username: 'Tên đăng nhập (số định danh)',
      doneNext: 'Lần sau, chọn "Đăng nhập bằng chữ ký số trên SIM" trên trang đăng nhập.',
      continue: 'Tiếp tục',
      refusedTitle: 'Chưa tạo được tài khoản',
      startAgain: 'Bắt đầu lại',
      otherMethods: 'Chọn cách đăng ký khác',
      signIn: 'Đăng nhập',
      existsHow: 'Hãy đăng nhập vào tài khoản đó (lần sau có thể đăng nhập bằng chữ ký số trên SIM).',
      signInTitle: 'Đăng nhập bằng chữ ký số trên SIM',
      signInLead: 'Nhập số điện thoại; SIM sẽ hiện yêu cầu ký để bạn xác nhận bằng mã PIN ký số.',
      signInSubmit: 'Gửi yêu cầu đăng nhập tới SIM',
      signInWith: 'Đăng nhập bằng chữ ký số trên SIM',
      signInNotRegistered:
        'Chứng thư số trên SIM chưa gắn với tài khoản nào. Hãy đăng ký bằng chữ ký số trên SIM.',
      register: 'Đăng ký bằng chữ ký số trên SIM',
    },
  },
  en: {
    methods: {
      simSignature: 'SIM digital signature',
      simSignatureHint: "For people whose SIM holds a carrier's digital signature.",
    },
    simSignature: {
      title: 'Register with your SIM signature',
      lead: 'Use the digital signature on your phone’s SIM (Mobile PKI) to prove who you are. Your account is created with the SIM’s certificate.',
      needTitle: 'You need',
      need1: 'A SIM with the operator’s digital signature service, and the SIM’s signing PIN.',
      need2: 'Your phone at hand: the SIM will show a signature request with a 4-character code.',
      phone: 'Phone number',
      phoneHint: 'The number of the SIM with the signature, for example 0912 345 678',
      consent:
        'I agree that the National Public Service Portal sends a signature request to my SIM and keeps my ID number, name and the SIM’s certificate to create my account, under Decree 13/2023/ND-CP on personal data protection.',
      submit: 'Send the signature request to my SIM',
      waitingTitle: 'Confirm on your phone',
      waitingLead:
        'Your SIM is showing a signature request. Check that the code on the phone is the code below, then enter your signing PIN.',
      displayCode: 'Confirmation code',
      countdown: 'The request expires at {time} (about {seconds} seconds left).',
      refreshNote: 'This page updates itself every few seconds. If it does not, press "Check again".',
      checkAgain: 'Check again',
      stopRefresh: 'Stop updating this page',
      refreshStopped:
        'This page no longer updates itself. After entering your PIN on the phone, press "Check again".',
      refusedSignInTitle: 'You are not signed in',
      wrongCode: 'Different code on the phone? Do not enter your PIN: cancel on the phone.',
      doneTitle: 'You are registered',
      doneLead: 'Your account was created with your SIM’s certificate, and you are signed in.',
      username: 'Username (ID number)',
      doneNext: 'Next time, choose "Sign in with your SIM signature" on the sign-in page.',
      continue: 'Continue',
      refusedTitle: 'No account was created',
      startAgain: 'Start again',
      otherMethods: 'Choose another way to register',
      signIn: 'Sign in',
      existsHow: 'Sign in to that account (you can sign in with your SIM signature next time).',
      signInTitle: 'Sign in with your SIM signature',
      signInLead:
        'Enter your phone number; your SIM will show a signature request to approve with your signing PIN.',
      signInSubmit: 'Send the sign-in request to my SIM',
      signInWith: 'Sign in with your SIM signature',
      signInNotRegistered:
        'The certificate on this SIM opens no account yet. Register with your SIM signature.',
      register: 'Register with your SIM signature',
    },
  },
});
