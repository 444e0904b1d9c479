/**
 * The CAs' revocation services: an OCSP responder (RFC 6960; the issuing CA signs its answers itself and
 * embeds its certificate) and CRLs (regenerated on every request, `nextUpdate` one minute ahead). Both read
 * the revocations in `test_pki.certificates`.
 */
import * as asn1js from 'asn1js';
import type { Authority } from './authorities.ts';
import { EC_ALGORITHM, pkijs, subtle, x509 } from './crypto.ts';

export const CRL_VALIDITY_MS = 60_000;
export const OCSP_VALIDITY_MS = 60_000;

export type CertificateStatus = { status: 'good' } | { status: 'revoked'; at: Date } | { status: 'unknown' };

/** The DER of a signed CRL of this CA. */
export async function makeCrl(
  authority: Authority,
  revoked: ReadonlyArray<{ serialNumber: string; revokedAt: Date }>,
  now: Date,
): Promise<ArrayBuffer> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: authority.certificate.subject,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + CRL_VALIDITY_MS),
    signingKey: authority.privateKey,
    signingAlgorithm: EC_ALGORITHM,
    entries: revoked.map((entry) => ({
      serialNumber: entry.serialNumber,
      revocationDate: entry.revokedAt,
      reason: x509.X509CrlReason.unspecified,
    })),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(authority.certificate)],
  });
  return crl.rawData;
}

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const SHA1 = '1.3.14.3.2.26';
const SHA256 = '2.16.840.1.101.3.4.2.1';

/** OCSP response statuses other than success, as RFC 6960 numbers them. */
const MALFORMED_REQUEST = 1;
const UNAUTHORIZED = 6;

/** Answers one DER OCSP request for this CA: the DER of the OCSP response. */
export async function answerOcsp(
  authority: Authority,
  requestDer: Uint8Array,
  statusOf: (serialNumber: string) => Promise<CertificateStatus>,
  now: Date,
): Promise<ArrayBuffer> {
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(requestDer);
  } catch {
    return bareResponse(MALFORMED_REQUEST);
  }
  const ca = pkijs.Certificate.fromBER(authority.certificate.rawData);
  const nameDer = ca.subject.toSchema().toBER(false);
  const keyBits = ca.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const responses: pkijs.SingleResponse[] = [];
  for (const { reqCert } of request.tbsRequest.requestList) {
    const hash = { [SHA1]: 'SHA-1', [SHA256]: 'SHA-256' }[reqCert.hashAlgorithm.algorithmId];
    // A question about another CA's certificate: this responder is not authoritative for it.
    if (!hash) return bareResponse(UNAUTHORIZED);
    const same = async (data: ArrayBuffer | Uint8Array, expected: asn1js.OctetString) =>
      Buffer.from(await subtle.digest(hash, data)).equals(Buffer.from(expected.valueBlock.valueHexView));
    if (!(await same(nameDer, reqCert.issuerNameHash)) || !(await same(keyBits, reqCert.issuerKeyHash)))
      return bareResponse(UNAUTHORIZED);
    const serial = Buffer.from(reqCert.serialNumber.valueBlock.valueHexView)
      .toString('hex')
      .replace(/^(00)+(?=.)/, '');
    const status = await statusOf(serial);
    responses.push(
      new pkijs.SingleResponse({
        certID: reqCert,
        certStatus: certStatusOf(status),
        thisUpdate: now,
        nextUpdate: new Date(now.getTime() + OCSP_VALIDITY_MS),
      }),
    );
  }
  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = ca.subject;
  basic.tbsResponseData.producedAt = now;
  basic.tbsResponseData.responses = responses;
  basic.certs = [ca];
  await basic.sign(authority.privateKey, 'SHA-256');
  const response = new pkijs.OCSPResponse();
  response.responseStatus.valueBlock.valueDec = 0;
  response.responseBytes = new pkijs.ResponseBytes({
    responseType: OCSP_BASIC,
    response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
  });
  return response.toSchema().toBER(false);
}

function certStatusOf(status: CertificateStatus) {
  if (status.status === 'revoked')
    return new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 1 },
      value: [new asn1js.GeneralizedTime({ valueDate: status.at })],
    });
  // good [0] IMPLICIT NULL, unknown [2] IMPLICIT NULL
  return new asn1js.Primitive({
    idBlock: { tagClass: 3, tagNumber: status.status === 'good' ? 0 : 2 },
    lenBlock: { length: 0 },
  } as asn1js.PrimitiveParams);
}

function bareResponse(status: number): ArrayBuffer {
  const response = new pkijs.OCSPResponse();
  response.responseStatus.valueBlock.valueDec = status;
  return response.toSchema().toBER(false);
}
