/**
 * A certificate as an account's credential (C3): identified by its SHA-256 fingerprint; what the account page
 * shows of it (subject, issuer, serial, validity) kept beside, never the certificate's PEM.
 */
import type { CertificateCredential, CertificateFacts } from './contracts.ts';

export function credentialOf(certificate: CertificateFacts): CertificateCredential {
  const { pem: _pem, ...facts } = certificate;
  return {
    type: 'certificate',
    identifier: certificate.fingerprint,
    secret: JSON.stringify({
      ...facts,
      notBefore: facts.notBefore.toISOString(),
      notAfter: facts.notAfter.toISOString(),
    }),
  };
}
