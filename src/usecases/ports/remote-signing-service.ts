/**
 * The remote-signing services (VNPT SmartCA, Viettel MySign: docs/methods.md, "Remote (personal) signature") the
 * hub is an OAuth 2.0 client of, over the Cloud Signature Consortium API v2. The citizen's key stays at the
 * provider; the hub finds the citizen's credential by ID number, asks for an authorisation of one hash (the
 * citizen approves in the provider's app, asynchronously), then has the hash signed with the SAD that approval
 * gave. The adapter (src/adapters/remote-signing/) speaks the protocol; here only what its answers mean.
 */

export interface RemoteCredential {
  credentialId: string;
  /** The signer's certificate (DER), then its issuing chain (DER, root excluded), as the provider gave them. */
  certificate: Uint8Array;
  chain: Uint8Array[];
}

export type RemoteCredentialLookup =
  | { outcome: 'found'; credential: RemoteCredential }
  /** The provider holds no usable credential for that ID number. */
  | { outcome: 'none' }
  | { outcome: 'unavailable' };

export type RemoteAuthorizationStart =
  /** The request is on the citizen's phone; `responseId` is what the checks name. */
  { outcome: 'requested'; responseId: string } | { outcome: 'unavailable' };

export type RemoteAuthorizationStatus =
  | { outcome: 'pending' }
  /** The citizen approved: the Signature Activation Data for the hash approved. */
  | { outcome: 'approved'; sad: string }
  | { outcome: 'declined' }
  | { outcome: 'expired' }
  | { outcome: 'unavailable' };

export type RemoteSignHash =
  /** The bare signature (PKCS#1 v1.5, SHA-256) over the hash. */
  | { outcome: 'signed'; signature: Uint8Array }
  /** The SAD was refused (used, expired): the authorisation must be asked again. */
  | { outcome: 'refused' }
  | { outcome: 'unavailable' };

export interface RemoteSigningService {
  /** The providers configured, by id (`smartca`, `mysign`). */
  readonly providers: readonly string[];
  findCredential(
    provider: string,
    idNumber: string,
    context: { requestId: string },
  ): Promise<RemoteCredentialLookup>;
  /** Asks the citizen to approve signing `hash` (SHA-256, 32 bytes); `description` is what the app shows. */
  authorize(
    provider: string,
    credentialId: string,
    request: { hash: Uint8Array; description: string },
    context: { requestId: string },
  ): Promise<RemoteAuthorizationStart>;
  checkAuthorization(
    provider: string,
    responseId: string,
    context: { requestId: string },
  ): Promise<RemoteAuthorizationStatus>;
  signHash(
    provider: string,
    request: { credentialId: string; sad: string; hash: Uint8Array },
    context: { requestId: string },
  ): Promise<RemoteSignHash>;
  /** Rejects while a provider's circuit is open (readiness). */
  ping(): Promise<void>;
}
