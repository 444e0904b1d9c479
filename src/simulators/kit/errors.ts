/**
 * What a partner's API answers when its routes did not: a request Fastify itself refuses (a body that is not
 * JSON, too large) is the partner's invalid-request answer with Fastify's status; anything else is logged and,
 * to the partner's callers, the partner being unavailable (503 with `Retry-After: 30`); an unknown path is the
 * partner's not-found answer. Each partner writes its own error shape.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type Answer = (request: FastifyRequest, reply: FastifyReply) => unknown;

export function partnerErrors(
  app: FastifyInstance,
  answers: {
    /** The log line of a failure: `<partner> failed`. */
    failed: string;
    invalid: (request: FastifyRequest, reply: FastifyReply, status: number) => unknown;
    unavailable: Answer;
    notFound: Answer;
  },
) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode && error.statusCode < 500) return answers.invalid(request, reply, error.statusCode);
    request.log.error({ err: error }, answers.failed);
    return answers.unavailable(request, reply.code(503).header('retry-after', '30'));
  });
  app.setNotFoundHandler((request, reply) => answers.notFound(request, reply));
}
