/**
 * The use cases of the hub (captchas, sessions, registration, accounts, password checks) over the adapters, with
 * the rules the configuration tunes.
 */
import type { Registry } from 'prom-client';
import { createEspeakCaptchaSpeaker } from '../adapters/captcha/espeak-captcha-speaker.ts';
import { svgCaptchaRenderer } from '../adapters/captcha/svg-captcha-renderer.ts';
import { createArgon2PasswordHasher } from '../adapters/crypto/argon2-password-hasher.ts';
import { createAccountRepository } from '../adapters/db/account-repository.ts';
import { createAuditLog } from '../adapters/db/audit-log.ts';
import type { PortalTables } from '../adapters/db/portal-tables.ts';
import { createRegistrationRepository } from '../adapters/db/registration-repository.ts';
import { createPrometheusJourneyMetrics } from '../adapters/metrics/prometheus-journey-metrics.ts';
import type { Config } from '../config/config.ts';
import type { SqlDatabase } from '../lib/database.ts';
import { DEFAULT_SIGN_IN_RULES } from '../usecases/accounts/dependencies.ts';
import { createAccountsUseCases } from '../usecases/accounts/index.ts';
import { createSessions } from '../usecases/accounts/sessions.ts';
import type { Warn } from '../usecases/after-commit.ts';
import { createCaptchaUseCases, DEFAULT_CAPTCHA_RULES } from '../usecases/captcha/captcha.ts';
import { createOneTimeCodes } from '../usecases/codes/one-time-codes.ts';
import { createSmsQuota } from '../usecases/codes/sms-quota.ts';
import {
  createPasswordChecks,
  DEFAULT_PASSWORD_CHECK_RULES,
} from '../usecases/password-checks/password-checks.ts';
import type { Clock } from '../usecases/ports/clock.ts';
import type { EphemeralStore } from '../usecases/ports/ephemeral-store.ts';
import type { PersonalDataProtector } from '../usecases/ports/protection.ts';
import { cryptoRandom } from '../usecases/ports/random.ts';
import type { SmsSender } from '../usecases/ports/sms-sender.ts';
import { createRegistrationJourney } from '../usecases/registration/index.ts';
import { DEFAULT_REGISTRATION_RULES } from '../usecases/registration/rules.ts';

export interface UseCaseAdapters {
  config: Config;
  database: SqlDatabase;
  store: EphemeralStore;
  sms: SmsSender;
  protector: PersonalDataProtector;
  registry: Registry;
  clock: Clock;
  warn: Warn;
}

export type UseCases = Awaited<ReturnType<typeof buildUseCases>>;

export async function buildUseCases(adapters: UseCaseAdapters) {
  const { config, store, sms, protector, clock, warn } = adapters;
  const db = adapters.database.as<PortalTables>();
  const passwords = createArgon2PasswordHasher();
  const metrics = createPrometheusJourneyMetrics(adapters.registry);
  const accounts = createAccountRepository(db);
  const audit = createAuditLog(db);
  const smsQuota = createSmsQuota(store);
  const rules = {
    ...DEFAULT_REGISTRATION_RULES,
    startsPerIpPer10Minutes: config.perIpLimits.registrationStartsPer10Minutes,
  };
  const codesFor = (purpose: string) =>
    createOneTimeCodes({
      purpose,
      store,
      protector,
      random: cryptoRandom,
      length: rules.codeLength,
      retentionMs: rules.registrationTtlMs,
      maxWrongAnswers: rules.maxWrongAnswersPerCode,
    });

  const captchas = createCaptchaUseCases({
    store,
    renderer: svgCaptchaRenderer,
    speaker: await createEspeakCaptchaSpeaker({ command: config.captchaSpeechCommand, warn }),
    random: cryptoRandom,
    clock,
    protector,
    rules: { ...DEFAULT_CAPTCHA_RULES, perIpPer10Minutes: config.perIpLimits.captchasPer10Minutes },
  });
  const verifyCaptcha = captchas.verify;
  const sessions = createSessions({ store, protector, random: cryptoRandom, clock });
  const registration = createRegistrationJourney({
    registrations: createRegistrationRepository(db),
    accounts,
    audit,
    store,
    sms,
    passwords,
    protector,
    clock,
    random: cryptoRandom,
    metrics,
    verifyCaptcha,
    codes: codesFor('registration'),
    smsQuota,
    rules,
    sessions,
    portalName: config.portalName,
    warn,
  });
  const accountsUseCases = createAccountsUseCases({
    accounts,
    audit,
    store,
    sessions,
    passwords,
    protector,
    sms,
    smsQuota,
    recoveryCodes: codesFor('recovery'),
    verifyCaptcha,
    clock,
    random: cryptoRandom,
    metrics,
    signInRules: DEFAULT_SIGN_IN_RULES,
    codeRules: rules,
    portalName: config.portalName,
    warn,
  });
  const checkPasswordOf = createPasswordChecks({
    store,
    protector,
    rules: DEFAULT_PASSWORD_CHECK_RULES,
    personalData: {
      registration: registration.passwordPersonalData,
      recovery: accountsUseCases.recovery.passwordPersonalData,
      account: accountsUseCases.account.passwordPersonalData,
    },
  });
  return {
    rules,
    metrics,
    captchas,
    sessions,
    registration,
    accounts: accountsUseCases,
    /** The account table itself: the provider reads the claims of an account from it. */
    accountRepository: accounts,
    checkPasswordOf,
    /** For the methods that keep sealed state of their own (a federated method's trips) and audit links. */
    protector,
    audit,
  };
}
