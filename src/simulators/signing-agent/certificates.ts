/**
 * What the agent tells a page about the token's certificates (the fields of the VNPT-CA plugin's
 * GetCertInfo, in JSON), and the issuing chain it sends with a signature, built from the CA certificates on
 * the token by subject and issuer (the root is left out: the verifier holds its own trust anchors).
 */
import { x509 } from '../../lib/x509.ts';
import type { StoredCertificate } from './token.ts';

const { AuthorityKeyIdentifierExtension, SubjectKeyIdentifierExtension, X509Certificate } = x509;

/** The subject attribute Vietnamese CAs carry the ID number or tax code in (`UID=CCCD:…`, `UID=MST:…`). */
const UID = '0.9.2342.19200300.100.1.1';

export interface CertificateInfo {
  certificateId: string;
  serialNumber: string;
  subjectCN: string;
  issuerCN: string;
  uid: string | null;
  notBefore: string;
  notAfter: string;
  certificatePem: string;
}

export function describeCertificate(stored: StoredCertificate): CertificateInfo {
  const certificate = new X509Certificate(stored.der);
  return {
    certificateId: stored.id,
    serialNumber: certificate.serialNumber,
    subjectCN: certificate.subjectName.getField('CN')[0] ?? '',
    issuerCN: certificate.issuerName.getField('CN')[0] ?? '',
    uid: certificate.subjectName.getField(UID)[0] ?? null,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    certificatePem: certificate.toString('pem'),
  };
}

/** The holder's certificates: those whose CKA_ID names a key pair on the token. */
export function holderCertificates(all: StoredCertificate[], keyIds: Set<string>): StoredCertificate[] {
  return all.filter((c) => !c.authority && keyIds.has(c.id));
}

/**
 * Issuing CAs from the leaf up, stopping before a self-signed root or when no issuer is on the token. An
 * issuer is the CA of that name whose key identifier is the one the certificate names: two generations of
 * "VNPT-CA (TEST)" can be on a token (the PKI's database was reset), and only one signed it.
 */
export function chainOf(leaf: Uint8Array, authorities: StoredCertificate[]): Uint8Array[] {
  const cas = authorities.map((a) => ({ der: a.der, certificate: new X509Certificate(a.der) }));
  const chain: Uint8Array[] = [];
  let current = new X509Certificate(leaf);
  while (chain.length < 5) {
    const child = current;
    const wanted = child.getExtension(AuthorityKeyIdentifierExtension)?.keyId;
    const issuer = cas.find(
      (ca) =>
        ca.certificate.subject === child.issuer &&
        (!wanted || ca.certificate.getExtension(SubjectKeyIdentifierExtension)?.keyId === wanted),
    );
    if (!issuer || issuer.certificate.subject === issuer.certificate.issuer) break;
    chain.push(issuer.der);
    current = issuer.certificate;
  }
  return chain;
}
