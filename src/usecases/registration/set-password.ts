/**
 * Step 3: the password, then the account, in one transaction with the registration's completion.
 * One concurrent submission at a time does the (expensive) hashing; the unique index on the citizen's ID
 * makes two racing journeys end with exactly one account. Once the account is committed the answer is
 * success: what follows (audit row, lock release) is best effort, so a store failing then (Redis gone,
 * PostgreSQL restarting) is logged and never tells the citizen "error" about an account that exists.
 */
import { randomUUID } from 'node:crypto';
import { checkPassword } from '../../domain/password.ts';
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { PersonalEntries, RegistrationDependencies } from './dependencies.ts';
import { loadForAction } from './load-registration.ts';

export function createSetPassword(deps: RegistrationDependencies) {
  return async function setPassword(
    registrationId: string,
    input: { password: string; confirmPassword: string },
    context: RequestContext,
  ): Promise<Outcome<{ accountId: string; username: string }>> {
    const now = deps.clock.now();
    const loaded = await loadForAction(deps, registrationId, 'set_password', now);
    if (!loaded.ok) return loaded;
    const registration = loaded.value;
    const personal = JSON.parse(deps.protector.decrypt(registration.personalEnc)) as PersonalEntries;

    const policy = checkPassword(input.password, personal);
    if (!policy.ok) {
      deps.metrics.step('password', 'policy');
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
      const accountId = randomUUID();
      const result = await deps.registrations.completeWithAccount(
        registrationId,
        {
          id: accountId,
          idNumberIndex: registration.idNumberIndex,
          idNumberEnc: deps.protector.encrypt(personal.idNumber),
          fullNameEnc: deps.protector.encrypt(personal.fullName),
          birthDateEnc: deps.protector.encrypt(personal.birthDate),
          phoneIndex: registration.phoneIndex,
          phoneEnc: deps.protector.encrypt(personal.phoneNumber),
          registrationMethod: registration.method,
          passwordHash: await deps.passwords.hash(input.password),
          createdAt: now,
        },
        now,
      );
      if (result === 'account_exists') {
        deps.metrics.step('password', 'account_exists');
        return failure('ACCOUNT_EXISTS');
      }
      if (result === 'not_allowed') return failure('STEP_NOT_ALLOWED');
      deps.metrics.step(
        'password',
        'completed',
        registration.carrier ? { carrier: registration.carrier } : {},
      );
      await afterCommit(deps.warn, 'audit of a completed registration not written', { registrationId }, () =>
        deps.audit.record({
          event: 'registration.completed',
          at: now,
          registrationId,
          accountId,
          subject: registration.idNumberIndex,
          ...(registration.carrier && { carrier: registration.carrier }),
          requestId: context.requestId,
          clientIp: context.clientIp,
        }),
      );
      return success({ accountId, username: personal.idNumber });
    } finally {
      // Left behind, the lock expires on its own; its release must not replace the outcome.
      await afterCommit(deps.warn, 'password lock not released', { registrationId }, () =>
        deps.store.delete(lockKey),
      );
    }
  };
}
