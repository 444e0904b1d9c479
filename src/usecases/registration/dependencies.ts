/** Everything the shared registration journey needs from outside, as ports. Built once by the composition root. */
import type { Sessions } from '../accounts/sessions.ts';
import type { Warn } from '../after-commit.ts';
import type { OneTimeCodes } from '../codes/one-time-codes.ts';
import type { SmsQuota } from '../codes/sms-quota.ts';
import type { Clock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';
import type { PasswordHasher, PersonalDataProtector } from '../ports/protection.ts';
import type { Random } from '../ports/random.ts';
import type { AccountRepository, AuditLog, RegistrationRepository } from '../ports/repositories.ts';
import type { SmsSender } from '../ports/sms-sender.ts';
import type { RegistrationRules } from './rules.ts';

export interface RegistrationDependencies {
  registrations: RegistrationRepository;
  accounts: AccountRepository;
  audit: AuditLog;
  store: EphemeralStore;
  sms: SmsSender;
  passwords: PasswordHasher;
  protector: PersonalDataProtector;
  clock: Clock;
  random: Random;
  metrics: JourneyMetrics;
  verifyCaptcha: (captchaId: string, answer: string) => Promise<boolean>;
  codes: OneTimeCodes;
  smsQuota: SmsQuota;
  rules: RegistrationRules;
  /** A finished registration signs the citizen in, as sign-in would. */
  sessions: Pick<Sessions, 'create'>;
  portalName: string;
  /** Problems that must not change the answer, e.g. a lock left to expire after the account was committed. */
  warn?: Warn;
}
