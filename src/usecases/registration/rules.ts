/** The numbers of the registration journey (product.md "Rules"), in one object that configuration can replace. */
import type { CodeRules } from '../codes/code-rules.ts';

export interface RegistrationRules extends CodeRules {
  registrationTtlMs: number;
  /**
   * Recovery codes (starts and resends) per ID number in any 24 hours, counted before looking up whether an
   * account exists, so the answers are the same for every ID number (see accounts/recovery.ts).
   */
  recoveryCodesPerIdNumberPerDay: number;
  startsPerIpPer10Minutes: number;
  consentVersion: string;
}

export const DEFAULT_REGISTRATION_RULES: RegistrationRules = {
  registrationTtlMs: 15 * 60_000,
  codeTtlMs: 5 * 60_000,
  codeLength: 6,
  maxWrongAnswersPerCode: 5,
  resendAfterMs: 60_000,
  maxCodesPerJourney: 5,
  smsPerPhonePerDay: 10,
  smsPerIdNumberPerDay: 10,
  recoveryCodesPerIdNumberPerDay: 10,
  startsPerIpPer10Minutes: 300,
  consentVersion: 'consent-2026-01',
};
