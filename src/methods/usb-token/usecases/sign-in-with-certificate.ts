/**
 * Sign-in with a certificate: the signature over the hub's challenge proves the key, the pipeline the
 * certificate; the account is the one holding that certificate as a credential. A valid certificate that no
 * account holds is CERTIFICATE_NOT_REGISTERED (the page offers to register with it). The session is a
 * certificate sign-in: hardware key, LoA2 (hub.md).
 */
import { failure, type Outcome, type RequestContext } from '../../../usecases/outcome.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { VerifySignedChallenge } from './contracts.ts';
import { decodeSignedData, signedChallengeErrors } from './register-with-certificate.ts';

export interface CertificateSignInDependencies<Session> {
  verify: VerifySignedChallenge;
  findAccountByCertificate(fingerprint: string): Promise<{ id: string } | undefined>;
  /** Opens the session of a certificate sign-in (C3's `signInWithCredential` with CERTIFICATE_SIGN_IN). */
  openSession(accountId: string, context: RequestContext): Promise<Outcome<Session>>;
  metrics: JourneyMetrics;
}

export function createSignInWithCertificate<Session>(deps: CertificateSignInDependencies<Session>) {
  return async function signInWithCertificate(
    input: { challengeId: string; signedData: string },
    context: RequestContext,
  ): Promise<Outcome<Session>> {
    const errors = signedChallengeErrors(input);
    if (errors.length > 0) return failure('VALIDATION_FAILED', { fieldErrors: errors });
    const signer = await deps.verify({
      challengeId: input.challengeId,
      signedData: decodeSignedData(input.signedData)!,
    });
    if (!signer.ok) {
      deps.metrics.step('certificate_sign_in', 'refused', { reason: signer.failure.code });
      return signer;
    }
    const account = await deps.findAccountByCertificate(signer.value.certificate.fingerprint);
    if (!account) {
      deps.metrics.step('certificate_sign_in', 'refused', { reason: 'CERTIFICATE_NOT_REGISTERED' });
      return failure('CERTIFICATE_NOT_REGISTERED');
    }
    const session = await deps.openSession(account.id, context);
    if (session.ok) deps.metrics.step('certificate_sign_in', 'signed_in');
    return session;
  };
}
