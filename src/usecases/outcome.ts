/**
 * What a use case answers: a value, or a failure with a stable code the web layer turns into HTTP
 * (status, problem+json, page message). Codes are the API's codes (api.md); no HTTP here.
 */
import type { PartnerContact } from '../domain/partners.ts';

/** The codes of the shared journey and pipelines, used by several methods or none in particular. */
export type CoreFailureCode =
  | 'VALIDATION_FAILED'
  | 'CAPTCHA_INVALID'
  | 'ACCOUNT_EXISTS'
  | 'RATE_LIMITED'
  | 'SMS_UNAVAILABLE'
  | 'OTP_INVALID'
  | 'OTP_EXPIRED'
  | 'OTP_LOCKED'
  | 'OTP_RESEND_TOO_SOON'
  | 'OTP_LIMIT_REACHED'
  | 'REGISTRATION_NOT_FOUND'
  | 'STEP_NOT_ALLOWED'
  | 'PASSWORD_POLICY'
  | 'PASSWORD_MISMATCH'
  | 'CAPTCHA_NOT_FOUND'
  | 'CAPTCHA_AUDIO_UNAVAILABLE'
  | 'INVALID_CREDENTIALS'
  | 'UNAUTHENTICATED'
  | 'CODE_NOT_FOUND'
  | 'POPULATION_UNAVAILABLE'
  // The signature pipeline (docs/methods.md, "Digital signatures: the common pipeline").
  | 'SIGNATURE_INVALID'
  | 'CERTIFICATE_UNTRUSTED'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_REVOKED'
  | 'CERTIFICATE_NO_IDENTITY'
  | 'CHALLENGE_INVALID'
  | 'REVOCATION_UNAVAILABLE'
  // Certificates as credentials (docs/methods.md, "USB token"; the account page).
  | 'CERTIFICATE_NOT_REGISTERED'
  | 'CERTIFICATE_NOT_YOURS'
  | 'CERTIFICATE_IN_USE'
  | 'LAST_CREDENTIAL'
  | 'CREDENTIAL_NOT_FOUND'
  | 'CREDENTIAL_TAKEN'
  | 'ORGANISATION_NOT_ACTIVE'
  | 'BUSINESS_REGISTRY_UNAVAILABLE'
  // Signatures made elsewhere and awaited (docs/methods.md, "SIM signature", "Remote (personal) signature").
  | 'SIGNATURE_CANCELLED'
  | 'SIGNATURE_EXPIRED'
  | 'SUPERSEDED';

/**
 * The refusals only one registration method gives, each declared from the method's own folder by augmenting
 * this interface (`src/methods/<id>/usecases/refusals.ts`): the code, and the method's id as its owner. The
 * method's plug-in gives each of its codes an HTTP status (`refusals`), its catalog file their problem texts.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the methods' declarations (declaration merging)
export interface MethodFailureCodes {}

export type FailureCode = CoreFailureCode | keyof MethodFailureCodes;

/**
 * Why a SIM did not prove its owner, in terms the citizen can act on (api.md): fix the entries or the
 * carrier's record, have the line reopened, or wait out the days after a SIM change. Never which detail.
 */
export const SUBSCRIBER_REFUSAL_REASONS = [
  'DETAILS_MISMATCH',
  'SIM_INACTIVE',
  'SIM_RECENTLY_CHANGED',
] as const;
export type SubscriberRefusalReason = (typeof SUBSCRIBER_REFUSAL_REASONS)[number];

/** Which limit a RATE_LIMITED refusal met, so the citizen is told why (and the API can say so too). */
export type LimitName =
  | 'SMS_PER_PHONE'
  | 'SMS_PER_ID_NUMBER'
  | 'RECOVERY_PER_ID_NUMBER'
  | 'STARTS_PER_IP'
  | 'CAPTCHAS_PER_IP'
  | 'CAPTCHA_AUDIO'
  | 'CHALLENGES_PER_IP';

export interface FieldError {
  field: string;
  code: string;
}

export interface Failure {
  code: FailureCode;
  fieldErrors?: FieldError[];
  retryAfterSeconds?: number;
  /** For RATE_LIMITED: the limit that was met. */
  limit?: LimitName;
  attemptsLeft?: number;
  /** The partner whose record refused the citizen, and how the citizen can reach it to fix the record. */
  partner?: PartnerContact;
  /** SUBSCRIBER_NOT_OWNER: why the SIM did not prove its owner. */
  reason?: SubscriberRefusalReason;
  /** When waiting will have lifted the refusal (SIM_RECENTLY_CHANGED: the end of the days after the change). */
  retryAt?: Date;
  /** For TOO_COMMON passwords: the common password it reduces to (safe to show the citizen who typed it). */
  commonBase?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failure = <T = never>(code: FailureCode, details: Omit<Failure, 'code'> = {}): Outcome<T> => ({
  ok: false,
  failure: { code, ...details },
});

export interface RequestContext {
  requestId: string;
  clientIp: string;
}
