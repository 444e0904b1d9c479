/**
 * A session for an account a method found by one of its credentials (a verified certificate's fingerprint,
 * a PostID subject): the method has already checked the proof, so what is left is the session, the audit row
 * and the metric. The authentication says how (FEDERATED_SIGN_IN, CERTIFICATE_SIGN_IN).
 */
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { Clock } from '../ports/clock.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';
import type { AccountRepository, AuditLog } from '../ports/repositories.ts';
import type { Authentication, Session, Sessions } from './sessions.ts';

export interface SignInWithCredentialDependencies {
  accounts: Pick<AccountRepository, 'findById'>;
  sessions: Pick<Sessions, 'create'>;
  audit: AuditLog;
  clock: Clock;
  metrics: JourneyMetrics;
}

export type SignInWithCredential = (
  accountId: string,
  authentication: Authentication,
  context: RequestContext,
  /** The method that checked the credential (`usb-token`, `vnpost`, ...), for the audit trail and metrics. */
  method?: string,
) => Promise<Outcome<{ session: Session }>>;

export function createSignInWithCredential(deps: SignInWithCredentialDependencies): SignInWithCredential {
  return async (accountId, authentication, context, method) => {
    const account = await deps.accounts.findById(accountId);
    if (!account) return failure('UNAUTHENTICATED');
    const session = await deps.sessions.create(account.id, authentication);
    deps.metrics.step('sign_in', 'signed_in', method ? { method } : {});
    await deps.audit.record({
      event: 'session.signed_in',
      at: deps.clock.now(),
      accountId: account.id,
      subject: account.subjectIndex,
      ...(method && { method }),
      requestId: context.requestId,
      clientIp: context.clientIp,
    });
    return success({ session });
  };
}
