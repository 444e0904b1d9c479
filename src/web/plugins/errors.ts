/**
 * Turns every failure into a problem+json answer: schema violations (unknown fields, wrong types, malformed
 * JSON, arrays) are 400, missing required fields 422 with a REQUIRED error each, oversized bodies 413, other
 * content types 415. A store or partner that cannot be reached is 503 with Retry-After: the client may retry.
 * Anything unexpected is logged (without input) and answered 500 without details.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isUnavailableFailure } from '../../lib/dependency-unavailable.ts';
import { scrubDigits } from '../../lib/redaction.ts';
import { type FieldProblem, Problem, sendProblem } from '../problem.ts';

export const BODY_LIMIT_BYTES = 16 * 1024;

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

function fieldName(error: AjvError): string {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (error.keyword === 'required')
    return [base, String(error.params.missingProperty)].filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    return [base, String(error.params.additionalProperty)].filter(Boolean).join('.');
  }
  return base || '(body)';
}

export function problemFromValidation(errors: AjvError[]): Problem {
  // A field whose only fault is being absent (or, for a `const: true` consent, not true) is a citizen's
  // omission: 422 REQUIRED. Anything else means the client broke the contract: 400.
  const omissions = errors.every((e) => e.keyword === 'required' || e.keyword === 'const');
  const fields: FieldProblem[] = errors.map((e) => ({
    field: fieldName(e),
    code:
      e.keyword === 'required' || e.keyword === 'const'
        ? 'REQUIRED'
        : e.keyword === 'additionalProperties'
          ? 'UNKNOWN_FIELD'
          : 'INVALID',
  }));
  const unique = [...new Map(fields.map((f) => [f.field, f])).values()];
  return omissions
    ? new Problem(422, 'VALIDATION_FAILED', { errors: unique })
    : new Problem(400, 'BAD_REQUEST', { errors: unique });
}

/** Seconds a client should wait before retrying while a store or partner is away (a restart, a failover). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const unavailableProblem = () =>
  new Problem(503, 'SERVICE_UNAVAILABLE', { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS });

export function problemFromError(error: FastifyError): Problem | undefined {
  if (error instanceof Problem) return error;
  if (isUnavailableFailure(error)) return unavailableProblem();
  if (error.validation) return problemFromValidation(error.validation as AjvError[]);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'PAYLOAD_TOO_LARGE', { params: { limit: BODY_LIMIT_BYTES } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? new Problem(415, 'UNSUPPORTED_MEDIA_TYPE')
        : new Problem(400, 'BAD_REQUEST');
  }
  if (error.statusCode === 413)
    return new Problem(413, 'PAYLOAD_TOO_LARGE', { params: { limit: BODY_LIMIT_BYTES } });
  if (error.statusCode === 415) return new Problem(415, 'UNSUPPORTED_MEDIA_TYPE');
  if (error.statusCode === 405) return new Problem(405, 'METHOD_NOT_ALLOWED');
  if (error.statusCode === 404) return new Problem(404, 'NOT_FOUND');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new Problem(400, 'BAD_REQUEST');
  }
  return undefined;
}

export interface ErrorsOptions {
  /** A page for browsers that ask for an address that does not exist (the API keeps problem+json). */
  notFoundPage?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

const wantsPage = (request: FastifyRequest) =>
  !request.url.startsWith('/api/') && /text\/html/.test(request.headers.accept ?? '');

/** Logs an error nobody handled. Messages of driver errors may quote input; only masked text reaches the log. */
export function logUnhandled(request: FastifyRequest, error: Error) {
  request.log.error(
    { err: { type: error.name, message: scrubDigits(error.message), stack: scrubDigits(error.stack ?? '') } },
    'unhandled error',
  );
}

/** A dependency outage is expected operations noise, not a bug: a warning with the masked cause. */
export function logUnavailable(request: FastifyRequest, error: Error) {
  const cause = error.cause instanceof Error ? error.cause : error;
  request.log.warn(
    {
      err: {
        type: cause.name,
        code: (cause as { code?: unknown }).code,
        message: scrubDigits(cause.message),
      },
    },
    'dependency unavailable',
  );
}

async function errors(app: FastifyInstance, options: ErrorsOptions) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemFromError(error);
    if (problem?.status === 503) logUnavailable(request, error);
    if (problem) return sendProblem(request, reply, problem);
    logUnhandled(request, error);
    return sendProblem(request, reply, new Problem(500, 'INTERNAL_ERROR'));
  });
  app.setNotFoundHandler((request, reply) =>
    options.notFoundPage && wantsPage(request)
      ? options.notFoundPage(request, reply)
      : sendProblem(request, reply, new Problem(404, 'NOT_FOUND')),
  );
}

export const errorsPlugin = fp(errors, { name: 'errors' });
