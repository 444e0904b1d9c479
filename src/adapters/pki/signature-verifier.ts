/**
 * The SignatureVerifier port with pkijs: a detached CMS SignedData (RFC 5652) over the challenge's bytes,
 * with or without signed attributes (pkijs then checks the messageDigest attribute against the content), or
 * a bare PKCS#1 v1.5 / ECDSA signature with SHA-256 (SIM signatures). Anything unreadable is `invalid`.
 */
import * as asn1js from 'asn1js';
import type { SignatureCheck, SignatureVerifier } from '../../usecases/ports/signatures.ts';
import { readCertificate } from './certificate-reader.ts';
import { exactBuffer, pkijs, subtle, x509 } from './engine.ts';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_DATA = '1.2.840.113549.1.7.1';
const INVALID: SignatureCheck = { outcome: 'invalid' };

export function createSignatureVerifier(): SignatureVerifier {
  return {
    async verifyCms(signedData, content) {
      try {
        const info = pkijs.ContentInfo.fromBER(exactBuffer(signedData));
        if (info.contentType !== SIGNED_DATA) return INVALID;
        const cms = new pkijs.SignedData({ schema: info.content });
        // One signer, over plain data, detached: what the challenge asked for, nothing a library would reinterpret.
        if (cms.signerInfos.length !== 1) return INVALID;
        if (cms.encapContentInfo.eContentType !== ID_DATA || cms.encapContentInfo.eContent) return INVALID;
        const result = await cms.verify({
          signer: 0,
          data: exactBuffer(content),
          checkChain: false,
          extendedMode: true,
        });
        if (result.signatureVerified !== true || !result.signerCertificate) return INVALID;
        // BER leniency would let a signature with a changed length byte still verify: only strict DER counts.
        const signerInfo = cms.signerInfos[0]!;
        if (
          signerInfo.signatureAlgorithm.algorithmId.startsWith(ECDSA_OIDS) &&
          !isStrictDerSignature(new Uint8Array(signerInfo.signature.valueBlock.valueHexView))
        )
          return INVALID;
        const signerDer = new Uint8Array(result.signerCertificate.toSchema().toBER(false));
        const signer = readCertificate(signerDer);
        const supplied = (cms.certificates ?? [])
          .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
          .map((c) => new Uint8Array(c.toSchema().toBER(false)))
          .filter((der) => !Buffer.from(der).equals(Buffer.from(signerDer)));
        return { outcome: 'verified', signer, supplied };
      } catch {
        return INVALID;
      }
    },

    async verifyRaw({ signature, certificate, chain, content }) {
      try {
        const signer = readCertificate(certificate);
        const cert = new x509.X509Certificate(certificate);
        const algorithm = cert.publicKey.algorithm as { name: string; namedCurve?: string };
        let verified: boolean;
        if (algorithm.name === 'ECDSA') {
          const params = { name: 'ECDSA', namedCurve: algorithm.namedCurve ?? 'P-256' };
          const key = await subtle.importKey(
            'spki',
            exactBuffer(new Uint8Array(cert.publicKey.rawData)),
            params,
            false,
            ['verify'],
          );
          const raw = ecdsaRaw(signature, curveBytes(params.namedCurve));
          verified =
            raw !== undefined && (await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, content));
        } else {
          const params = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
          const key = await subtle.importKey(
            'spki',
            exactBuffer(new Uint8Array(cert.publicKey.rawData)),
            params,
            false,
            ['verify'],
          );
          verified = await subtle.verify(params, key, signature, content);
        }
        return verified ? { outcome: 'verified', signer, supplied: chain } : INVALID;
      } catch {
        return INVALID;
      }
    },
  };
}

/** ecdsa-with-SHA* (1.2.840.10045.4.*) and id-ecPublicKey (1.2.840.10045.2.1) as some signers name it. */
const ECDSA_OIDS = '1.2.840.10045.';

/** An ECDSA signature that is exactly the DER SEQUENCE { r INTEGER, s INTEGER }, nothing more or less. */
function isStrictDerSignature(bytes: Uint8Array): boolean {
  const parsed = asn1js.fromBER(exactBuffer(bytes));
  if (parsed.offset !== bytes.length || !(parsed.result instanceof asn1js.Sequence)) return false;
  const values = parsed.result.valueBlock.value;
  // Exactly universal, primitive INTEGER (tag 2): asn1js reads ENUMERATED as a kind of Integer too.
  const isInteger = (value: asn1js.AsnType) =>
    value.idBlock.tagClass === 1 && value.idBlock.tagNumber === 2 && !value.idBlock.isConstructed;
  if (values.length !== 2 || !values.every(isInteger)) return false;
  return Buffer.from(parsed.result.toBER(false)).equals(Buffer.from(bytes));
}

const curveBytes = (curve: string) => ({ 'P-256': 32, 'P-384': 48, 'P-521': 66 })[curve] ?? 32;

/** WebCrypto takes r||s; signers give the X9.62 DER SEQUENCE { r, s } or r||s already. */
function ecdsaRaw(signature: Uint8Array, size: number): Uint8Array | undefined {
  if (signature.length === 2 * size) return signature;
  if (!isStrictDerSignature(signature)) return undefined;
  const parsed = asn1js.fromBER(exactBuffer(signature));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const [r, s] = parsed.result.valueBlock.value;
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer)) return undefined;
  const fixed = (integer: asn1js.Integer) => {
    const bytes = new Uint8Array(integer.valueBlock.valueHexView).slice();
    const trimmed = bytes.subarray(Math.max(0, bytes.length - size));
    const out = new Uint8Array(size);
    out.set(trimmed, size - trimmed.length);
    return out;
  };
  return new Uint8Array([...fixed(r), ...fixed(s)]);
}
