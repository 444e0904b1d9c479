/**
 * The visible language switch: remembers the choice in the `lang` cookie and goes back to the page. On a
 * page with a form it is a button of that form instead of a link (a link cannot carry what was typed): the
 * form's own post handler sees `action=language-xx`, remembers the language and comes back with the entries
 * it keeps after an error (never passwords, codes or captcha answers).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isLanguage, type Language } from '../../i18n/language.ts';
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

export function rememberLanguage(reply: FastifyReply, lang: Language, secure: boolean) {
  reply.setCookie('lang', lang, {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    secure,
    maxAge: ONE_YEAR_SECONDS,
  });
}

/** The `action` value of a form's language button. */
export const switchLanguageAction = (lang: Language) => `language-${lang}`;

/** The language a form's post asks to switch to, if its `action` is a language button's. */
export function languageAsked(action: string | undefined): Language | undefined {
  const lang = action?.startsWith('language-') ? action.slice('language-'.length) : undefined;
  return isLanguage(lang) ? lang : undefined;
}

export async function languageSwitch(app: FastifyInstance, deps: PageDeps) {
  app.get('/language/:lang', async (request, reply) => {
    const { lang } = request.params as { lang: string };
    const { next } = request.query as { next?: string };
    if (isLanguage(lang)) rememberLanguage(reply, lang, deps.secureCookies);
    return seeOther(reply, safeNext(next));
  });
}
