/**
 * Errors any request can meet: HTTP-level problems, the generic field codes, the expired-form page, and the
 * limits (why each exists, said once with when to come back; the daily code allowance told on the form).
 */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    errorPage: {
      csrfTitle: 'Biểu mẫu đã hết hạn',
      csrfDetail: 'Trang đã mở quá lâu hoặc được gửi lại. Vui lòng mở lại trang và thử lần nữa.',
    },
    fieldErrors: {
      REQUIRED: 'Vui lòng nhập {label}.',
      RATE_LIMITED: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {when}.',
    },
    limits: {
      title: 'Vui lòng chờ trước khi thử lại',
      SMS_PER_PHONE:
        'Mỗi số điện thoại chỉ nhận tối đa {max} mã OTP trong 24 giờ, để không ai dùng Cổng gửi tin nhắn hàng loạt tới một số. Số điện thoại này đã nhận đủ {max} mã.',
      SMS_PER_ID_NUMBER:
        'Mỗi số giấy tờ chỉ được gửi tối đa {max} mã OTP trong 24 giờ, để người khác không thể dùng số giấy tờ của bạn. Số giấy tờ này đã được gửi đủ {max} mã.',
      RECOVERY_PER_ID_NUMBER:
        'Mỗi số giấy tờ chỉ được gửi tối đa {max} mã lấy lại mật khẩu trong 24 giờ, để bảo vệ tài khoản khỏi người khác. Số giấy tờ này đã dùng hết số mã đó.',
      STARTS_PER_IP:
        'Có quá nhiều lượt đăng ký từ cùng mạng Internet của bạn trong 10 phút qua. Giới hạn này chặn các chương trình tự động; người dùng chung một mạng (quán cà phê, cơ quan) đôi khi cũng gặp.',
      CAPTCHAS_PER_IP:
        'Có quá nhiều ảnh ký tự được tạo từ cùng mạng Internet của bạn trong 10 phút qua. Giới hạn này chặn các chương trình tự động; người dùng chung một mạng đôi khi cũng gặp.',
      other: 'Bạn đã thử quá nhiều lần trong thời gian ngắn.',
      tryAgainIn: 'Bạn có thể thử lại sau {when}.',
      tryAgainSoon: 'Bạn có thể thử lại sau ít phút.',
      codesPerDay:
        'Mỗi số điện thoại nhận tối đa {max} mã OTP trong 24 giờ, tính cả những lần gửi lại mã. Hãy kiểm tra thông tin trước khi gửi để không dùng hết lượt.',
    },
  },
  en: {
    errorPage: {
      csrfTitle: 'This form has expired',
      csrfDetail: 'The page was open too long or was sent twice. Open the page again and retry.',
    },
    fieldErrors: {
      REQUIRED: 'Enter your {label}.',
      RATE_LIMITED: 'You have tried too many times. Please try again in {when}.',
    },
    limits: {
      title: 'Please wait before trying again',
      SMS_PER_PHONE:
        'A phone number receives at most {max} codes in 24 hours, so that nobody can use the portal to flood a phone with messages. This number has received {max} codes.',
      SMS_PER_ID_NUMBER:
        'An ID number is sent at most {max} codes in 24 hours, so that nobody else can make use of yours. This ID number has been sent {max} codes.',
      RECOVERY_PER_ID_NUMBER:
        'At most {max} password-reset codes are sent for one ID number in 24 hours, to protect the account from others. This ID number has used them all.',
      STARTS_PER_IP:
        'Too many registrations were started from your internet connection in the last 10 minutes. This limit stops automated programs; people who share a connection (a café, an office) sometimes meet it too.',
      CAPTCHAS_PER_IP:
        'Too many character images were made for your internet connection in the last 10 minutes. This limit stops automated programs; people who share a connection sometimes meet it too.',
      other: 'You have tried too many times in a short while.',
      tryAgainIn: 'You can try again in {when}.',
      tryAgainSoon: 'You can try again in a few minutes.',
      codesPerDay:
        'A phone receives at most {max} codes in 24 hours, resends included. Check your details before you send, so as not to use them up.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      BAD_REQUEST: {
        title: 'Yêu cầu không hợp lệ',
        detail: 'Yêu cầu có trường không được chấp nhận hoặc sai định dạng.',
      },
      NOT_FOUND: {
        title: 'Không tìm thấy',
        detail: 'Địa chỉ được yêu cầu không tồn tại.',
      },
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
    },
  },
  en: {
    problems: {
      BAD_REQUEST: {
        title: 'Bad request',
        detail: 'The request has a field that is not accepted or is malformed.',
      },
      NOT_FOUND: {
        title: 'Not found',
        detail: 'The requested address does not exist.',
      },
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
      VALIDATION_FAILED: {
        title: 'Some information is not valid',
        detail: 'Please check the fields marked.',
      },
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
      URI_TOO_LONG: {
        title: 'Address too long',
        detail: 'The requested address is longer than allowed.',
      },
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
    },
  },
});
