/** What sign-in, the account page, password change and recovery need from outside. */
import type { Warn } from '../after-commit.ts';
import type { OneTimeCodes } from '../codes/one-time-codes.ts';
import type { SmsQuota } from '../codes/sms-quota.ts';
import type { Clock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';
import type { PasswordHasher, PersonalDataProtector } from '../ports/protection.ts';
import type { Random } from '../ports/random.ts';
import type { AccountRepository, AuditLog } from '../ports/repositories.ts';
import type { SmsSender } from '../ports/sms-sender.ts';
import type { RegistrationRules } from '../registration/rules.ts';
import type { Sessions } from './sessions.ts';

export interface SignInRules {
  maxConsecutiveFailures: number;
  lockMs: number;
  failuresPerIpPer10Minutes: number;
}

export const DEFAULT_SIGN_IN_RULES: SignInRules = {
  maxConsecutiveFailures: 5,
  lockMs: 15 * 60_000,
  failuresPerIpPer10Minutes: 300,
};

export interface AccountDependencies {
  accounts: AccountRepository;
  audit: AuditLog;
  store: EphemeralStore;
  sessions: Sessions;
  passwords: PasswordHasher;
  protector: PersonalDataProtector;
  sms: SmsSender;
  smsQuota: SmsQuota;
  recoveryCodes: OneTimeCodes;
  verifyCaptcha: (captchaId: string, answer: string) => Promise<boolean>;
  clock: Clock;
  random: Random;
  metrics: JourneyMetrics;
  signInRules: SignInRules;
  codeRules: RegistrationRules;
  portalName: string;
  /** Problems that must not change the answer, e.g. an audit row not written after a password changed. */
  warn?: Warn;
}
