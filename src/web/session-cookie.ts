/**
 * The session cookie: an opaque token, HttpOnly, SameSite=Lax, Secure outside dev, path /. The same
 * cookie serves the JSON API and the pages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session, Sessions } from '../usecases/accounts/sessions.ts';

export const SESSION_COOKIE = 'sid';

export function setSessionCookie(reply: FastifyReply, session: Session, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

export const sessionTokenOf = (request: FastifyRequest): string | undefined =>
  request.cookies[SESSION_COOKIE];

/**
 * Puts a new session in the browser, ending the one its cookie held: one session per browser, and a
 * session token planted before cannot ride along (session fixation).
 */
export async function switchSession(
  request: FastifyRequest,
  reply: FastifyReply,
  sessions: Pick<Sessions, 'end'>,
  session: Session,
  secure: boolean,
) {
  const previous = sessionTokenOf(request);
  if (previous && previous !== session.token) await sessions.end(previous);
  setSessionCookie(reply, session, secure);
}
