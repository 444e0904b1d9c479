/**
 * An external OpenID Provider the hub federates (Vietnam Post's PostID): where to send the browser, and what
 * came back. The use case makes the transaction's secrets (state, nonce, PKCE verifier) with its own Random and
 * keeps them; the adapter turns them into the authorization URL and, on the callback, checks the answer against
 * them (state, PKCE, the ID token's signature, issuer, audience, expiry and nonce) before it reads the identity.
 */
import type { AssuranceLevel, IdentityClaim } from '../../domain/identity-claims.ts';

/** One authorization's secrets: single use, kept by the hub between the redirect and the callback. */
export interface FederationTransaction {
  state: string;
  nonce: string;
  /** PKCE (S256): the adapter sends its challenge, and the verifier with the code. */
  codeVerifier: string;
}

/** How far the provider vouches for the person: PostID's counter approval (`TrangThaiPheDuyet`). */
export type FederatedApproval = 'approved' | 'pending' | 'rejected';

/** The identity as the provider gave it, read but not judged (the use case decides what it may open). */
export interface FederatedIdentity {
  /** The provider's stable, opaque subject (`sub`): what a federated credential links to. */
  subject: string;
  /** As declared to the provider: a 12-digit number or an old 9-digit CMND. */
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD; null when the provider gave none. */
  birthDate: string | null;
  /** E.164; null when the provider gave no usable mobile number. */
  phoneNumber: string | null;
  sex: 'M' | 'F' | null;
  approval: FederatedApproval;
  /** Why the provider rejected the identity, in its own words, when it says. */
  rejectionReason: string | null;
  /** The level the provider gives each claim (its `loAs`). */
  levels: Partial<Record<IdentityClaim, AssuranceLevel>>;
}

export type FederationAnswer =
  | { outcome: 'identity'; identity: FederatedIdentity }
  /**
   * The answer cannot be accepted for this transaction: the citizen cancelled at the provider (`cancelled`),
   * the state or the nonce is not this transaction's, or the provider refused the code (`tampered`). Nothing
   * about the provider's health.
   */
  | { outcome: 'refused'; reason: 'cancelled' | 'tampered' }
  /** The provider did not answer, answered too slowly, or answered what cannot be trusted or read. */
  | { outcome: 'unavailable' };

export interface FederatedIdentityProvider {
  /** The provider's id, the first part of a federated credential's identifier (`vnpost:<subject>`). */
  readonly id: string;
  /** Where to send the browser; undefined when the provider cannot be reached (its discovery failed). */
  authorizationUrl(
    transaction: FederationTransaction,
    options: { uiLocales: string },
  ): Promise<string | undefined>;
  /** The callback's URL (code, state, or error) checked against the transaction, then the identity. */
  finish(callbackUrl: URL, transaction: FederationTransaction): Promise<FederationAnswer>;
  /** Rejects while the provider is known to be failing (readiness). */
  ping(): Promise<void>;
}
