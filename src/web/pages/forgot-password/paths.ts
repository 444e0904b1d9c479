/** Where each step of password recovery lives. */
export const RECOVERY_PATHS = {
  start: '/forgot-password',
  otp: '/forgot-password/code',
  resend: '/forgot-password/code/resend',
  password: '/forgot-password/password',
  done: '/forgot-password/done',
} as const;
