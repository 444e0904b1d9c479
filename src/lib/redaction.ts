/**
 * Log hygiene: pino redaction paths for fields that carry personal data or secrets, and a scrubber that
 * masks long digit runs (phone and ID numbers) inside free text such as request URLs.
 */

/** Field names whose values never reach a log line in clear. */
const SENSITIVE_FIELDS = [
  'idNumber',
  'phoneNumber',
  'phone',
  'birthDate',
  'fullName',
  'email',
  'password',
  'confirmPassword',
  'currentPassword',
  'newPassword',
  'code',
  'otp',
  'captchaAnswer',
  'answer',
  'username',
];

export const logRedactPaths: string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS.flatMap((field) => [
    field,
    `*.${field}`,
    `body.${field}`,
    `params.${field}`,
    `query.${field}`,
  ]),
];

/** Masks every run of 9 or more digits (optionally with +, spaces, dots or dashes inside): keeps 3 + 3. */
export function scrubDigits(text: string): string {
  return text.replace(/\+?\d[\d .\-()%]{7,}\d/g, (run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 9) return run;
    return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 6)}${digits.slice(-3)}`;
  });
}
