/**
 * Registration and sign-in with a certificate on a USB token, and adding a certificate to an account: the
 * pages, what the local signing agent may answer (each said in its own words), and the method's refusals.
 * The signature pipeline's own codes (CERTIFICATE_*, SIGNATURE_INVALID, CHALLENGE_INVALID, ...) are the
 * signatures feature's.
 */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    methods: {
      usbToken: 'USB ký số',
      usbTokenHint: 'Dành cho doanh nghiệp, tổ chức và người có chứng thư số trên USB token.',
    },
    usbToken: {
      title: 'Đăng ký bằng chứng thư số (USB ký số)',
      lead: 'Dành cho công dân và doanh nghiệp có chứng thư số còn hiệu lực trên USB token, do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp.',
      needsTitle: 'Bạn cần chuẩn bị',
      needsToken: 'USB token chứa chứng thư số, cắm vào máy tính.',
      needsAgent:
        'Phần mềm ký số (plugin) của nhà cung cấp chứng thư số, đã cài và đang chạy trên máy tính này.',
      needsPin: 'Mã PIN của USB token.',
      needsComputer: 'Máy tính có trình duyệt bật JavaScript (điện thoại không dùng được USB token).',
      noScriptTitle: 'Trang này cần JavaScript',
      noScript:
        'Trình duyệt cần JavaScript để kết nối tới phần mềm ký số trên máy tính của bạn. Hãy bật JavaScript rồi tải lại trang, hoặc chọn cách đăng ký khác.',
      otherMethods: 'Chọn cách đăng ký khác',
      step1: 'Bước 1. Chọn chứng thư số',
      find: 'Tìm chứng thư số trên USB token',
      findAgain: 'Tìm lại',
      connecting: 'Đang kết nối tới phần mềm ký số…',
      agentUnreachable:
        'Không kết nối được tới phần mềm ký số trên máy tính. Hãy kiểm tra phần mềm đã được cài và đang chạy, rồi bấm Tìm lại.',
      localNetwork:
        'Nếu trình duyệt hỏi có cho phép trang này truy cập các thiết bị trong mạng cục bộ, hãy chọn Cho phép: phần mềm ký số chạy ngay trên máy tính của bạn.',
      trustAgent:
        'Lần đầu sử dụng, có thể bạn cần mở địa chỉ của phần mềm ký số một lần và chấp nhận chứng chỉ bảo mật của nó:',
      tokenAbsent: 'Không thấy USB token. Hãy cắm USB token vào máy tính rồi bấm Tìm lại.',
      noCertificates: 'USB token này không chứa chứng thư số nào.',
      certificateNotFound: 'Không thấy chứng thư số đã chọn trên USB token nữa. Hãy bấm Tìm lại.',
      agentError: 'Phần mềm ký số không thực hiện được yêu cầu. Hãy thử lại.',
      certificatesLegend: 'Chứng thư số trên USB token',
      issuedBy: 'Cấp bởi {issuer}, hiệu lực đến {validUntil}',
      chooseRequired: 'Hãy chọn một chứng thư số.',
      step2: 'Bước 2. Nhập mã PIN và ký xác nhận',
      pin: 'Mã PIN của USB token',
      pinHint: 'Mã PIN chỉ gửi tới phần mềm ký số trên máy tính của bạn, không gửi tới Cổng.',
      pinRequired: 'Hãy nhập mã PIN của USB token.',
      sign: 'Ký xác nhận',
      signing: 'Đang chờ phần mềm ký số…',
      pinIncorrect: 'Mã PIN không đúng. Bạn còn {triesLeft} lần thử trước khi USB token bị khóa.',
      pinLocked:
        'USB token đã bị khóa vì nhập sai mã PIN quá số lần cho phép. Hãy liên hệ nhà cung cấp chứng thư số để mở khóa.',
      challengeFailed: 'Chưa lấy được dữ liệu cần ký từ Cổng. Hãy thử lại sau ít phút.',
      step3: 'Bước 3. Kiểm tra thông tin',
      identityTitle: 'Thông tin đọc từ chứng thư số',
      name: 'Tên',
      idNumber: 'Số định danh / Mã số thuế',
      ca: 'Tổ chức cấp',
      validUntil: 'Hiệu lực đến',
      identityCheck: 'Nếu thông tin này không phải của bạn, đừng tiếp tục: hãy chọn chứng thư số khác.',
      signed: 'Đã ký xác nhận.',
      email: 'Email (không bắt buộc)',
      emailHint: 'Để Cổng gửi thông báo về tài khoản.',
      consent:
        'Tôi đồng ý để Cổng Dịch vụ công quốc gia xử lý thông tin trong chứng thư số của tôi (họ tên hoặc tên doanh nghiệp, số định danh hoặc mã số thuế), kiểm tra chứng thư số với tổ chức chứng thực chữ ký số và đối chiếu với Cơ sở dữ liệu quốc gia về dân cư hoặc về đăng ký doanh nghiệp, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
      submit: 'Đăng ký',
      signAgain: 'Sau khi sửa các mục trên, hãy ký xác nhận lại bằng USB token.',
    },
    usbTokenSignIn: {
      title: 'Đăng nhập bằng chứng thư số',
      lead: 'Dùng USB token chứa chứng thư số đã gắn với tài khoản của bạn.',
      link: 'Đăng nhập bằng chứng thư số (USB ký số)',
      submit: 'Đăng nhập',
      passwordInstead: 'Đăng nhập bằng mật khẩu',
      registerWithIt: 'Đăng ký tài khoản bằng chứng thư số này',
      noAccount:
        'Chứng thư số hợp lệ nhưng chưa gắn với tài khoản nào. Bạn có thể đăng ký bằng chứng thư số này, hoặc đăng nhập bằng cách khác rồi thêm nó từ trang tài khoản.',
    },
    usbTokenAccount: {
      title: 'Thêm chứng thư số',
      lead: 'Thêm một chứng thư số của chính bạn (cùng số định danh, hoặc cùng mã số thuế với tài khoản doanh nghiệp) để đăng nhập bằng USB token.',
      link: 'Thêm chứng thư số (USB ký số)',
      submit: 'Thêm chứng thư số',
      added: 'Đã thêm chứng thư số. Từ nay bạn có thể đăng nhập bằng USB token này.',
      alreadyAdded: 'Chứng thư số này đã có trong tài khoản của bạn.',
      back: 'Quay lại trang tài khoản',
    },
    usbTokenRefusal: {
      tryAgain: 'Thử lại',
      signIn: 'Đăng nhập',
      addLater: 'Đã có tài khoản: hãy đăng nhập, rồi thêm chứng thư số này từ trang tài khoản.',
      nothingKept: 'Chưa có gì được lưu.',
    },
    fieldErrors: {
      EMAIL_INVALID: 'Email chưa đúng định dạng, ví dụ: ten@example.vn.',
      SIGNATURE_REQUIRED: 'Hãy chọn chứng thư số và ký xác nhận bằng USB token.',
    },
  },
  en: {
    methods: {
      usbToken: 'USB digital-signature token',
      usbTokenHint: 'For businesses, organisations and people with a digital certificate on a USB token.',
    },
    usbToken: {
      title: 'Register with a digital certificate (USB token)',
      lead: 'For citizens and businesses with a valid certificate on a USB token, issued by a licensed certification authority.',
      needsTitle: 'What you need',
      needsToken: 'Your USB token with its certificate, plugged into this computer.',
      needsAgent:
        "Your certificate provider's signing software (plug-in), installed and running on this computer.",
      needsPin: "Your USB token's PIN.",
      needsComputer: 'A computer with JavaScript turned on in the browser (phones cannot use a USB token).',
      noScriptTitle: 'This page needs JavaScript',
      noScript:
        'Your browser needs JavaScript to reach the signing software on your computer. Turn JavaScript on and reload the page, or choose another way to register.',
      otherMethods: 'Choose another way to register',
      step1: 'Step 1. Choose your certificate',
      find: 'Find the certificates on my USB token',
      findAgain: 'Search again',
      connecting: 'Connecting to the signing software…',
      agentUnreachable:
        'The signing software on your computer could not be reached. Check that it is installed and running, then select Search again.',
      localNetwork:
        'If your browser asks whether this site may access devices on your local network, choose Allow: the signing software runs on your own computer.',
      trustAgent:
        "The first time, you may need to open the signing software's address once and accept its security certificate:",
      tokenAbsent: 'No USB token found. Plug your USB token in, then select Search again.',
      noCertificates: 'This USB token holds no certificate.',
      certificateNotFound: 'The certificate you chose is no longer on the USB token. Select Search again.',
      agentError: 'The signing software could not do this. Please try again.',
      certificatesLegend: 'Certificates on your USB token',
      issuedBy: 'Issued by {issuer}, valid until {validUntil}',
      chooseRequired: 'Choose a certificate.',
      step2: 'Step 2. Enter your PIN and sign',
      pin: 'USB token PIN',
      pinHint: 'Your PIN goes only to the signing software on your computer, never to the portal.',
      pinRequired: "Enter your USB token's PIN.",
      sign: 'Sign',
      signing: 'Waiting for the signing software…',
      pinIncorrect: 'Wrong PIN. You have {triesLeft} tries left before the USB token locks.',
      pinLocked:
        'The USB token is locked after too many wrong PINs. Contact your certificate provider to unlock it.',
      challengeFailed: 'The portal could not give a challenge to sign. Please try again in a few minutes.',
      step3: 'Step 3. Check the details',
      identityTitle: 'Details read from the certificate',
      name: 'Name',
      idNumber: 'ID number / Tax code',
      ca: 'Issued by',
      validUntil: 'Valid until',
      identityCheck: 'If these details are not yours, stop here and choose another certificate.',
      signed: 'Signed.',
      email: 'Email (optional)',
      emailHint: 'For notices about your account.',
      consent:
        'I agree that the National Public Service Portal processes the details in my certificate (full name or business name, ID number or tax code), checks the certificate with its certification authority and against the national population database or the business registry, under Decree 13/2023/ND-CP on personal data protection.',
      submit: 'Register',
      signAgain: 'Once the entries above are right, sign again with your USB token.',
    },
    usbTokenSignIn: {
      title: 'Sign in with a digital certificate',
      lead: 'Use the USB token holding the certificate linked to your account.',
      link: 'Sign in with a digital certificate (USB token)',
      submit: 'Sign in',
      passwordInstead: 'Sign in with a password',
      registerWithIt: 'Register an account with this certificate',
      noAccount:
        'The certificate is valid but no account holds it. You can register with it, or sign in another way and add it from your account page.',
    },
    usbTokenAccount: {
      title: 'Add a certificate',
      lead: 'Add a certificate of your own (the same ID number, or the same tax code as a business account) to sign in with your USB token.',
      link: 'Add a certificate (USB token)',
      submit: 'Add the certificate',
      added: 'Certificate added. You can now sign in with this USB token.',
      alreadyAdded: 'Your account already holds this certificate.',
      back: 'Back to your account',
    },
    usbTokenRefusal: {
      tryAgain: 'Try again',
      signIn: 'Sign in',
      addLater: 'You already have an account: sign in, then add this certificate from your account page.',
      nothingKept: 'Nothing was kept.',
    },
    fieldErrors: {
      EMAIL_INVALID: 'Enter an email address like name@example.vn.',
      SIGNATURE_REQUIRED: 'Choose a certificate and sign with your USB token.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    fields: {
      CHALLENGE_ID_INVALID: 'Dữ liệu cần ký không hợp lệ hoặc đã hết hạn. Hãy ký lại.',
      SIGNED_DATA_INVALID: 'Chữ ký phải là dữ liệu CMS SignedData mã hóa base64.',
      EMAIL_INVALID: 'Email chưa đúng định dạng.',
    },
    problems: {
      CERTIFICATE_NOT_REGISTERED: {
        title: 'Chứng thư số chưa gắn với tài khoản nào',
        detail:
          'Chứng thư số hợp lệ nhưng chưa có tài khoản nào đăng nhập bằng nó. Hãy đăng ký bằng chứng thư số này, hoặc đăng nhập cách khác rồi thêm nó từ trang tài khoản.',
      },
      CERTIFICATE_NOT_YOURS: {
        title: 'Chứng thư số không phải của chủ tài khoản',
        detail:
          'Chứng thư số mang số định danh hoặc mã số thuế khác với tài khoản này, nên không thể thêm vào tài khoản.',
      },
      CERTIFICATE_IN_USE: {
        title: 'Chứng thư số đã gắn với tài khoản khác',
        detail:
          'Chứng thư số này đã dùng để đăng nhập một tài khoản khác, nên không thể thêm vào tài khoản này.',
      },
    },
  },
  en: {
    fields: {
      CHALLENGE_ID_INVALID: 'The data to sign is not valid or has expired. Please sign again.',
      SIGNED_DATA_INVALID: 'The signature must be a base64-encoded CMS SignedData.',
      EMAIL_INVALID: 'The email address is not valid.',
    },
    problems: {
      CERTIFICATE_NOT_REGISTERED: {
        title: 'No account holds this certificate',
        detail:
          'The certificate is valid but no account signs in with it. Register with this certificate, or sign in another way and add it from your account page.',
      },
      CERTIFICATE_NOT_YOURS: {
        title: "The certificate is not the account holder's",
        detail:
          "The certificate names another ID number or tax code than this account's, so it cannot be added to it.",
      },
      CERTIFICATE_IN_USE: {
        title: 'Another account holds this certificate',
        detail: 'This certificate already signs in to another account, so it cannot be added to this one.',
      },
    },
  },
});
