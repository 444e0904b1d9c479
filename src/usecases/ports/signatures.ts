/**
 * What the signature pipeline (src/usecases/signatures/) needs from cryptography and the CAs, one port per
 * step it decides on: the signature over the challenge, the path to a trust anchor, revocation. The
 * adapters (src/adapters/pki/) use maintained libraries (pkijs, @peculiar/x509); the decisions and their
 * order are the use case's.
 */

/** The signer's certificate as the credential identifier and the pages show it (contract C2). */
export interface CertificateFacts {
  /** SHA-256 of the DER, hex: the credential identifier. */
  fingerprint: string;
  /** Hex, lower case. */
  serialNumber: string;
  /** The issuer's CN. */
  issuer: string;
  /** The subject's CN. */
  subject: string;
  notBefore: Date;
  notAfter: Date;
  pem: string;
}

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** The signer's certificate read: what the pipeline decides on. */
export interface SignerCertificate {
  der: Uint8Array;
  facts: CertificateFacts;
  /** The key usage extension's bits; null when the certificate has none. */
  keyUsage: KeyUsageName[] | null;
  /** basicConstraints cA: a CA certificate never signs a citizen's challenge. */
  isCa: boolean;
  /** The subject's CN values and UID (0.9.2342.19200300.100.1.1) values, in order. */
  commonNames: string[];
  uids: string[];
}

export type SignatureCheck =
  | { outcome: 'invalid' }
  /** `supplied`: the other certificates the signer sent (its chain), DER. */
  | { outcome: 'verified'; signer: SignerCertificate; supplied: Uint8Array[] };

export interface SignatureVerifier {
  /** A CMS SignedData (DER), detached, over `content`; with or without signed attributes. */
  verifyCms(signedData: Uint8Array, content: Uint8Array): Promise<SignatureCheck>;
  /** A bare signature (PKCS#1 v1.5 or ECDSA, SHA-256) over `content`, with the signer's certificate and chain. */
  verifyRaw(input: {
    signature: Uint8Array;
    certificate: Uint8Array;
    chain: Uint8Array[];
    content: Uint8Array;
  }): Promise<SignatureCheck>;
}

/** `issuer`: the certificate that issued the signer's (DER), which the revocation answers must come from. */
export type PathCheck = { outcome: 'untrusted' } | { outcome: 'trusted'; issuer: Uint8Array };

export interface TrustPaths {
  /** A path FROM the signer's certificate to a configured trust anchor, valid at `at`. */
  validate(signer: SignerCertificate, supplied: Uint8Array[], at: Date): Promise<PathCheck>;
}

export type RevocationStatus = 'good' | 'revoked' | 'unavailable';

export interface RevocationChecker {
  /** OCSP from the certificate's AIA, else the CRL from its CDP; `unavailable` when neither answered. */
  status(
    signer: SignerCertificate,
    issuer: Uint8Array,
    context: { requestId: string },
  ): Promise<RevocationStatus>;
}
