/** The visible language switch: remembers the choice in the `lang` cookie and goes back to the page. */
import type { FastifyInstance } from 'fastify';
import { isLanguage } from '../../i18n/language.ts';
import type { PageDeps } from '../kit/deps.ts';
import { seeOther } from '../kit/reply.ts';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const THIS_SITE = 'http://portal.invalid';
/** Longer than any page address of the portal; anything longer is not one of them. */
const MAX_NEXT_LENGTH = 2048;

/**
 * Only a path of this site, as the browser will read it: the value is parsed as a URL (which drops tabs and
 * newlines and reads `\` as `/`, as browsers do), must stay on this origin, and is rebuilt from its encoded
 * path and query, so the Location header is always ASCII and never `//elsewhere` (no open redirect).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > MAX_NEXT_LENGTH || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, THIS_SITE);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}`;
  const sameSite = url.origin === THIS_SITE && !path.startsWith('//');
  return sameSite && /^\/[\x21-\x7e]*$/.test(path) ? path : '/';
}

export async function languageSwitch(app: FastifyInstance, deps: PageDeps) {
  app.get('/language/:lang', async (request, reply) => {
    const { lang } = request.params as { lang: string };
    const { next } = request.query as { next?: string };
    if (isLanguage(lang)) {
      reply.setCookie('lang', lang, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: deps.secureCookies,
        maxAge: ONE_YEAR_SECONDS,
      });
    }
    return seeOther(reply, safeNext(next));
  });
}
