/** Translates a use case's failure into the API's answer: HTTP status, problem code, extensions (api.md). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CoreFailureCode, Failure, FailureCode } from '../../usecases/outcome.ts';
import type { FieldCode } from '../i18n/api-messages.ts';
import { Problem, sendProblem } from '../problem.ts';

/** The HTTP status of each code of a failure: the core codes', and the registration methods' own. */
export type FailureStatuses = Readonly<Partial<Record<FailureCode, number>>>;

/** The statuses of the shared journey's and pipelines' codes; each method gives its own (its plug-in's `refusals`). */
export const CORE_STATUS_OF: Readonly<Record<CoreFailureCode, number>> = {
  VALIDATION_FAILED: 422,
  CAPTCHA_INVALID: 422,
  CAPTCHA_NOT_FOUND: 404,
  CAPTCHA_AUDIO_UNAVAILABLE: 404,
  ACCOUNT_EXISTS: 409,
  RATE_LIMITED: 429,
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
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Every code's status: the core ones and the registration methods' (composed once, `statusesOf`). */
    failureStatuses?: FailureStatuses;
  }
}

/** The core statuses with the methods' own: a code given twice is a mistake caught at start-up. */
export function statusesOf(
  methods: ReadonlyArray<{ id: string; refusals: FailureStatuses }>,
): FailureStatuses {
  const statuses: Partial<Record<FailureCode, number>> = { ...CORE_STATUS_OF };
  for (const method of methods)
    for (const [code, status] of Object.entries(method.refusals) as [FailureCode, number][]) {
      if (statuses[code] !== undefined)
        throw new Error(`the refusal ${code} of the method ${method.id} has a status already`);
      statuses[code] = status;
    }
  return statuses;
}

/** Lets the routes registered in `app` (and its children) answer the methods' codes with their statuses. */
export function useFailureStatuses(app: FastifyInstance, statuses: FailureStatuses): void {
  app.decorate('failureStatuses', statuses);
}

export function problemOf(failure: Failure, statuses: FailureStatuses = CORE_STATUS_OF): Problem {
  const status = statuses[failure.code];
  if (status === undefined) throw new Error(`the failure ${failure.code} has no HTTP status`);
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
  return sendProblem(request, reply, problemOf(failure, request.server.failureStatuses));
}
