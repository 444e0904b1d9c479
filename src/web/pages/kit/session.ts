/** The signed-in session of a page request, or a redirect to the sign-in page. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../../usecases/accounts/sessions.ts';
import { sessionTokenOf } from '../../session-cookie.ts';
import type { PageDeps } from './deps.ts';
import { seeOther } from './reply.ts';

export async function currentSession(deps: PageDeps, request: FastifyRequest): Promise<Session | undefined> {
  const token = sessionTokenOf(request);
  return token ? deps.accounts.sessions.resume(token) : undefined;
}

export async function requireSession(
  deps: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Session | undefined> {
  const session = await currentSession(deps, request);
  if (!session) await seeOther(reply, '/sign-in');
  return session;
}
