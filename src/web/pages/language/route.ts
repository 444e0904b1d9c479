/** The visible language switch: remembers the choice in the `lang` cookie and goes back to the page. */
import type { FastifyInstance } from 'fastify';
import { isLanguage } from '../../i18n/language.ts';
import type { PageDeps } from '../kit/deps.ts';
import { seeOther } from '../kit/reply.ts';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Only a path of this site: never `//elsewhere` or `https://…` (no open redirect). */
export const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';

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
