/**
 * CMS SignedData (RFC 5652) as a real agent's SignCMS makes it: detached (the data is not inside), signed
 * attributes contentType, signingTime and messageDigest, the signer's certificate and its issuing chain. The
 * token never sees the data: the agent hashes the signed attributes (re-tagged as a SET, §5.4) in software
 * and the token signs that SHA-256 digest.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { pkijs } from '../../lib/x509.ts';
import type { KeyKind } from './token.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

export interface CmsSigningInput {
  data: Uint8Array;
  /** DER of the signer's certificate, then of its issuing CAs (root excluded, as CAs distribute it). */
  signerCertificate: Uint8Array;
  chain: Uint8Array[];
  signingTime: Date;
  /** Signs a SHA-256 digest on the token: r‖s for EC, PKCS#1 v1.5 for RSA. */
  signDigest: (digest: Uint8Array) => { kind: KeyKind; signature: Uint8Array };
}

/** Returns the DER ContentInfo around the SignedData. */
export function signCms(input: CmsSigningInput): Uint8Array {
  const signer = pkijs.Certificate.fromBER(input.signerCertificate);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.data })],
      }),
      new pkijs.Attribute({
        type: OID.signingTime,
        values: [new asn1js.UTCTime({ valueDate: input.signingTime })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: arrayBuffer(sha256(input.data)) })],
      }),
    ],
  });
  // What is signed is the attributes' DER with the SET tag, not the [0] IMPLICIT tag they travel under.
  const toBeSigned = new Uint8Array(signedAttrs.toSchema().toBER());
  toBeSigned[0] = 0x31;
  const { kind, signature } = input.signDigest(sha256(toBeSigned));

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm:
      kind === 'ec'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
        : new pkijs.AlgorithmIdentifier({
            algorithmId: OID.sha256WithRsa,
            algorithmParams: new asn1js.Null(),
          }),
    signature: new asn1js.OctetString({
      // CMS carries ECDSA signatures as DER ECDSA-Sig-Value, the token answers r‖s.
      valueHex:
        kind === 'ec' ? pkijs.createCMSECDSASignature(arrayBuffer(signature)) : arrayBuffer(signature),
    }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [signer, ...input.chain.map((der) => pkijs.Certificate.fromBER(der))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}
