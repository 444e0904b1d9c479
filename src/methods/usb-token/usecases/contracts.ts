/**
 * What the USB-token method needs from the parts it is built on, as the narrow functions it calls: the
 * signature pipeline (contract C2), the tail for methods without an SMS code and sign-in by credential (C3),
 * the registries. The composition (plugin.ts) hands the real ones in; the unit tests hand in fakes.
 */
import type { ClaimEvidence } from '../../../domain/identity-claims.ts';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';

/** The signer's certificate as the pipeline read it (C2); `fingerprint` (SHA-256 hex of the DER) identifies it. */
export interface CertificateFacts {
  fingerprint: string;
  serialNumber: string;
  /** The issuing CA's CN. */
  issuer: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  pem: string;
}

export type SignerIdentity =
  | {
      kind: 'citizen';
      idNumber: string;
      idType: 'CCCD' | 'CMND';
      fullName: string;
      certificate: CertificateFacts;
    }
  | { kind: 'organisation'; taxCode: string; organisationName: string; certificate: CertificateFacts };

/** A signed challenge as the browser's agent returns it: the challenge's id and a detached CMS SignedData. */
export interface SignedChallenge {
  challengeId: string;
  signedData: Uint8Array;
}

/** The pipeline: verifies the signature over the challenge (using it up) and the certificate; who signed. */
export type VerifySignedChallenge = (input: SignedChallenge) => Promise<Outcome<SignerIdentity>>;

/** The identity a method proved, handed to the shared tail (C3). */
export type VerifiedSubject =
  | {
      kind: 'citizen';
      idNumber: string;
      fullName: string;
      birthDate: string | null;
      phoneNumber: string | null;
      claims: ClaimEvidence[];
    }
  | { kind: 'organisation'; taxCode: string; organisationName: string; claims: ClaimEvidence[] };

export interface CertificateCredential {
  type: 'certificate';
  identifier: string;
  secret: string;
}

export interface RegisteredAccount {
  accountId: string;
  username: string;
  accountType: 'citizen' | 'organisation';
  displayName: string;
}

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
) => Promise<Outcome<{ name: string }>>;
