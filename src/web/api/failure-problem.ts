/** Translates a use case's failure into the API's answer: HTTP status, problem code, extensions (api.md). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Failure, FailureCode } from '../../usecases/outcome.ts';
import type { FieldCode } from '../i18n/api-messages.ts';
import { Problem, sendProblem } from '../problem.ts';

export const STATUS_OF: Record<FailureCode, number> = {
  VALIDATION_FAILED: 422,
  CAPTCHA_INVALID: 422,
  CAPTCHA_NOT_FOUND: 404,
  CAPTCHA_AUDIO_UNAVAILABLE: 404,
  SUBSCRIBER_NOT_OWNER: 422,
  SUBSCRIBER_NOT_FOUND: 422,
  ACCOUNT_EXISTS: 409,
  RATE_LIMITED: 429,
  CARRIER_UNAVAILABLE: 503,
  SMS_UNAVAILABLE: 503,
  OTP_INVALID: 422,
  OTP_EXPIRED: 422,
  OTP_LOCKED: 423,
  OTP_RESEND_TOO_SOON: 429,
  OTP_LIMIT_REACHED: 429,
  REGISTRATION_NOT_FOUND: 404,
  STEP_NOT_ALLOWED: 409,
  PASSWORD_POLICY: 422,
  PASSWORD_MISMATCH: 422,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  CODE_NOT_FOUND: 404,
  INSURANCE_RECORD_MISMATCH: 422,
  INSURANCE_NO_PHONE: 422,
  SOCIAL_INSURANCE_UNAVAILABLE: 503,
  POPULATION_UNAVAILABLE: 503,
  SIGNATURE_INVALID: 422,
  CERTIFICATE_UNTRUSTED: 422,
  CERTIFICATE_EXPIRED: 422,
  CERTIFICATE_REVOKED: 422,
  CERTIFICATE_NO_IDENTITY: 422,
  CHALLENGE_INVALID: 422,
  REVOCATION_UNAVAILABLE: 503,
  CERTIFICATE_NOT_REGISTERED: 401,
  CERTIFICATE_NOT_YOURS: 422,
  CERTIFICATE_IN_USE: 409,
  LAST_CREDENTIAL: 409,
  CREDENTIAL_NOT_FOUND: 404,
  CREDENTIAL_TAKEN: 409,
  ORGANISATION_NOT_ACTIVE: 422,
  BUSINESS_REGISTRY_UNAVAILABLE: 503,
  SIGNATURE_CANCELLED: 422,
  SIGNATURE_EXPIRED: 422,
  SUPERSEDED: 409,
  SIM_PIN_BLOCKED: 423,
  MOBILE_SIGNATURE_NOT_ENABLED: 422,
  MOBILE_SIGNATURE_UNAVAILABLE: 503,
  REMOTE_SIGNATURE_NOT_FOUND: 422,
  REMOTE_SIGNATURE_UNAVAILABLE: 503,
  REMOTE_SIGNATURE_ID_MISMATCH: 422,
};

export function problemOf(failure: Failure): Problem {
  const status = STATUS_OF[failure.code];
  const extensions: Record<string, unknown> = {};
  if (failure.attemptsLeft !== undefined) extensions.attemptsLeft = failure.attemptsLeft;
  if (failure.limit) extensions.limit = failure.limit;
  const { partner } = failure;
  // A carrier keeps the names api.md gives it; any other partner (a registry) is a `partner`.
  const prefix = partner?.kind === 'carrier' ? 'carrier' : 'partner';
  if (partner) {
    extensions[prefix] = partner.id;
    extensions[`${prefix}Name`] = partner.name;
    extensions[`${prefix}Hotline`] = partner.hotline;
  }
  if (failure.commonBase !== undefined) extensions.commonPassword = failure.commonBase;
  if (failure.reason !== undefined) extensions.reason = failure.reason;
  if (failure.retryAt !== undefined) extensions.retryAfter = failure.retryAt.toISOString();
  const retryAfterSeconds = failure.retryAfterSeconds ?? (status === 429 || status === 503 ? 30 : undefined);
  return new Problem(status, failure.code, {
    ...(failure.fieldErrors && {
      errors: failure.fieldErrors.map((e) => ({ field: e.field, code: e.code as FieldCode })),
    }),
    params: {
      ...(failure.attemptsLeft !== undefined && { attemptsLeft: failure.attemptsLeft }),
      ...(partner && { [`${prefix}Name`]: partner.name, [`${prefix}Hotline`]: partner.hotline }),
    },
    extensions,
    ...(failure.reason !== undefined && { reason: failure.reason }),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  });
}

export function replyFailure(request: FastifyRequest, reply: FastifyReply, failure: Failure) {
  return sendProblem(request, reply, problemOf(failure));
}
