/**
 * The shared password step of the methods whose credential is a password: the policy (with the citizen's
 * own data), then the account through the shared tail, then a session, so the citizen who just registered
 * does not type the ID number and new password again. One concurrent submission at a time does the
 * (expensive) hashing.
 */
import { checkPassword } from '../../domain/password.ts';
import { PASSWORD_SIGN_IN, type Session } from '../accounts/sessions.ts';
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { RegistrationRecord } from '../ports/repositories.ts';
import { type CompletedRegistration, completeRegistration } from './complete-registration.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { loadForAction } from './load-registration.ts';
import { openIdentity } from './verified-identity.ts';

export interface SignedInRegistration extends CompletedRegistration {
  /** Absent only when the session store failed after the account was committed: the citizen signs in. */
  session?: Session;
}

export function createSetPassword(deps: RegistrationDependencies) {
  return async function setPassword(
    registrationId: string,
    input: { password: string; confirmPassword: string },
    context: RequestContext,
  ): Promise<Outcome<SignedInRegistration>> {
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
    let completed: Outcome<CompletedRegistration>;
    try {
      const passwordHash = await deps.passwords.hash(input.password);
      completed = await completeRegistration(
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
    if (!completed.ok) return completed;
    const session = await signIn(deps, registration, completed.value.accountId, context);
    return success({ ...completed.value, ...(session && { session }) });
  };
}

/**
 * The new account's first session, as a sign-in with the password just set makes one (LoA1, `pwd`, authenticated
 * now). The SMS code proved the phone the account keeps as its verified contact; it is not counted again as a
 * factor of this session, so LoA2 asks a code of its own (step-up: only that missing factor). The method's
 * identity proof (carrier, VSS) is evidence for the claims (`loAs`), not an authentication. The account exists
 * whatever happens here, so a failure only warns.
 */
async function signIn(
  deps: RegistrationDependencies,
  registration: RegistrationRecord,
  accountId: string,
  context: RequestContext,
): Promise<Session | undefined> {
  let session: Session | undefined;
  const details = { registrationId: registration.id, accountId };
  await afterCommit(deps.warn, 'no session after a completed registration', details, async () => {
    session = await deps.sessions.create(accountId, PASSWORD_SIGN_IN, deps.clock.now());
  });
  if (!session) return undefined;
  await afterCommit(deps.warn, 'audit of a session after registration not written', details, () =>
    deps.audit.record({
      event: 'session.signed_in',
      at: deps.clock.now(),
      accountId,
      subject: registration.subjectIndex,
      method: registration.method,
      requestId: context.requestId,
      clientIp: context.clientIp,
    }),
  );
  return session;
}
