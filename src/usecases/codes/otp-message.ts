/**
 * The text of a one-time-code SMS: unaccented Vietnamese in the GSM-7 alphabet, within one SMS (160
 * characters): what the code is for, the code, how long it is valid, and never to share it.
 */
export function otpSmsText(input: { portalName: string; code: string; validMinutes: number }): string {
  return `${input.portalName}: Ma xac thuc dang ky tai khoan cua ban la ${input.code}, hieu luc ${input.validMinutes} phut. Tuyet doi KHONG cung cap ma nay cho bat ky ai.`;
}
