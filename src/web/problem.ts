/**
 * RFC 9457 problem details, the one error shape of the JSON API (api.md): `{ type, title, status, detail,
 * code, errors? }` plus named extensions, localised by the request's language, `Retry-After` on 429/503.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiMessages, type FieldCode, type ProblemCode } from './i18n/api-messages.ts';
import type { Language } from './i18n/language.ts';

export interface FieldProblem {
  field: string;
  code: FieldCode;
}

export interface ProblemOptions {
  errors?: FieldProblem[];
  /** Values for `{placeholders}` in the localised detail. */
  params?: Record<string, string | number>;
  /** Extension members, e.g. `carrier`, `attemptsLeft`. */
  extensions?: Record<string, unknown>;
  retryAfterSeconds?: number;
  /** A refusal's reason: its own title and detail (`problemReasons.<reason>`) say it instead of the code's. */
  reason?: string;
}

export class Problem extends Error {
  override readonly name = 'Problem';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly options: ProblemOptions = {},
  ) {
    super(code);
  }
}

export function problemTypeUri(code: string): string {
  return `/api/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function problemBody(problem: Problem, language: Language) {
  const catalog = apiMessages[language];
  const reasonText = problem.options.reason
    ? (catalog.problemReasons as Record<string, { title: string; detail: string }>)[problem.options.reason]
    : undefined;
  const text = reasonText ?? catalog.problems[problem.code];
  const params = { ...problem.options.params, retryAfter: problem.options.retryAfterSeconds ?? '' };
  return {
    type: problemTypeUri(problem.code),
    title: text.title,
    status: problem.status,
    detail: fill(text.detail, params),
    code: problem.code,
    ...(problem.options.errors && {
      errors: problem.options.errors.map((e) => ({
        field: e.field,
        code: e.code,
        message: catalog.fields[e.code],
      })),
    }),
    ...problem.options.extensions,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  if (problem.options.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(Math.max(1, Math.ceil(problem.options.retryAfterSeconds))));
  }
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(problem, request.language));
}
