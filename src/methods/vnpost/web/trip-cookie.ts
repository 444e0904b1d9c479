/**
 * The browser's side of a trip to PostID: an opaque random handle (the store keys on its keyed hash). HttpOnly and
 * SameSite=Lax: PostID's redirect back is a top-level GET, which Lax lets through, and nothing else can read it.
 * It outlives the callback only as long as the consent page needs it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const COOKIE = 'hub_vnpost';
const MAX_AGE_SECONDS = 15 * 60;

export function tripCookie(secure: boolean) {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  return {
    set(reply: FastifyReply, handle: string) {
      reply.setCookie(COOKIE, handle, { ...options, maxAge: MAX_AGE_SECONDS });
    },
    get: (request: FastifyRequest): string | undefined => request.cookies[COOKIE],
    clear(reply: FastifyReply) {
      reply.clearCookie(COOKIE, options);
    },
  };
}
