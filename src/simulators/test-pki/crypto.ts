/**
 * The libraries the test PKI builds on (set up once in src/lib/x509.ts), and the key handling every part of the
 * simulator shares.
 */
import type { webcrypto } from 'node:crypto';
import { pkijs, subtle, x509 } from '../../lib/x509.ts';

export { pkijs, subtle, x509 };
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

export type KeyType = 'ec' | 'rsa';

export const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
export const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

export const algorithmOf = (type: KeyType) => (type === 'ec' ? EC_ALGORITHM : RSA_ALGORITHM);

export async function generateKeys(type: KeyType): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(algorithmOf(type), true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

export async function importPrivateKeyPem(pem: string, type: KeyType): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0]!;
  return subtle.importKey('pkcs8', der, algorithmOf(type), true, ['sign']);
}

/** An SPKI PEM or a CryptoKey to certify; refuses what is neither a P-256 EC nor an RSA key. */
export async function publicKeyOf(input: CryptoKey | string): Promise<{ key: CryptoKey; type: KeyType }> {
  if (typeof input !== 'string') return { key: input, type: input.algorithm.name === 'ECDSA' ? 'ec' : 'rsa' };
  const der = x509.PemConverter.decode(input)[0];
  if (!der) throw new RangeError('publicKeyPem is not PEM');
  const spki = new x509.PublicKey(der);
  const name = spki.algorithm.name;
  if (name === 'ECDSA')
    return { key: await subtle.importKey('spki', der, EC_ALGORITHM, true, ['verify']), type: 'ec' };
  if (name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-PSS' || name === 'RSAES-PKCS1-v1_5')
    return { key: await subtle.importKey('spki', der, RSA_ALGORITHM, true, ['verify']), type: 'rsa' };
  throw new RangeError(`publicKeyPem: unsupported key algorithm ${name}`);
}
