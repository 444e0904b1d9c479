/**
 * Registration and sign-in through Vietnam Post (PostID): the method's page, the hub's consent page after PostID,
 * every way back from PostID (pending, rejected, account exists, refused, unavailable), the sign-in button, the
 * account page's PostID link and adding a password.
 */
import { definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    methods: {
      post: 'Bưu điện Việt Nam',
      postHint: 'Dành cho người muốn được nhân viên bưu điện hỗ trợ đăng ký trực tiếp.',
    },
    vnpost: {
      title: 'Đăng ký qua Bưu điện Việt Nam',
      lead: 'Dùng tài khoản PostID của Bưu điện Việt Nam để tạo tài khoản, không cần nhập lại thông tin.',
      whatTitle: 'PostID là gì?',
      what: 'PostID là dịch vụ định danh của Bưu điện Việt Nam. Nhân viên bưu điện kiểm tra giấy tờ tùy thân của bạn tại quầy và xác nhận tài khoản PostID.',
      needTitle: 'Bạn cần có',
      need1: 'Một tài khoản PostID (đăng ký tại trang PostID, kích hoạt bằng mã gửi tới điện thoại).',
      need2: 'Tài khoản đó đã được duyệt tại quầy của một bưu cục: mang theo CCCD hoặc CMND bản gốc.',
      need3:
        'Bạn sẽ được chuyển sang trang PostID để đăng nhập, rồi quay lại đây để xác nhận trước khi tài khoản được tạo.',
      continue: 'Tiếp tục với PostID',
      otherMethods: 'Chọn cách đăng ký khác',
      consentTitle: 'Xác nhận thông tin từ Bưu điện Việt Nam',
      consentLead:
        'PostID đã xác nhận bạn là ai. Trước khi tạo tài khoản, hãy kiểm tra những gì sẽ được lưu.',
      consentSignInLead:
        'Chưa có tài khoản nào liên kết với tài khoản PostID này. Bạn có thể tạo tài khoản ngay bằng thông tin PostID đã xác nhận.',
      fullName: 'Họ và tên',
      username: 'Tên đăng nhập (số định danh)',
      birthDate: 'Ngày sinh',
      phone: 'Số điện thoại đã xác thực',
      none: 'Không có',
      link: 'Đăng nhập bằng',
      linkValue: 'Tài khoản PostID của bạn',
      consentText:
        'Tôi đồng ý để Cổng Dịch vụ công quốc gia lưu các thông tin trên, do Bưu điện Việt Nam xác nhận, để tạo và quản lý tài khoản của tôi, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
      accept: 'Đồng ý và tạo tài khoản',
      decline: 'Không đồng ý',
      declinedTitle: 'Chưa tạo tài khoản',
      declinedLead: 'Bạn không đồng ý nên không có thông tin nào được lưu.',
      pendingTitle: 'Tài khoản PostID chưa được duyệt',
      pendingLead:
        'Tài khoản PostID của bạn đang chờ nhân viên bưu điện xác nhận. Chưa có gì được tạo ở đây.',
      pendingHow:
        'Hãy đến một bưu cục bất kỳ, mang theo CCCD hoặc CMND bản gốc đúng với số đã khai trên PostID. Nhân viên sẽ kiểm tra giấy tờ và duyệt tài khoản.',
      pendingThen: 'Sau khi được duyệt, quay lại đây và chọn "Tiếp tục với PostID" lần nữa.',
      rejectedTitle: 'Bưu điện chưa xác nhận được danh tính',
      rejectedLead:
        'Nhân viên bưu điện đã từ chối duyệt tài khoản PostID của bạn. Chưa có gì được tạo ở đây.',
      rejectedReason: 'Lý do bưu điện đưa ra: {reason}',
      rejectedHelp:
        'Hãy sửa thông tin trên PostID hoặc liên hệ Bưu điện Việt Nam qua tổng đài 1900 54 54 81, hoặc chọn cách đăng ký khác.',
      existsTitle: 'Số định danh này đã có tài khoản',
      existsLead: 'Đã có tài khoản với số định danh mà PostID xác nhận. Không tạo thêm tài khoản nào.',
      existsHow:
        'Đăng nhập vào tài khoản đó, rồi chọn "Liên kết tài khoản PostID" trên trang tài khoản để lần sau đăng nhập bằng PostID.',
      signIn: 'Đăng nhập',
      forgotPassword: 'Quên mật khẩu?',
      cmndTitle: 'Chưa đối chiếu được số CMND cũ',
      cmndLead:
        'PostID cho biết số CMND 9 chữ số, nhưng cơ sở dữ liệu dân cư chưa liên kết số này với số định danh 12 chữ số nào. Chưa có gì được tạo.',
      cmndHelp: 'Hãy cập nhật số CCCD trên PostID tại bưu cục, hoặc chọn cách đăng ký khác.',
      expiredTitle: 'Phiên với PostID đã hết hạn',
      expiredLead:
        'Liên kết quay về từ PostID đã được dùng hoặc đã quá hạn. Chưa có gì được tạo; hãy bắt đầu lại.',
      tamperedTitle: 'Không chấp nhận phản hồi từ PostID',
      tamperedLead:
        'Phản hồi quay về không thuộc lần đăng nhập này của bạn (có thể liên kết đã bị sửa). Vì an toàn, không có gì được tạo; hãy bắt đầu lại.',
      cancelledTitle: 'Bạn đã dừng lại ở PostID',
      cancelledLead: 'PostID cho biết bạn đã không đăng nhập hoặc không cho phép. Chưa có gì được tạo.',
      unavailableTitle: 'Bưu điện Việt Nam (PostID) tạm thời không phản hồi',
      unavailableLead:
        'Không kết nối được với PostID hoặc PostID trả lời không hợp lệ. Chưa có gì được tạo; vui lòng thử lại sau ít phút.',
      populationTitle: 'Cơ sở dữ liệu dân cư tạm thời không phản hồi',
      populationLead:
        'Chưa đối chiếu được số CMND cũ của bạn. Chưa có gì được tạo; vui lòng thử lại sau ít phút.',
      startAgain: 'Bắt đầu lại với PostID',
      signInWith: 'Đăng nhập bằng tài khoản Bưu điện (PostID)',
      orTitle: 'Hoặc',
      doneTitle: 'Đăng ký thành công',
      doneLead: 'Tài khoản của bạn đã được tạo, liên kết với PostID, và bạn đã đăng nhập.',
      doneNext: 'Lần sau, chọn "Đăng nhập bằng tài khoản Bưu điện" trên trang đăng nhập.',
      notLinked: 'Liên kết tài khoản PostID đã được bưu điện duyệt để đăng nhập bằng PostID.',
      linkButton: 'Liên kết tài khoản PostID',
      linkSamePerson: 'Tài khoản PostID phải mang cùng số định danh với tài khoản này.',
      linkedNotice: 'Đã liên kết tài khoản PostID.',
      linkOtherPersonTitle: 'Tài khoản PostID này không phải của bạn',
      linkOtherPersonLead:
        'Số định danh trên tài khoản PostID khác với số của tài khoản này, nên không thể liên kết.',
      linkNotApprovedTitle: 'Tài khoản PostID chưa được duyệt',
      linkNotApprovedLead:
        'Chỉ tài khoản PostID đã được nhân viên bưu điện duyệt mới liên kết được. Hãy đến bưu cục cùng CCCD hoặc CMND bản gốc.',
      linkTakenTitle: 'Tài khoản PostID đã liên kết với tài khoản khác',
      linkTakenLead: 'Mỗi tài khoản PostID chỉ liên kết với một tài khoản. Không có gì thay đổi.',
      backToAccount: 'Về trang tài khoản',
    },
    addPassword: {
      title: 'Thêm mật khẩu',
      lead: 'Thêm mật khẩu để đăng nhập bằng số định danh và mật khẩu, ngoài cách đăng nhập hiện có.',
      reauthTitle: 'Xác nhận lại trước khi thêm mật khẩu',
      reauthLead:
        'Vì an toàn, chỉ có thể thêm mật khẩu trong vòng 10 phút sau khi đăng nhập. Hãy đăng nhập lại bằng PostID.',
      reauthOther: 'Hãy đăng xuất rồi đăng nhập lại, sau đó quay lại trang này.',
      submit: 'Thêm mật khẩu',
      added: 'Đã thêm mật khẩu. Lần sau bạn có thể đăng nhập bằng số định danh và mật khẩu.',
      already: 'Tài khoản đã có mật khẩu; hãy dùng "Đổi mật khẩu".',
      link: 'Thêm mật khẩu',
    },
  },
  en: {
    methods: {
      post: 'Vietnam Post',
      postHint: 'For people who want a post office clerk to help them register in person.',
    },
    vnpost: {
      title: 'Register through Vietnam Post',
      lead: 'Use your Vietnam Post PostID account to create your account without typing your details again.',
      whatTitle: 'What is PostID?',
      what: 'PostID is Vietnam Post’s identity service. A post-office clerk checks your identity document at the counter and approves your PostID account.',
      needTitle: 'You need',
      need1: 'A PostID account (sign up on the PostID site; it is activated with a code sent to your phone).',
      need2: 'That account approved at a post-office counter: bring your original CCCD or CMND card.',
      need3:
        'You will sign in on PostID’s site, then come back here to confirm before your account is created.',
      continue: 'Continue with PostID',
      otherMethods: 'Choose another way to register',
      consentTitle: 'Confirm the details from Vietnam Post',
      consentLead:
        'PostID has confirmed who you are. Before your account is created, check what will be kept.',
      consentSignInLead:
        'No account is linked to this PostID account yet. You can create one now with the details PostID confirmed.',
      fullName: 'Full name',
      username: 'Username (ID number)',
      birthDate: 'Date of birth',
      phone: 'Verified phone number',
      none: 'None',
      link: 'Sign in with',
      linkValue: 'Your PostID account',
      consentText:
        'I agree that the National Public Service Portal keeps the details above, confirmed by Vietnam Post, to create and manage my account, under Decree 13/2023/ND-CP on personal data protection.',
      accept: 'Agree and create my account',
      decline: 'I do not agree',
      declinedTitle: 'No account was created',
      declinedLead: 'You did not agree, so nothing was kept.',
      pendingTitle: 'Your PostID account is not approved yet',
      pendingLead:
        'Your PostID account is waiting for a post-office clerk to approve it. Nothing was created here.',
      pendingHow:
        'Go to any post office with your original CCCD or CMND card, the one whose number you gave PostID. The clerk checks it and approves your account.',
      pendingThen: 'Once approved, come back here and choose “Continue with PostID” again.',
      rejectedTitle: 'Vietnam Post could not confirm your identity',
      rejectedLead: 'A post-office clerk rejected your PostID account. Nothing was created here.',
      rejectedReason: 'The reason Vietnam Post gave: {reason}',
      rejectedHelp:
        'Correct your details at PostID or call Vietnam Post on 1900 54 54 81, or choose another way to register.',
      existsTitle: 'This ID number already has an account',
      existsLead:
        'There is already an account with the ID number PostID confirmed. No second account was made.',
      existsHow:
        'Sign in to that account, then choose “Link a PostID account” on the account page to sign in with PostID next time.',
      signIn: 'Sign in',
      forgotPassword: 'Forgot your password?',
      cmndTitle: 'Your old CMND number could not be matched',
      cmndLead:
        'PostID gave a 9-digit CMND number, but the population registry links it to no 12-digit ID number. Nothing was created.',
      cmndHelp: 'Update your CCCD number at PostID at a post office, or choose another way to register.',
      expiredTitle: 'Your PostID session has expired',
      expiredLead:
        'The way back from PostID was already used or is too old. Nothing was created; please start again.',
      tamperedTitle: 'PostID’s answer was not accepted',
      tamperedLead:
        'The answer that came back does not belong to your sign-in (the link may have been altered). To keep you safe nothing was created; please start again.',
      cancelledTitle: 'You stopped at PostID',
      cancelledLead: 'PostID says you did not sign in or did not allow it. Nothing was created.',
      unavailableTitle: 'Vietnam Post (PostID) is not answering',
      unavailableLead:
        'PostID could not be reached or gave an answer that cannot be trusted. Nothing was created; please try again in a few minutes.',
      populationTitle: 'The population registry is not answering',
      populationLead:
        'Your old CMND number could not be matched. Nothing was created; please try again in a few minutes.',
      startAgain: 'Start again with PostID',
      signInWith: 'Sign in with your Vietnam Post account (PostID)',
      orTitle: 'Or',
      doneTitle: 'Registration complete',
      doneLead: 'Your account has been created, linked to PostID, and you are signed in.',
      doneNext: 'Next time, choose “Sign in with your Vietnam Post account” on the sign-in page.',
      notLinked: 'Link a PostID account approved at a post office to sign in with PostID.',
      linkButton: 'Link a PostID account',
      linkSamePerson: 'The PostID account must hold the same ID number as this account.',
      linkedNotice: 'Your PostID account is now linked.',
      linkOtherPersonTitle: 'This PostID account is not yours',
      linkOtherPersonLead:
        'The ID number on the PostID account differs from this account’s, so they cannot be linked.',
      linkNotApprovedTitle: 'Your PostID account is not approved yet',
      linkNotApprovedLead:
        'Only a PostID account approved by a post-office clerk can be linked. Go to a post office with your original CCCD or CMND card.',
      linkTakenTitle: 'This PostID account is linked to another account',
      linkTakenLead: 'A PostID account can be linked to one account only. Nothing changed.',
      backToAccount: 'Back to your account',
    },
    addPassword: {
      title: 'Add a password',
      lead: 'Add a password to sign in with your ID number and a password, besides the way you sign in now.',
      reauthTitle: 'Confirm it is you first',
      reauthLead:
        'To keep your account safe, a password can be added only within 10 minutes of signing in. Please sign in again with PostID.',
      reauthOther: 'Please sign out and sign in again, then come back to this page.',
      submit: 'Add the password',
      added: 'Your password was added. Next time you can sign in with your ID number and password.',
      already: 'This account already has a password; use “Change password”.',
      link: 'Add a password',
    },
  },
});
