/** What every page template needs to know about the request: language, its catalogs, where it is. */
import type { FastifyRequest } from 'fastify';
import { apiMessages } from '../../i18n/api-messages.ts';
import type { Language } from '../../i18n/language.ts';
import { SESSION_COOKIE } from '../../session-cookie.ts';
import { type PageMessages, pageMessages } from '../messages.ts';
import type { Assets } from './assets.ts';

export interface PageContext {
  lang: Language;
  m: PageMessages;
  api: (typeof apiMessages)['vi'];
  /** The path and query of this page, for the language switch to come back to. */
  path: string;
  /** A session cookie is present (the header shows "Account" rather than "Sign in"; pages that need the
   * session check it for real). */
  signedIn: boolean;
  dev: boolean;
  assets: Assets;
}

export function pageContext(request: FastifyRequest, options: { dev: boolean; assets: Assets }): PageContext {
  const lang = request.language;
  return {
    lang,
    m: pageMessages[lang],
    api: apiMessages[lang],
    path: request.url,
    signedIn: Boolean(request.cookies[SESSION_COOKIE]),
    dev: options.dev,
    assets: options.assets,
  };
}
