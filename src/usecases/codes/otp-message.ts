/**
 * The text of a one-time-code SMS: unaccented Vietnamese in the GSM-7 alphabet, within one SMS (160
 * characters). Each purpose has its own words, so a citizen who did not start that journey can tell
 * from the SMS alone that somebody else did (a recovery code they never asked for is a warning sign):
 * the portal, what the code is for, the code, how long it is valid, and never to share it.
 */
export type CodePurpose = 'registration' | 'recovery' | 'step_up';

export interface OtpSms {
  purpose: CodePurpose;
  portalName: string;
  code: string;
  validMinutes: number;
}

const NEVER_SHARE = 'KHONG cung cap ma cho bat ky ai, ke ca can bo.';

const WORDING: Record<CodePurpose, (sms: OtpSms) => string> = {
  registration: (sms) =>
    `${sms.portalName}: Ma xac thuc ${sms.code} de DANG KY tai khoan, hieu luc ${sms.validMinutes} phut. Tuyet doi ${NEVER_SHARE}`,
  recovery: (sms) =>
    `${sms.portalName}: Ma xac thuc ${sms.code} de DAT LAI MAT KHAU, hieu luc ${sms.validMinutes} phut. ${NEVER_SHARE} Khong phai ban yeu cau? Bo qua tin nay.`,
  step_up: (sms) =>
    `${sms.portalName}: Ma xac thuc ${sms.code} de XAC NHAN DANG NHAP, hieu luc ${sms.validMinutes} phut. Tuyet doi ${NEVER_SHARE}`,
};

export function otpSmsText(sms: OtpSms): string {
  return WORDING[sms.purpose](sms);
}
