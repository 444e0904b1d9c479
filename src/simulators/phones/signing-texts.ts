/**
 * The virtual phone's words in Vietnamese and English: its page, and the two signing screens (the SIM Toolkit
 * prompt of a SIM signature, the notification of a remote-signing provider's app). `?lang=en` switches.
 */
export type PhoneLang = 'vi' | 'en';

const TEXTS = {
  vi: {
    phone: 'Điện thoại',
    back: '← Điện thoại ảo',
    otherLanguage: 'English',
    sendTo: 'Gửi đến',
    content: 'Nội dung',
    send: 'Gửi tin nhắn',
    inbox: 'Tin nhắn đến',
    reload: '(tải lại)',
    noMessages: 'Chưa có tin nhắn.',
    simToolkit: 'SIM Toolkit — ký số trên SIM',
    simPin: 'Mã PIN ký số của SIM',
    ok: 'OK',
    cancel: 'Hủy',
    signingApp: 'Ứng dụng ký số từ xa',
    appPin: 'Mã PIN ứng dụng',
    approve: 'Đồng ý ký',
    decline: 'Từ chối',
    requestedAt: 'Yêu cầu lúc',
    signed: 'Đã ký. Trang dịch vụ công sẽ nhận kết quả.',
    approved: 'Đã đồng ý. Trang dịch vụ công sẽ nhận kết quả.',
    wrongPin: (left: number) => `Sai mã PIN. Còn ${left} lần thử.`,
    blocked: 'Nhập sai mã PIN 3 lần: mã PIN ký số của SIM đã bị khóa. Liên hệ nhà mạng để mở khóa.',
    cancelled: 'Đã hủy yêu cầu ký.',
    declined: 'Đã từ chối yêu cầu ký.',
    gone: 'Yêu cầu không còn hiệu lực (đã hết hạn hoặc đã được trả lời).',
    pinInvalid: 'Mã PIN gồm 4 đến 8 chữ số.',
  },
  en: {
    phone: 'Phone',
    back: '← Virtual phones',
    otherLanguage: 'Tiếng Việt',
    sendTo: 'Send to',
    content: 'Text',
    send: 'Send message',
    inbox: 'Messages received',
    reload: '(reload)',
    noMessages: 'No messages yet.',
    simToolkit: 'SIM Toolkit — signing on the SIM',
    simPin: 'SIM signature PIN',
    ok: 'OK',
    cancel: 'Cancel',
    signingApp: 'Remote signing app',
    appPin: 'App PIN',
    approve: 'Approve',
    decline: 'Decline',
    requestedAt: 'Requested at',
    signed: 'Signed. The public-service portal will receive the result.',
    approved: 'Approved. The public-service portal will receive the result.',
    wrongPin: (left: number) => `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
    blocked: "Three wrong PINs: the SIM's signature PIN is blocked. Contact your carrier to unblock it.",
    cancelled: 'Signing request cancelled.',
    declined: 'Signing request declined.',
    gone: 'This request is no longer valid (it expired or was already answered).',
    pinInvalid: 'The PIN is 4 to 8 digits.',
  },
} as const;

export type PhoneTexts = (typeof TEXTS)[PhoneLang];

export const phoneTexts = (lang: PhoneLang): PhoneTexts => TEXTS[lang];
export const langOf = (value: unknown): PhoneLang => (value === 'en' ? 'en' : 'vi');

/** Names of the remote-signing providers as their apps show them. */
export const PROVIDER_NAMES: Record<string, string> = { smartca: 'VNPT SmartCA', mysign: 'Viettel MySign' };
