/**
 * Issuing a certificate: a person's (`UID=CCCD:`/`CMND:`) or a business's (`UID=MST:`), with the CA's AIA
 * (OCSP responder and caIssuers) and CRL distribution point, key usage digitalSignature + nonRepudiation
 * unless a test asks otherwise. A software key is made for it, or a given public key is certified (the
 * signing agent's keys, made on its token).
 */
import type { Authority, CaId } from './authorities.ts';
import {
  type CryptoKey,
  EC_ALGORITHM,
  generateKeys,
  type KeyType,
  privateKeyPem,
  publicKeyOf,
  x509,
} from './crypto.ts';

export const UID_OID = '0.9.2342.19200300.100.1.1';

export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

export interface IssueRequest {
  /** 12-digit CCCD or 9-digit CMND: a person's certificate. */
  idNumber?: string;
  /** 10 digits, or 10-3 for a branch: a business's certificate. */
  taxCode?: string;
  fullName?: string;
  organisationName?: string;
  /** A certificate without any UID (tests of CERTIFICATE_NO_IDENTITY). */
  noIdentity?: boolean;
  ca?: CaId;
  keyType?: KeyType;
  validDays?: number;
  notBefore?: Date;
  /** Certify this key (a CryptoKey or an SPKI PEM); the answer then carries no private key. */
  publicKey?: CryptoKey | string;
  keyUsage?: KeyUsageName[];
}

export interface IssuedCertificate {
  /** Hex, lower case. */
  serialNumber: string;
  certificatePem: string;
  /** The issuing CA's certificate (the root is not included). */
  chainPem: string;
  /** PKCS#8, when the simulator made the key. */
  privateKeyPem?: string;
}

const ID_NUMBER = /^(\d{12}|\d{9})$/;
const TAX_CODE = /^\d{10}(-\d{3})?$/;
const DAY_MS = 24 * 3600 * 1000;

/** What is wrong with a request, for the dev API's 422; empty when it can be issued. */
export function requestProblems(request: IssueRequest): string[] {
  const problems: string[] = [];
  if (request.idNumber !== undefined && request.taxCode !== undefined)
    problems.push('give idNumber or taxCode, not both');
  if (request.idNumber !== undefined && !ID_NUMBER.test(request.idNumber))
    problems.push('idNumber is a 12-digit CCCD or a 9-digit CMND');
  if (request.taxCode !== undefined && !TAX_CODE.test(request.taxCode))
    problems.push('taxCode is 10 digits, or 10 digits-3 digits for a branch');
  if (request.idNumber === undefined && request.taxCode === undefined && !request.noIdentity)
    problems.push('idNumber or taxCode is required (or noIdentity: true)');
  if (request.validDays !== undefined && !(Number.isInteger(request.validDays) && request.validDays > 0))
    problems.push('validDays is a whole number of days above 0');
  if (request.notBefore !== undefined && Number.isNaN(request.notBefore.getTime()))
    problems.push('notBefore is not a valid instant');
  for (const usage of request.keyUsage ?? [])
    if (!KEY_USAGE_NAMES.includes(usage)) problems.push(`keyUsage ${String(usage)} is not known`);
  return problems;
}

export async function issueCertificate(options: {
  request: IssueRequest;
  authority: Authority & { id: CaId };
  serialNumber: string;
  now: Date;
  /** Where the CA's OCSP responder, certificate and CRL are served. */
  pkiUrl: string;
}): Promise<IssuedCertificate & { notAfter: Date }> {
  const { request, authority, serialNumber } = options;
  const problems = requestProblems(request);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const own = request.publicKey ? undefined : await generateKeys(request.keyType ?? 'ec');
  const publicKey = own ? own.publicKey : (await publicKeyOf(request.publicKey!)).key;
  const notBefore = request.notBefore ?? new Date(options.now.getTime() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (request.validDays ?? 365) * DAY_MS);
  const usages = request.keyUsage ?? ['digitalSignature', 'nonRepudiation'];
  const flags = usages.reduce((all, usage) => all | x509.KeyUsageFlags[usage], 0);
  const base = `${options.pkiUrl}/${authority.id}`;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: subjectOf(request),
    issuer: authority.certificate.subject,
    notBefore,
    notAfter,
    publicKey,
    signingKey: authority.privateKey,
    signingAlgorithm: EC_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(flags, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.certificate),
      new x509.AuthorityInfoAccessExtension({ ocsp: `${base}/ocsp`, caIssuers: `${base}/ca.cer` }),
      new x509.CRLDistributionPointsExtension([`${base}/crl`]),
    ],
  });
  return {
    serialNumber: certificate.serialNumber.toLowerCase(),
    certificatePem: certificate.toString('pem'),
    chainPem: authority.certificate.toString('pem'),
    ...(own && { privateKeyPem: await privateKeyPem(own.privateKey) }),
    notAfter,
  };
}

function subjectOf(request: IssueRequest): x509.Name {
  const name = request.taxCode
    ? (request.organisationName ?? 'Doanh nghiệp thử nghiệm (TEST)')
    : (request.fullName ?? 'Công dân thử nghiệm (TEST)');
  const uid = request.noIdentity
    ? undefined
    : request.taxCode
      ? `MST:${request.taxCode}`
      : request.idNumber
        ? `${request.idNumber.length === 12 ? 'CCCD' : 'CMND'}:${request.idNumber}`
        : undefined;
  return new x509.Name([
    { CN: [{ utf8String: name }] },
    ...(uid ? [{ [UID_OID]: [{ utf8String: uid }] }] : []),
    { C: [{ printableString: 'VN' }] },
  ]);
}
