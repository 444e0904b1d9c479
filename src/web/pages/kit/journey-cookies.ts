/**
 * Which registration or recovery this browser is in: its random id (unguessable, 128 bits or more) in an
 * HttpOnly cookie scoped to its pages, so no id ever shows in a URL, a log line or the browser history.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export type Journey = 'registration' | 'recovery';

const COOKIES: Record<Journey, { name: string; path: string }> = {
  registration: { name: 'reg', path: '/register' },
  recovery: { name: 'rec', path: '/forgot-password' },
};
const MAX_AGE_SECONDS = 15 * 60;

export function createJourneyCookies(secure: boolean) {
  const options = (journey: Journey) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: COOKIES[journey].path,
  });
  return {
    set(reply: FastifyReply, journey: Journey, id: string) {
      reply.setCookie(COOKIES[journey].name, id, { ...options(journey), maxAge: MAX_AGE_SECONDS });
    },
    get(request: FastifyRequest, journey: Journey): string | undefined {
      return request.cookies[COOKIES[journey].name];
    },
    clear(reply: FastifyReply, journey: Journey) {
      reply.clearCookie(COOKIES[journey].name, options(journey));
    },
  };
}

export type JourneyCookies = ReturnType<typeof createJourneyCookies>;
