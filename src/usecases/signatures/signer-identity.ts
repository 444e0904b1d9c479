/**
 * Who signed, from the certificate's subject (docs/methods.md): the `UID` attribute says `CCCD:<12 digits>`
 * or `CMND:<9 digits>` for a person, `MST:<tax code>` for a business (10 digits, or 10-3 for a branch);
 * the name is the `CN`. Other prefixes (HC:, BHXH:, PID:) identify no account here.
 */
import type { CertificateFacts, SignerCertificate } from '../ports/signatures.ts';

export type SignerIdentity =
  | {
      kind: 'citizen';
      idNumber: string;
      idType: 'CCCD' | 'CMND';
      fullName: string;
      certificate: CertificateFacts;
    }
  | { kind: 'organisation'; taxCode: string; organisationName: string; certificate: CertificateFacts };

const CITIZEN = /^(CCCD|CMND):(\d+)$/;
const TAX_CODE = /^MST:(\d{10}(?:-\d{3})?)$/;

/** The identity the certificate states, or undefined when it states none we can use. */
export function signerIdentityOf(
  signer: Pick<SignerCertificate, 'uids' | 'commonNames' | 'facts'>,
): SignerIdentity | undefined {
  const name = signer.commonNames.map((cn) => cn.normalize('NFC').replace(/\s+/g, ' ').trim()).find(Boolean);
  if (!name) return undefined;
  for (const raw of signer.uids) {
    const uid = raw.trim().replace(/\s+/g, '');
    const citizen = CITIZEN.exec(uid.toUpperCase());
    if (citizen) {
      const idType = citizen[1] as 'CCCD' | 'CMND';
      const idNumber = citizen[2]!;
      if (idNumber.length === (idType === 'CCCD' ? 12 : 9))
        return { kind: 'citizen', idNumber, idType, fullName: name, certificate: signer.facts };
      continue;
    }
    const business = TAX_CODE.exec(uid.toUpperCase());
    if (business)
      return {
        kind: 'organisation',
        taxCode: business[1]!,
        organisationName: name,
        certificate: signer.facts,
      };
  }
  return undefined;
}
