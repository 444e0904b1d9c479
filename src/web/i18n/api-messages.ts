/**
 * Titles and details of every API error code, and messages of field error codes, in Vietnamese and English.
 * `en` is typed against `vi`, so a code missing from either catalog fails the typecheck.
 * `{name}` placeholders are filled from the problem's parameters.
 */
const vi = {
  problems: {
    BAD_REQUEST: {
      title: 'Yêu cầu không hợp lệ',
      detail: 'Yêu cầu có trường không được chấp nhận hoặc sai định dạng.',
    },
    NOT_FOUND: { title: 'Không tìm thấy', detail: 'Địa chỉ được yêu cầu không tồn tại.' },
    METHOD_NOT_ALLOWED: {
      title: 'Phương thức không được hỗ trợ',
      detail: 'Địa chỉ này không hỗ trợ phương thức đã dùng.',
    },
    PAYLOAD_TOO_LARGE: {
      title: 'Dữ liệu gửi lên quá lớn',
      detail: 'Nội dung yêu cầu vượt quá {limit} byte.',
    },
    UNSUPPORTED_MEDIA_TYPE: {
      title: 'Kiểu nội dung không được hỗ trợ',
      detail: 'Hãy gửi dữ liệu dạng application/json.',
    },
    VALIDATION_FAILED: {
      title: 'Thông tin chưa hợp lệ',
      detail: 'Vui lòng kiểm tra lại các trường được đánh dấu.',
    },
    RATE_LIMITED: {
      title: 'Quá nhiều yêu cầu',
      detail: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {retryAfter} giây.',
    },
    SERVICE_UNAVAILABLE: {
      title: 'Dịch vụ tạm thời gián đoạn',
      detail: 'Hệ thống chưa sẵn sàng. Vui lòng thử lại sau.',
    },
    INTERNAL_ERROR: {
      title: 'Đã có lỗi xảy ra',
      detail: 'Hệ thống gặp sự cố ngoài dự kiến. Vui lòng thử lại sau.',
    },
    CAPTCHA_INVALID: {
      title: 'Mã xác thực không đúng',
      detail: 'Mã xác thực sai, đã hết hạn hoặc đã được dùng. Hãy lấy mã mới và nhập lại.',
    },
    CAPTCHA_NOT_FOUND: {
      title: 'Không tìm thấy mã xác thực',
      detail: 'Mã xác thực không tồn tại hoặc đã hết hạn.',
    },
    SUBSCRIBER_NOT_OWNER: {
      title: 'Thuê bao không chính chủ',
      detail:
        'Số điện thoại chưa được đăng ký đúng chính chủ với số giấy tờ, họ tên và ngày sinh đã nhập. Hãy nhắn TTTB gửi 1414 để kiểm tra, rồi liên hệ {carrierName} (tổng đài {carrierHotline}) để cập nhật.',
    },
    SUBSCRIBER_NOT_FOUND: {
      title: 'Không tìm thấy thuê bao',
      detail: 'Không nhà mạng nào quản lý số điện thoại này. Hãy kiểm tra lại số.',
    },
    ACCOUNT_EXISTS: {
      title: 'Tài khoản đã tồn tại',
      detail: 'Số giấy tờ này đã có tài khoản. Hãy đăng nhập hoặc lấy lại mật khẩu.',
    },
    CARRIER_UNAVAILABLE: {
      title: 'Nhà mạng tạm thời không phản hồi',
      detail: 'Chưa kiểm tra được thông tin thuê bao. Chưa có gì được lưu; vui lòng thử lại sau ít phút.',
    },
    SMS_UNAVAILABLE: {
      title: 'Chưa gửi được tin nhắn',
      detail:
        'Hệ thống tin nhắn tạm thời gián đoạn. Chưa có gì được lưu và lượt gửi không bị tính; vui lòng thử lại sau.',
    },
    OTP_INVALID: { title: 'Mã OTP không đúng', detail: 'Mã OTP không đúng. Bạn còn {attemptsLeft} lần thử.' },
    OTP_EXPIRED: { title: 'Mã OTP đã hết hạn', detail: 'Mã OTP đã hết hạn. Hãy yêu cầu gửi lại mã mới.' },
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
    REGISTRATION_NOT_FOUND: {
      title: 'Không tìm thấy lượt đăng ký',
      detail: 'Lượt đăng ký không tồn tại hoặc đã hết hạn. Hãy bắt đầu lại.',
    },
    STEP_NOT_ALLOWED: {
      title: 'Bước này không thực hiện được',
      detail: 'Lượt đăng ký không ở bước này (có thể bước đã hoàn thành). Hãy tải lại trang.',
    },
    PASSWORD_POLICY: {
      title: 'Mật khẩu chưa đạt yêu cầu',
      detail: 'Mật khẩu chưa đáp ứng các yêu cầu được liệt kê.',
    },
    PASSWORD_MISMATCH: {
      title: 'Mật khẩu nhập lại không khớp',
      detail: 'Hai lần nhập mật khẩu không giống nhau.',
    },
    INVALID_CREDENTIALS: {
      title: 'Sai thông tin đăng nhập',
      detail: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    },
    UNAUTHENTICATED: { title: 'Chưa đăng nhập', detail: 'Bạn cần đăng nhập để tiếp tục.' },
    CODE_NOT_FOUND: {
      title: 'Không tìm thấy yêu cầu',
      detail: 'Yêu cầu không tồn tại hoặc đã hết hạn. Hãy bắt đầu lại.',
    },
    URI_TOO_LONG: {
      title: 'Địa chỉ quá dài',
      detail: 'Địa chỉ được yêu cầu dài quá mức cho phép.',
    },
    HEADERS_TOO_LARGE: {
      title: 'Phần đầu yêu cầu quá lớn',
      detail: 'Phần đầu (header) của yêu cầu vượt quá kích thước cho phép.',
    },
    REQUEST_TIMEOUT: {
      title: 'Hết thời gian chờ yêu cầu',
      detail: 'Yêu cầu không được gửi đầy đủ trong thời gian cho phép. Hãy thử lại.',
    },
  },
  fields: {
    REQUIRED: 'Trường này là bắt buộc.',
    INVALID: 'Giá trị không hợp lệ.',
    UNKNOWN_FIELD: 'Trường này không được chấp nhận.',
    ID_NUMBER_INVALID: 'Số giấy tờ phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND) với mã tỉnh hợp lệ.',
    ID_NUMBER_BIRTHDATE_MISMATCH: 'Số CCCD không khớp với năm sinh (chữ số thế kỷ hoặc năm sinh khác).',
    FULL_NAME_INVALID: 'Họ tên chỉ gồm chữ cái tiếng Việt, khoảng trắng, dấu nháy và gạch nối.',
    BIRTHDATE_INVALID: 'Ngày sinh không hợp lệ (dạng DD/MM/YYYY, không ở tương lai).',
    PHONE_NUMBER_INVALID: 'Số điện thoại di động Việt Nam không hợp lệ.',
    TOO_SHORT: 'Mật khẩu phải có ít nhất 8 ký tự.',
    TOO_LONG: 'Mật khẩu không được dài quá 128 ký tự.',
    NO_UPPERCASE: 'Mật khẩu cần ít nhất một chữ hoa.',
    NO_LOWERCASE: 'Mật khẩu cần ít nhất một chữ thường.',
    NO_DIGIT: 'Mật khẩu cần ít nhất một chữ số.',
    NO_SPECIAL: 'Mật khẩu cần ít nhất một ký tự đặc biệt (ví dụ @ # !).',
    CONTAINS_PERSONAL_DATA: 'Mật khẩu không được chứa số giấy tờ, số điện thoại hay ngày sinh.',
    TOO_COMMON: 'Mật khẩu quá phổ biến, dễ bị đoán (nằm trong danh sách mật khẩu hay bị lộ).',
    PASSWORD_MISMATCH: 'Mật khẩu nhập lại không khớp.',
    SAME_AS_CURRENT: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    INVALID_CREDENTIALS: 'Mật khẩu hiện tại không đúng.',
  },
};

type Catalog = {
  problems: Record<keyof typeof vi.problems, { title: string; detail: string }>;
  fields: Record<keyof typeof vi.fields, string>;
};

const en: Catalog = {
  problems: {
    BAD_REQUEST: {
      title: 'Bad request',
      detail: 'The request has a field that is not accepted or is malformed.',
    },
    NOT_FOUND: { title: 'Not found', detail: 'The requested address does not exist.' },
    METHOD_NOT_ALLOWED: {
      title: 'Method not allowed',
      detail: 'This address does not support the method used.',
    },
    PAYLOAD_TOO_LARGE: {
      title: 'Request too large',
      detail: 'The request body is larger than {limit} bytes.',
    },
    UNSUPPORTED_MEDIA_TYPE: {
      title: 'Unsupported content type',
      detail: 'Send the data as application/json.',
    },
    VALIDATION_FAILED: { title: 'Some information is not valid', detail: 'Please check the fields marked.' },
    RATE_LIMITED: {
      title: 'Too many requests',
      detail: 'You have tried too many times. Please try again in {retryAfter} seconds.',
    },
    SERVICE_UNAVAILABLE: {
      title: 'Service temporarily unavailable',
      detail: 'The system is not ready. Please try again later.',
    },
    INTERNAL_ERROR: {
      title: 'Something went wrong',
      detail: 'The system hit an unexpected problem. Please try again later.',
    },
    CAPTCHA_INVALID: {
      title: 'Wrong verification code',
      detail: 'The captcha is wrong, expired or already used. Get a new image and try again.',
    },
    CAPTCHA_NOT_FOUND: { title: 'Captcha not found', detail: 'The captcha does not exist or has expired.' },
    SUBSCRIBER_NOT_OWNER: {
      title: 'SIM not registered to you',
      detail:
        'This phone number is not registered to the ID number, name and birth date entered. Text TTTB to 1414 to check, then contact {carrierName} (hotline {carrierHotline}) to update it.',
    },
    SUBSCRIBER_NOT_FOUND: {
      title: 'Subscriber not found',
      detail: 'No carrier serves this phone number. Please check the number.',
    },
    ACCOUNT_EXISTS: {
      title: 'Account already exists',
      detail: 'This ID number already has an account. Sign in or recover your password.',
    },
    CARRIER_UNAVAILABLE: {
      title: 'The carrier is not answering',
      detail: 'The subscriber check could not be made. Nothing was kept; please try again in a few minutes.',
    },
    SMS_UNAVAILABLE: {
      title: 'The text message could not be sent',
      detail:
        'The SMS service is temporarily down. Nothing was kept and no attempt was counted; please try again later.',
    },
    OTP_INVALID: {
      title: 'Wrong code',
      detail: 'The code is not right. You have {attemptsLeft} attempts left.',
    },
    OTP_EXPIRED: { title: 'Code expired', detail: 'The code has expired. Ask for a new one.' },
    OTP_LOCKED: { title: 'Code locked', detail: 'Too many wrong attempts. Ask for a new code.' },
    OTP_RESEND_TOO_SOON: {
      title: 'Too soon to resend',
      detail: 'Please wait {retryAfter} seconds before asking for a new code.',
    },
    OTP_LIMIT_REACHED: {
      title: 'No more codes',
      detail: 'You have asked for as many codes as this registration allows. Start again later.',
    },
    REGISTRATION_NOT_FOUND: {
      title: 'Registration not found',
      detail: 'The registration does not exist or has expired. Please start again.',
    },
    STEP_NOT_ALLOWED: {
      title: 'This step is not available',
      detail: 'The registration is not at this step (it may already be done). Reload the page.',
    },
    PASSWORD_POLICY: {
      title: 'Password does not meet the rules',
      detail: 'The password does not meet the rules listed.',
    },
    PASSWORD_MISMATCH: {
      title: 'Passwords do not match',
      detail: 'The two passwords entered are not the same.',
    },
    INVALID_CREDENTIALS: { title: 'Wrong sign-in details', detail: 'The username or password is not right.' },
    UNAUTHENTICATED: { title: 'Not signed in', detail: 'Please sign in to continue.' },
    CODE_NOT_FOUND: {
      title: 'Request not found',
      detail: 'The request does not exist or has expired. Please start again.',
    },
    URI_TOO_LONG: { title: 'Address too long', detail: 'The requested address is longer than allowed.' },
    HEADERS_TOO_LARGE: {
      title: 'Request headers too large',
      detail: 'The headers of the request are larger than allowed.',
    },
    REQUEST_TIMEOUT: {
      title: 'Request timeout',
      detail: 'The request did not arrive completely in the time allowed. Please try again.',
    },
  },
  fields: {
    REQUIRED: 'This field is required.',
    INVALID: 'This value is not valid.',
    UNKNOWN_FIELD: 'This field is not accepted.',
    ID_NUMBER_INVALID:
      'The ID number must be 12 digits (CCCD) or 9 digits (CMND) with a valid province code.',
    ID_NUMBER_BIRTHDATE_MISMATCH:
      'The CCCD number does not match the birth year (century or year digits differ).',
    FULL_NAME_INVALID: 'The name may contain only Vietnamese letters, spaces, apostrophes and hyphens.',
    BIRTHDATE_INVALID: 'The birth date is not valid (DD/MM/YYYY, not in the future).',
    PHONE_NUMBER_INVALID: 'This is not a valid Vietnamese mobile number.',
    TOO_SHORT: 'The password needs at least 8 characters.',
    TOO_LONG: 'The password must not be longer than 128 characters.',
    NO_UPPERCASE: 'The password needs an uppercase letter.',
    NO_LOWERCASE: 'The password needs a lowercase letter.',
    NO_DIGIT: 'The password needs a digit.',
    NO_SPECIAL: 'The password needs a special character (e.g. @ # !).',
    CONTAINS_PERSONAL_DATA: 'The password must not contain your ID number, phone number or birth date.',
    TOO_COMMON: 'The password is too common and easy to guess (it is on lists of leaked passwords).',
    PASSWORD_MISMATCH: 'The passwords do not match.',
    SAME_AS_CURRENT: 'The new password must differ from the current one.',
    INVALID_CREDENTIALS: 'The current password is not right.',
  },
};

export const apiMessages: Record<'vi' | 'en', Catalog> = { vi, en };
export type ProblemCode = keyof Catalog['problems'];
export type FieldCode = keyof Catalog['fields'];
