/**
 * What the USB-token method needs from the parts it is built on, as the narrow functions it calls: the
 * signature pipeline (contract C2), the tail for methods without an SMS code and sign-in by credential (C3),
 * the registries. The composition (plugin.ts) hands the real ones in; the unit tests hand in fakes.
 */
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { CertificateFacts } from '../../../usecases/ports/signatures.ts';
import type {
  VerifiedRegistration,
  VerifiedSubject,
} from '../../../usecases/registration/register-verified.ts';
import type { SignerIdentity } from '../../../usecases/signatures/index.ts';

/** The pipeline's (C2) and the tail's (C3) own types. */
export type { CertificateFacts, SignerIdentity, VerifiedSubject };

/** A signed challenge as the browser's agent returns it: the challenge's id and a detached CMS SignedData. */
export interface SignedChallenge {
  challengeId: string;
  signedData: Uint8Array;
}

/** The pipeline: verifies the signature over the challenge (using it up) and the certificate; who signed. */
export type VerifySignedChallenge = (input: SignedChallenge) => Promise<Outcome<SignerIdentity>>;

export interface CertificateCredential {
  type: 'certificate';
  identifier: string;
  secret: string;
}

/** What the tail answers, less the registration's id, which these methods do not use. */
export type RegisteredAccount = Omit<VerifiedRegistration, 'registrationId'>;

/** The shared tail (C3): the account, its claims and its credential, exactly once per ID number or tax code. */
export type RegisterVerified = (
  input: {
    method: string;
    partner: string | null;
    subject: VerifiedSubject;
    credential: (accountId: string) => CertificateCredential;
    email?: string;
    consentVersion?: string;
  },
  context: RequestContext,
) => Promise<Outcome<RegisteredAccount>>;

/** The business registry's verdict on a tax code (C3's `verifyOrganisation`). */
export type VerifyOrganisation = (
  taxCode: string,
  context: RequestContext,
) => Promise<Outcome<{ name: string; representativeIdNumber?: string }>>;
