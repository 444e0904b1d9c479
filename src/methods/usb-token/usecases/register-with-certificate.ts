/**
 * Registration with a certificate (methods.md, "USB token"): the entries are checked first (every field error
 * at once, nothing spent), then the captcha (spent only now), then the signature over the hub's challenge and
 * the certificate (the pipeline uses the challenge up), then who the certificate names (population or business
 * registry), and only then, so that only the certificate's holder learns it, whether an account exists. The
 * account's credential is the certificate itself (its fingerprint); the registration signs the holder in, as
 * a certificate sign-in would, since the signature is that very proof.
 */
import { parseEmail } from '../../../domain/email.ts';
import {
  type Failure,
  type FieldError,
  failure,
  type Outcome,
  type RequestContext,
  success,
} from '../../../usecases/outcome.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import { credentialOf } from './certificate-credential.ts';
import type { RegisteredAccount, RegisterVerified, VerifySignedChallenge } from './contracts.ts';
import type { SubjectOfSigner } from './subject-of-signer.ts';

export const METHOD_ID = 'usb-token';

export interface CertificateRegistrationInput {
  challengeId: string;
  /** Base64 of the DER CMS SignedData. */
  signedData: string;
  email?: string | undefined;
  captchaId: string;
  captchaAnswer: string;
  consent: boolean;
}

export interface CertificateRegistrationDependencies {
  verifyCaptcha(captchaId: string, answer: string): Promise<boolean>;
  verify: VerifySignedChallenge;
  subjectOf: SubjectOfSigner;
  registerVerified: RegisterVerified;
  metrics: JourneyMetrics;
  consentVersion?: string;
}

const CHALLENGE_ID = /^[\w-]{8,128}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The signed data's bytes, or undefined when it is not base64 of something (the pipeline judges the rest). */
export function decodeSignedData(base64: string): Uint8Array | undefined {
  const compact = base64.replace(/\s/g, '');
  if (compact.length < 16 || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** The signed challenge's field errors (shared with sign-in and adding a certificate). */
export function signedChallengeErrors(input: { challengeId: string; signedData: string }): FieldError[] {
  return [
    ...(CHALLENGE_ID.test(input.challengeId) ? [] : [{ field: 'challengeId', code: 'CHALLENGE_ID_INVALID' }]),
    ...(decodeSignedData(input.signedData) ? [] : [{ field: 'signedData', code: 'SIGNED_DATA_INVALID' }]),
  ];
}

export function registrationErrors(input: CertificateRegistrationInput): FieldError[] {
  const email = input.email?.trim() ?? '';
  return [
    ...signedChallengeErrors(input),
    ...(email === '' || parseEmail(email).ok ? [] : [{ field: 'email', code: 'EMAIL_INVALID' }]),
    ...(input.captchaAnswer.trim() ? [] : [{ field: 'captchaAnswer', code: 'REQUIRED' }]),
    ...(input.consent ? [] : [{ field: 'consent', code: 'CONSENT_REQUIRED' }]),
  ];
}

export function createRegisterWithCertificate(deps: CertificateRegistrationDependencies) {
  const refused = (refusal: Failure, partner?: string): Outcome<never> => {
    deps.metrics.step('start', 'refused', {
      method: METHOD_ID,
      reason: refusal.code,
      ...(partner && { partner }),
    });
    return { ok: false, failure: refusal };
  };

  return async function registerWithCertificate(
    input: CertificateRegistrationInput,
    context: RequestContext,
  ): Promise<Outcome<RegisteredAccount>> {
    const errors = registrationErrors(input);
    if (errors.length > 0) {
      deps.metrics.step('start', 'invalid', { method: METHOD_ID, reason: 'VALIDATION_FAILED' });
      return failure('VALIDATION_FAILED', { fieldErrors: errors });
    }
    if (!(await deps.verifyCaptcha(input.captchaId, input.captchaAnswer)))
      return refused({ code: 'CAPTCHA_INVALID' });

    const signer = await deps.verify({
      challengeId: input.challengeId,
      signedData: decodeSignedData(input.signedData)!,
    });
    if (!signer.ok) return refused(signer.failure);
    const partner = signer.value.certificate.issuer;
    const subject = await deps.subjectOf(signer.value, context);
    if (!subject.ok) return refused(subject.failure, partner);

    const email = input.email?.trim();
    const registered = await deps.registerVerified(
      {
        method: METHOD_ID,
        partner,
        subject: subject.value,
        credential: () => credentialOf(signer.value.certificate),
        ...(email && { email }),
        ...(deps.consentVersion && { consentVersion: deps.consentVersion }),
      },
      context,
    );
    if (!registered.ok) return registered;
    return success(registered.value);
  };
}

export type RegisterWithCertificate = ReturnType<typeof createRegisterWithCertificate>;
