/** Registration with a mobile subscriber: the 1414 check, the form, the owner check and its refusals. */
import { defineApiTexts, definePageTexts } from './define.ts';

export const pageTexts = definePageTexts({
  vi: {
    methods: {
      mobile: 'Thuê bao di động',
      mobileHint: 'Dành cho người có SIM di động đăng ký chính chủ: nhận mã OTP qua tin nhắn.',
    },
    beforeStart: {
      title: 'Trước khi bắt đầu',
      lead: 'Chỉ SIM đăng ký chính chủ (đứng tên bạn) mới đăng ký được tài khoản.',
      step1Title: '1. Kiểm tra thông tin chủ thuê bao',
      step1:
        'Từ chính SIM đó, soạn tin TTTB gửi 1414 (miễn phí). Tin trả lời cho biết họ tên, ngày sinh, số giấy tờ, ngày cấp, nơi cấp và loại giấy tờ mà nhà mạng đang lưu.',
      step2Title: '2. Nếu thông tin chưa đúng',
      step2: 'Liên hệ nhà mạng để cập nhật trước khi đăng ký:',
      step3Title: '3. Chuẩn bị',
      step3:
        'Số CCCD (12 chữ số) hoặc CMND (9 chữ số), họ tên và ngày sinh đúng như trên giấy tờ, và điện thoại để nhận mã OTP.',
      devPhone: 'Môi trường phát triển: mở điện thoại ảo để nhắn TTTB và đọc tin nhắn.',
      start: 'Bắt đầu đăng ký',
    },
    mobileForm: {
      title: 'Đăng ký bằng thuê bao di động',
      lead: 'Nhập đúng thông tin như nhà mạng đang lưu cho SIM của bạn.',
      phoneNumber: 'Số điện thoại di động',
      phoneNumberHint: 'Số đăng ký chính chủ, ví dụ 0912 345 678',
      consent:
        'Tôi đồng ý để Cổng Dịch vụ công quốc gia xử lý số giấy tờ, họ tên, ngày sinh và số điện thoại của tôi, và gửi chúng cho nhà mạng để kiểm tra thuê bao chính chủ, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
      submit: 'Gửi mã OTP',
    },
    refusal: {
      notOwner1: 'Soạn TTTB gửi 1414 từ SIM đó để xem thông tin nhà mạng đang lưu.',
      notOwner2:
        'Nếu thông tin chưa đúng, gọi {carrierName} theo số {carrierHotline} hoặc đến cửa hàng của nhà mạng để cập nhật.',
      notFound1: 'Kiểm tra lại số điện thoại bạn đã nhập.',
      mismatchLead:
        'Nhà mạng chưa xác nhận SIM này đứng tên đúng số giấy tờ, họ tên và ngày sinh bạn đã nhập.',
      mismatchCheck:
        'Kiểm tra lại số CCCD/CMND, họ tên và ngày sinh bạn đã nhập. Họ tên gõ có dấu hay không dấu đều được.',
      fixEntries: 'Sửa thông tin và thử lại',
      oldCmnd:
        'SIM đăng ký bằng CMND 9 số cũ? Bạn cứ nhập số CCCD: Cổng tự đối chiếu CMND cũ với CCCD qua Cơ sở dữ liệu quốc gia về dân cư. Nếu vẫn không được, hãy nhờ nhà mạng cập nhật SIM sang số CCCD.',
      inactiveLead:
        'Nhà mạng cho biết số này đang bị khóa, tạm ngưng hoặc đã bị thu hồi, nên chưa nhận được mã OTP.',
      inactiveCall:
        'Gọi {carrierName} theo số {carrierHotline} hoặc đến cửa hàng của nhà mạng để mở lại SIM, rồi đăng ký lại.',
      wrongNumber: 'Nếu bạn nhập nhầm số điện thoại, hãy sửa lại.',
      swapLead:
        'Để phòng kẻ gian chiếm số điện thoại của bạn, SIM vừa đổi hoặc cấp lại chỉ dùng để đăng ký được sau 72 giờ.',
      swapUntil: 'Bạn có thể đăng ký bằng số này từ {time} ngày {date} (giờ Việt Nam).',
      swapOver: 'Đã đủ 72 giờ: bạn có thể đăng ký lại ngay.',
      swapLater: 'Bạn có thể đăng ký lại khi SIM đã dùng đủ 72 giờ kể từ lúc đổi.',
      swapNotYou:
        'Nếu bạn không hề đổi SIM, hãy gọi ngay {carrierName} theo số {carrierHotline}: có thể ai đó đã chiếm số của bạn.',
    },
    fieldErrors: {
      CONSENT_REQUIRED: 'Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để đăng ký.',
    },
  },
  en: {
    methods: {
      mobile: 'Mobile subscriber',
      mobileHint: 'For anyone with a SIM registered in their own name: get a one-time code by SMS.',
    },
    beforeStart: {
      title: 'Before you start',
      lead: 'Only a SIM registered in your own name can be used to register.',
      step1Title: "1. Check the SIM's owner data",
      step1:
        'From that SIM, text TTTB to 1414 (free). The reply shows the full name, birth date, ID number, issue date, issue place and document type your carrier holds.',
      step2Title: '2. If the data is wrong',
      step2: 'Contact your carrier to correct it before you register:',
      step3Title: '3. Have ready',
      step3:
        'Your citizen ID number (12 digits) or old ID card number (9 digits), your full name and birth date as on the document, and the phone to receive the code.',
      devPhone: 'Development environment: open the virtual phone to text TTTB and read messages.',
      start: 'Start registration',
    },
    mobileForm: {
      title: 'Register with your mobile number',
      lead: 'Enter your details exactly as your carrier holds them for your SIM.',
      phoneNumber: 'Mobile phone number',
      phoneNumberHint: 'Registered in your name, for example 0912 345 678',
      consent:
        'I agree that the National Public Service Portal processes my ID number, full name, birth date and phone number, and sends them to my carrier to check that the SIM is registered to me, under Decree 13/2023/ND-CP on personal data protection.',
      submit: 'Send the code',
    },
    refusal: {
      notOwner1: 'From that SIM, text TTTB to 1414 to see the data your carrier holds.',
      notOwner2:
        'If it is wrong, call {carrierName} on {carrierHotline} or visit one of its shops to correct it.',
      notFound1: 'Check the phone number you entered.',
      mismatchLead:
        'Your carrier did not confirm that this SIM is registered to the ID number, full name and birth date you entered.',
      mismatchCheck:
        'Check the ID number, full name and birth date you entered. The name may be typed with or without Vietnamese accents.',
      fixEntries: 'Correct your details and try again',
      oldCmnd:
        'Is the SIM registered to your old 9-digit CMND? Enter your CCCD anyway: the portal matches the old CMND with your CCCD through the national population database. If it still fails, ask your carrier to move the SIM to your CCCD.',
      inactiveLead:
        'Your carrier says this number is blocked, suspended or withdrawn, so it cannot receive the code.',
      inactiveCall:
        'Call {carrierName} on {carrierHotline} or visit one of its shops to have the SIM reopened, then register again.',
      wrongNumber: 'If you mistyped the phone number, correct it.',
      swapLead:
        'To protect you against someone taking over your number, a SIM that was just changed or reissued can be used to register only after 72 hours.',
      swapUntil: 'You can register with this number from {time} on {date} (Vietnam time).',
      swapOver: 'The 72 hours are over: you can register again now.',
      swapLater: 'You can register again once the SIM has been in use for 72 hours since the change.',
      swapNotYou:
        'If you did not change your SIM, call {carrierName} on {carrierHotline} now: someone may have taken over your number.',
    },
    fieldErrors: {
      CONSENT_REQUIRED: 'You need to agree to the processing of your personal data to register.',
    },
  },
});

export const apiTexts = defineApiTexts({
  vi: {
    problems: {
      SUBSCRIBER_NOT_OWNER: {
        title: 'Thuê bao không chính chủ',
        detail:
          'Số điện thoại chưa được đăng ký đúng chính chủ với số giấy tờ, họ tên và ngày sinh đã nhập. Hãy nhắn TTTB gửi 1414 để kiểm tra, rồi liên hệ {carrierName} (tổng đài {carrierHotline}) để cập nhật.',
      },
      SUBSCRIBER_NOT_FOUND: {
        title: 'Không tìm thấy thuê bao',
        detail: 'Không nhà mạng nào quản lý số điện thoại này. Hãy kiểm tra lại số.',
      },
      CARRIER_UNAVAILABLE: {
        title: 'Nhà mạng tạm thời không phản hồi',
        detail: 'Chưa kiểm tra được thông tin thuê bao. Chưa có gì được lưu; vui lòng thử lại sau ít phút.',
      },
      POPULATION_UNAVAILABLE: {
        title: 'Cơ sở dữ liệu dân cư tạm thời không phản hồi',
        detail:
          'Chưa đối chiếu được số CMND cũ với số CCCD. Chưa có gì được lưu; vui lòng thử lại sau ít phút.',
      },
    },
    problemReasons: {
      DETAILS_MISMATCH: {
        title: 'Thông tin chưa khớp với chủ thuê bao',
        detail:
          'Nhà mạng chưa xác nhận số điện thoại này đứng tên đúng số giấy tờ, họ tên và ngày sinh đã nhập. Hãy kiểm tra lại thông tin đã nhập, nhắn TTTB gửi 1414 để xem thông tin nhà mạng đang lưu, và liên hệ {carrierName} (tổng đài {carrierHotline}) nếu cần cập nhật.',
      },
      SIM_INACTIVE: {
        title: 'SIM đang bị khóa hoặc ngừng hoạt động',
        detail:
          'Nhà mạng cho biết số điện thoại này đang bị khóa, tạm ngưng hoặc đã bị thu hồi, nên không nhận được mã. Hãy liên hệ {carrierName} (tổng đài {carrierHotline}) để mở lại SIM.',
      },
      SIM_RECENTLY_CHANGED: {
        title: 'SIM vừa được đổi',
        detail:
          'SIM của số điện thoại này vừa được đổi hoặc cấp lại. Để phòng kẻ gian chiếm số điện thoại, chỉ đăng ký được sau 72 giờ kể từ khi đổi SIM. Nếu bạn không đổi SIM, hãy gọi ngay {carrierName} (tổng đài {carrierHotline}).',
      },
    },
  },
  en: {
    problems: {
      SUBSCRIBER_NOT_OWNER: {
        title: 'SIM not registered to you',
        detail:
          'This phone number is not registered to the ID number, name and birth date entered. Text TTTB to 1414 to check, then contact {carrierName} (hotline {carrierHotline}) to update it.',
      },
      SUBSCRIBER_NOT_FOUND: {
        title: 'Subscriber not found',
        detail: 'No carrier serves this phone number. Please check the number.',
      },
      CARRIER_UNAVAILABLE: {
        title: 'The carrier is not answering',
        detail:
          'The subscriber check could not be made. Nothing was kept; please try again in a few minutes.',
      },
      POPULATION_UNAVAILABLE: {
        title: 'The population registry is not answering',
        detail:
          'Your old CMND number could not be matched with your CCCD. Nothing was kept; please try again in a few minutes.',
      },
    },
    problemReasons: {
      DETAILS_MISMATCH: {
        title: "Your details do not match the SIM's owner",
        detail:
          'Your carrier did not confirm that this phone number is registered to the ID number, name and birth date entered. Check what you entered. Text TTTB to 1414 to see the data your carrier holds, and contact {carrierName} (hotline {carrierHotline}) if it needs correcting.',
      },
      SIM_INACTIVE: {
        title: 'This SIM is not in service',
        detail:
          'Your carrier says this phone number is blocked, suspended or withdrawn, so it cannot receive the code. Contact {carrierName} (hotline {carrierHotline}) to have the SIM reopened.',
      },
      SIM_RECENTLY_CHANGED: {
        title: 'This SIM was changed recently',
        detail:
          'The SIM for this phone number was changed or reissued recently. To protect you against someone taking over your number, you can register with it 72 hours after the change. If you did not change your SIM, call {carrierName} (hotline {carrierHotline}) now.',
      },
    },
  },
});
