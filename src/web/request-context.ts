/** What a use case learns about the request behind it: its id (for the audit trail) and the client's address. */
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../usecases/outcome.ts';

export const contextOf = (request: FastifyRequest): RequestContext => ({
  requestId: request.id,
  clientIp: request.ip,
});
