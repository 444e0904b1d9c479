/**
 * The shared tail of every registration method: the account made from the verified identity, with the
 * evidence for each claim, the verified phone and the method's credential, in one transaction with the
 * registration's completion. The unique index on the citizen's ID makes racing journeys (any methods)
 * end with exactly one account. Once the account is committed the answer is success: the audit row is best
 * effort, so a store failing then is logged and never tells the citizen "error" about an account that exists.
 */
import { randomUUID } from 'node:crypto';
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { NewCredential, RegistrationRecord } from '../ports/repositories.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import type { VerifiedIdentity } from './verified-identity.ts';

export interface CompletedRegistration {
  accountId: string;
  username: string;
}

export async function completeRegistration(
  deps: RegistrationDependencies,
  registration: RegistrationRecord,
  identity: VerifiedIdentity,
  credentialFor: (accountId: string) => NewCredential,
  context: RequestContext,
): Promise<Outcome<CompletedRegistration>> {
  const now = deps.clock.now();
  const { protector } = deps;
  const accountId = randomUUID();
  const result = await deps.registrations.completeWithAccount(
    registration.id,
    {
      id: accountId,
      kind: 'citizen',
      subjectIndex: registration.subjectIndex,
      idNumberEnc: protector.encrypt(identity.idNumber),
      fullNameEnc: protector.encrypt(identity.fullName),
      birthDateEnc: protector.encrypt(identity.birthDate),
      registrationMethod: registration.method,
      phone: {
        index: protector.blindIndex('phone', identity.phoneNumber),
        enc: protector.encrypt(identity.phoneNumber),
      },
      claims: identity.claims,
      credential: credentialFor(accountId),
      createdAt: now,
    },
    now,
  );
  const labels = {
    method: registration.method,
    ...(registration.partner && { partner: registration.partner }),
  };
  if (result === 'account_exists') {
    deps.metrics.step('complete', 'account_exists', labels);
    return failure('ACCOUNT_EXISTS');
  }
  if (result === 'not_allowed') return failure('STEP_NOT_ALLOWED');
  deps.metrics.step('complete', 'completed', labels);
  await afterCommit(
    deps.warn,
    'audit of a completed registration not written',
    { registrationId: registration.id },
    () =>
      deps.audit.record({
        event: 'registration.completed',
        at: now,
        method: registration.method,
        registrationId: registration.id,
        accountId,
        subject: registration.subjectIndex,
        ...(registration.partner && { partner: registration.partner }),
        requestId: context.requestId,
        clientIp: context.clientIp,
      }),
  );
  return success({ accountId, username: identity.idNumber });
}
