/**
 * The live password check of the password pages: the whole policy, including the two rules only the server
 * can check (not a common password: the list stays here; no personal data: the journey's own), answered
 * while the citizen types. Nothing is stored but a per-IP counter; the journey must be at its password step,
 * as for the password itself, so the check tells nobody anything about a citizen they could not already see.
 */
import { checkPassword, type PasswordCheck, type PersonalData } from '../../domain/password.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';

/** Whose password it is: a registration or recovery at its password step, or a signed-in account. */
export type PasswordJourney =
  | { kind: 'registration'; registrationId: string }
  | { kind: 'recovery'; recoveryId: string }
  | { kind: 'account'; accountId: string };

export interface PasswordCheckRules {
  /** Generous: a citizen typing sends one check per pause, and many citizens may share one address. */
  perIpPer10Minutes: number;
}

export const DEFAULT_PASSWORD_CHECK_RULES: PasswordCheckRules = { perIpPer10Minutes: 600 };

export interface PasswordCheckDependencies {
  store: EphemeralStore;
  protector: Pick<PersonalDataProtector, 'blindIndex'>;
  rules: PasswordCheckRules;
  /** The personal data of each kind of journey, refused when it is not at its password step. */
  personalData: {
    registration(registrationId: string): Promise<Outcome<PersonalData>>;
    recovery(recoveryId: string): Promise<Outcome<PersonalData>>;
    account(accountId: string): Promise<Outcome<PersonalData>>;
  };
}

const WINDOW_MS = 10 * 60_000;

export function createPasswordChecks(deps: PasswordCheckDependencies) {
  const personalDataOf = (journey: PasswordJourney) => {
    switch (journey.kind) {
      case 'registration':
        return deps.personalData.registration(journey.registrationId);
      case 'recovery':
        return deps.personalData.recovery(journey.recoveryId);
      case 'account':
        return deps.personalData.account(journey.accountId);
    }
  };

  return async function checkPasswordOf(
    journey: PasswordJourney,
    password: string,
    context: RequestContext,
  ): Promise<Outcome<PasswordCheck>> {
    const ipKey = `password-checks-ip:${deps.protector.blindIndex('ip', context.clientIp)}`;
    const perIp = await deps.store.increment(ipKey, WINDOW_MS);
    if (perIp.count > deps.rules.perIpPer10Minutes)
      return failure('RATE_LIMITED', { retryAfterSeconds: Math.ceil(perIp.resetInMs / 1000) });
    const personal = await personalDataOf(journey);
    if (!personal.ok) return personal;
    return success(checkPassword(password, personal.value));
  };
}

export type CheckPasswordOf = ReturnType<typeof createPasswordChecks>;
