/**
 * What the Vietnam Post method needs from the shared parts, as the narrow functions it calls: the tail for methods
 * without an SMS code and the session opened for an account found by its credential (contract C3). The composition
 * (plugin.ts) hands the real ones in; the unit tests hand in fakes.
 */
import type { Session } from '../../../usecases/accounts/sessions.ts';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { VerifiedRegistration } from '../../../usecases/registration/register-verified.ts';
import type { VnpostSubject } from './vnpost-subject.ts';

export interface FederatedCredential {
  type: 'federated';
  /** `vnpost:<PostID subject>` */
  identifier: string;
  secret: '';
}

/** What the tail answers, less the registration's id, which these methods do not use. */
export type RegisteredAccount = Omit<VerifiedRegistration, 'registrationId'>;

/** The shared tail (C3): account, claims, verified phone and credential, exactly once per ID number. */
export type RegisterVerified = (
  input: {
    method: string;
    partner: string | null;
    subject: VnpostSubject;
    credential: (accountId: string) => FederatedCredential;
    consentVersion?: string;
  },
  context: RequestContext,
) => Promise<Outcome<RegisteredAccount>>;

/** A hub session for an account PostID just authenticated (amr `fed`, LoA1: C3's FEDERATED_SIGN_IN). */
export type OpenFederatedSession = (
  accountId: string,
  context: RequestContext,
) => Promise<Outcome<{ session: Session }>>;

export const credentialOf = (subject: string): FederatedCredential => ({
  type: 'federated',
  identifier: `vnpost:${subject}`,
  secret: '',
});
