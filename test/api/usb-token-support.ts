/**
 * What the certificate tests do in place of a USB token and its agent: ask the test PKI (dev API) for a
 * certificate with a software key, and sign the hub's challenge with it as the agent would (a detached CMS
 * SignedData with signed attributes, the signer's certificate and its issuing CA), with pkijs.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { call } from '../support/system.ts';

pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({
    name: 'node',
    crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'],
  }),
);

export interface IssuedCertificate {
  serialNumber: string;
  certificatePem: string;
  chainPem: string;
  privateKeyPem: string;
}

export interface CertificateRequest {
  idNumber?: string;
  taxCode?: string;
  fullName?: string;
  organisationName?: string;
  noIdentity?: boolean;
  ca?: 'vnpt' | 'viettel' | 'fpt';
  keyType?: 'ec' | 'rsa';
  validDays?: number;
  notBefore?: string;
}

export async function issueCertificate(
  base: string,
  request: CertificateRequest,
): Promise<IssuedCertificate> {
  const answer = await call<IssuedCertificate>(base, 'POST', '/sim/ca/certificates', request);
  if (answer.status !== 201)
    throw new Error(`the test PKI answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const derBlocks = (pem: string) =>
  [...pem.matchAll(/-----BEGIN [A-Z ]+-----([\s\S]*?)-----END [A-Z ]+-----/g)].map(
    (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64')),
  );
const exact = (bytes: Uint8Array) => bytes.slice().buffer;

/** The certificate's SHA-256 fingerprint, hex: the credential's identifier. */
export async function fingerprintOf(certificatePem: string): Promise<string> {
  const [der] = derBlocks(certificatePem);
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', der!)).toString('hex');
}

/** Base64 of a detached CMS SignedData over the nonce's decoded bytes, as the local agent makes it. */
export async function signNonce(nonce: string, issued: IssuedCertificate): Promise<string> {
  const certificate = pkijs.Certificate.fromBER(exact(derBlocks(issued.certificatePem)[0]!));
  const chain = derBlocks(issued.chainPem).map((der) => pkijs.Certificate.fromBER(exact(der)));
  const ec = certificate.subjectPublicKeyInfo.algorithm.algorithmId === '1.2.840.10045.2.1';
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    exact(derBlocks(issued.privateKeyPem)[0]!),
    ec ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const content = exact(new Uint8Array(Buffer.from(nonce, 'base64')));
  const digest = await webcrypto.subtle.digest('SHA-256', content);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.3',
              values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.4',
              values: [new asn1js.OctetString({ valueHex: digest })],
            }),
          ],
        }),
      }),
    ],
    certificates: [certificate, ...chain],
  });
  await signedData.sign(key as Parameters<pkijs.SignedData['sign']>[0], 0, 'SHA-256', content);
  const contentInfo = new pkijs.ContentInfo({
    contentType: '1.2.840.113549.1.7.2',
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER(false)).toString('base64');
}

/** A fresh challenge from the hub, signed with this certificate's key. */
export async function signedChallenge(
  base: string,
  issued: IssuedCertificate,
): Promise<{ challengeId: string; signedData: string }> {
  const challenge = await call<{ challengeId: string; nonce: string }>(
    base,
    'POST',
    '/api/v1/certificate-challenges',
  );
  if (challenge.status !== 201) throw new Error(`no challenge: ${challenge.status}`);
  return {
    challengeId: challenge.body.challengeId,
    signedData: await signNonce(challenge.body.nonce, issued),
  };
}
