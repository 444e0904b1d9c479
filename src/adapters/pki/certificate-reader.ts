/** Reads a DER certificate into what the signature pipeline decides on (src/usecases/ports/signatures.ts). */
import { createHash } from 'node:crypto';
import type { KeyUsageName, SignerCertificate } from '../../usecases/ports/signatures.ts';
import { x509 } from './engine.ts';

const UID_OID = '0.9.2342.19200300.100.1.1';

const KEY_USAGE_BITS: Array<[KeyUsageName, number]> = [
  ['digitalSignature', x509.KeyUsageFlags.digitalSignature],
  ['nonRepudiation', x509.KeyUsageFlags.nonRepudiation],
  ['keyEncipherment', x509.KeyUsageFlags.keyEncipherment],
  ['dataEncipherment', x509.KeyUsageFlags.dataEncipherment],
  ['keyAgreement', x509.KeyUsageFlags.keyAgreement],
  ['keyCertSign', x509.KeyUsageFlags.keyCertSign],
  ['cRLSign', x509.KeyUsageFlags.cRLSign],
  ['encipherOnly', x509.KeyUsageFlags.encipherOnly],
  ['decipherOnly', x509.KeyUsageFlags.decipherOnly],
];

/** Hex, lower case, without the sign byte DER adds: the same serial whichever library printed it. */
export const normalSerial = (hex: string) => hex.toLowerCase().replace(/^(00)+(?=.)/, '');

export function readCertificate(der: Uint8Array): SignerCertificate {
  const certificate = new x509.X509Certificate(der);
  const keyUsage = certificate.getExtension(x509.KeyUsagesExtension);
  const basic = certificate.getExtension(x509.BasicConstraintsExtension);
  const cn = (name: x509.Name) => name.getField('CN');
  return {
    der,
    facts: {
      fingerprint: createHash('sha256').update(der).digest('hex'),
      serialNumber: normalSerial(certificate.serialNumber),
      issuer: cn(certificate.issuerName)[0] ?? certificate.issuer,
      subject: cn(certificate.subjectName)[0] ?? certificate.subject,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      pem: certificate.toString('pem'),
    },
    keyUsage: keyUsage
      ? KEY_USAGE_BITS.filter(([, bit]) => (keyUsage.usages & bit) !== 0).map(([name]) => name)
      : null,
    isCa: basic?.ca === true,
    commonNames: cn(certificate.subjectName),
    uids: certificate.subjectName.getField(UID_OID),
  };
}
