/**
 * Signing keys that live at a partner (a SIM's key, a remote-signing credential): RSA-2048 made here, certified
 * by the test PKI (so OCSP, CRLs and revocation work for them as for any certificate), and signing a SHA-256
 * digest as a SIM or an HSM does: PKCS#1 v1.5 over the DigestInfo. RSA because Node signs a bare digest only
 * for RSA (privateEncrypt); the real SIMs and cloud HSMs of the Vietnamese CAs use RSA-2048 too.
 */
import { constants, createHash, generateKeyPair, type KeyObject, privateEncrypt } from 'node:crypto';
import { promisify } from 'node:util';
import type { IssuedCertificate, IssueRequest } from '../test-pki/index.ts';

/** The test PKI's `issue`, as the simulators need it (a narrow seam for tests). */
export type IssueCertificate = (request: IssueRequest) => Promise<IssuedCertificate>;

export interface SigningKey {
  privateKey: KeyObject;
  serialNumber: string;
  certificatePem: string;
  /** The issuing CA (root excluded). */
  chainPem: string;
}

const generate = promisify(generateKeyPair);

export async function makeCertifiedKey(
  issue: IssueCertificate,
  subject: { idNumber: string; fullName: string },
  ca: IssueRequest['ca'] = 'viettel',
): Promise<SigningKey> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const issued = await issue({ idNumber: subject.idNumber, fullName: subject.fullName, ca, publicKey: spki });
  return {
    privateKey,
    serialNumber: issued.serialNumber,
    certificatePem: issued.certificatePem,
    chainPem: issued.chainPem,
  };
}

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** PKCS#1 v1.5 signature of a SHA-256 digest. */
export function signDigest(key: KeyObject, digest: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new RangeError('a SHA-256 digest is 32 bytes');
  return new Uint8Array(
    privateEncrypt(
      { key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([SHA256_DIGEST_INFO, digest]),
    ),
  );
}

export const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

/** DER of every certificate in a PEM bundle, in order. */
export function pemToDer(pem: string): Uint8Array[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')),
  );
}
