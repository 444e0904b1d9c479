/**
 * The shared password step of the methods whose credential is a password: the policy (with the citizen's
 * own data), then the account through the shared tail. One concurrent submission at a time does the
 * (expensive) hashing.
 */
import { checkPassword } from '../../domain/password.ts';
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext } from '../outcome.ts';
import { type CompletedRegistration, completeRegistration } from './complete-registration.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { loadForAction } from './load-registration.ts';
import { openIdentity } from './verified-identity.ts';

export function createSetPassword(deps: RegistrationDependencies) {
  return async function setPassword(
    registrationId: string,
    input: { password: string; confirmPassword: string },
    context: RequestContext,
  ): Promise<Outcome<CompletedRegistration>> {
    const loaded = await loadForAction(deps, registrationId, 'set_password', deps.clock.now());
    if (!loaded.ok) return loaded;
    const registration = loaded.value;
    const identity = openIdentity(deps.protector, registration.identityEnc);

    const policy = checkPassword(input.password, identity);
    if (!policy.ok) {
      deps.metrics.step('password', 'policy', { method: registration.method });
      return failure('PASSWORD_POLICY', {
        fieldErrors: policy.failures.map((code) => ({ field: 'password', code })),
        ...(policy.commonBase !== undefined && { commonBase: policy.commonBase }),
      });
    }
    if (input.password !== input.confirmPassword) {
      return failure('PASSWORD_MISMATCH', {
        fieldErrors: [{ field: 'confirmPassword', code: 'PASSWORD_MISMATCH' }],
      });
    }

    const lockKey = `password-lock:${registrationId}`;
    if (!(await deps.store.setIfAbsent(lockKey, '1', 60_000))) return failure('STEP_NOT_ALLOWED');
    try {
      const passwordHash = await deps.passwords.hash(input.password);
      return await completeRegistration(
        deps,
        registration,
        identity,
        (accountId) => ({ type: 'password', identifier: accountId, secret: passwordHash }),
        context,
      );
    } finally {
      // Left behind, the lock expires on its own; its release must not replace the outcome.
      await afterCommit(deps.warn, 'password lock not released', { registrationId }, () =>
        deps.store.delete(lockKey),
      );
    }
  };
}
