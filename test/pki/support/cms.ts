/**
 * Signing as a signer's agent does, for tests: a detached CMS SignedData (with or without signed attributes)
 * or a bare signature, made with pkijs from a key and certificate the test PKI issued.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import { pkijs, x509 } from '../../../src/adapters/pki/engine.ts';

export interface SigningMaterial {
  certificatePem: string;
  chainPem: string;
  privateKeyPem?: string;
}

const der = (pem: string) => x509.PemConverter.decode(pem).map((bytes) => new Uint8Array(bytes));
const certificatesOf = (pem: string) => der(pem).map((bytes) => pkijs.Certificate.fromBER(bytes));

export async function importKey(material: SigningMaterial): Promise<webcrypto.CryptoKey> {
  const pkcs8 = der(material.privateKeyPem!)[0]!;
  const certificate = new x509.X509Certificate(material.certificatePem);
  const ec = certificate.publicKey.algorithm.name === 'ECDSA';
  return webcrypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    ec ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

export async function signCms(
  material: SigningMaterial,
  content: Uint8Array,
  options: { signedAttributes?: boolean; withChain?: boolean; extraCertificatesPem?: string } = {},
): Promise<Uint8Array> {
  const [certificate] = certificatesOf(material.certificatePem);
  const chain = options.withChain === false ? [] : certificatesOf(material.chainPem);
  const extra = options.extraCertificatesPem ? certificatesOf(options.extraCertificatesPem) : [];
  const cms = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate!.issuer,
          serialNumber: certificate!.serialNumber,
        }),
      }),
    ],
    certificates: [...extra, certificate!, ...chain],
  });
  if (options.signedAttributes !== false) {
    const digest = await webcrypto.subtle.digest('SHA-256', content);
    cms.signerInfos[0]!.signedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new pkijs.Attribute({
          type: '1.2.840.113549.1.9.3',
          values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })],
        }),
        new pkijs.Attribute({
          type: '1.2.840.113549.1.9.5',
          values: [new asn1js.UTCTime({ valueDate: new Date() })],
        }),
        new pkijs.Attribute({
          type: '1.2.840.113549.1.9.4',
          values: [new asn1js.OctetString({ valueHex: digest })],
        }),
      ],
    });
  }
  const key = await importKey(material);
  // A copy: a Buffer's .buffer may be the whole shared pool.
  await cms.sign(
    key as unknown as Parameters<typeof cms.sign>[0],
    0,
    'SHA-256',
    new Uint8Array(content).buffer,
  );
  const info = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: cms.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** PKCS#1 v1.5 (RSA) or ECDSA r||s (EC), SHA-256, over the content. */
export async function signRaw(material: SigningMaterial, content: Uint8Array): Promise<Uint8Array> {
  const key = await importKey(material);
  const algorithm =
    key.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
  return new Uint8Array(await webcrypto.subtle.sign(algorithm, key, content));
}

export const derOf = (pem: string) => der(pem)[0]!;
