/**
 * Adding a certificate to the signed-in account (the account page): the signature over a fresh challenge
 * proves the key, the pipeline the certificate, and the certificate must name the account's own holder (the
 * same ID number, an old CMND resolved through the population registry, or the same tax code: the business
 * registry is not asked again, the account already stands for the business), so that
 * nobody adds their certificate to somebody else's account or another's to their own. A certificate already
 * held by another account is refused; one this account already holds changes nothing.
 */
import { failure, type Outcome, type RequestContext, success } from '../../../usecases/outcome.ts';
import { credentialOf } from './certificate-credential.ts';
import type { CertificateCredential, CertificateFacts, VerifySignedChallenge } from './contracts.ts';
import { decodeSignedData, signedChallengeErrors } from './register-with-certificate.ts';
import type { SubjectOfSigner } from './subject-of-signer.ts';

export interface AddCertificateDependencies {
  verify: VerifySignedChallenge;
  subjectOf: SubjectOfSigner;
  /** The account's kind and username (the ID number of a citizen, the tax code of an organisation). */
  accountOf(
    accountId: string,
  ): Promise<{ accountType: 'citizen' | 'organisation'; username: string } | undefined>;
  findAccountByCertificate(fingerprint: string): Promise<{ id: string } | undefined>;
  addCredential(accountId: string, credential: CertificateCredential): Promise<'added' | 'taken'>;
}

export interface AddedCertificate {
  certificate: Omit<CertificateFacts, 'pem'>;
  /** False when the account already held it. */
  added: boolean;
}

export function createAddCertificate(deps: AddCertificateDependencies) {
  return async function addCertificate(
    accountId: string,
    input: { challengeId: string; signedData: string },
    context: RequestContext,
  ): Promise<Outcome<AddedCertificate>> {
    const errors = signedChallengeErrors(input);
    if (errors.length > 0) return failure('VALIDATION_FAILED', { fieldErrors: errors });
    const account = await deps.accountOf(accountId);
    if (!account) return failure('UNAUTHENTICATED');
    const signer = await deps.verify({
      challengeId: input.challengeId,
      signedData: decodeSignedData(input.signedData)!,
    });
    if (!signer.ok) return signer;
    // The certificate must name the account's holder: a business's own tax code, or the citizen's ID number
    // (an old CMND resolved through the population registry). A mismatch of kinds needs no registry.
    const named = signer.value;
    if (named.kind !== account.accountType) return failure('CERTIFICATE_NOT_YOURS');
    if (named.kind === 'organisation') {
      if (named.taxCode !== account.username) return failure('CERTIFICATE_NOT_YOURS');
    } else {
      const subject = await deps.subjectOf(named, context);
      if (!subject.ok) return subject;
      if (subject.value.kind !== 'citizen' || subject.value.idNumber !== account.username)
        return failure('CERTIFICATE_NOT_YOURS');
    }

    const { pem: _pem, ...certificate } = signer.value.certificate;
    const holder = await deps.findAccountByCertificate(certificate.fingerprint);
    if (holder?.id === accountId) return success({ certificate, added: false });
    if (holder) return failure('CERTIFICATE_IN_USE');
    const added = await deps.addCredential(accountId, credentialOf(signer.value.certificate));
    // Taken between the look-up and the insert: by this account (a double submit) or by another.
    if (added === 'taken') {
      const now = await deps.findAccountByCertificate(certificate.fingerprint);
      return now?.id === accountId ? success({ certificate, added: false }) : failure('CERTIFICATE_IN_USE');
    }
    return success({ certificate, added: true });
  };
}
