/**
 * What PostID's pages share: the language (a `?lang=` switch remembered in a cookie, else the service's
 * `ui_locales`, else Vietnamese), CSRF tokens (double submit: a random cookie echoed by every form, which a
 * foreign site can neither read nor set), and sessions in memory behind random cookie values (the citizen's and
 * the clerk's, each with its own cookie name: browsers share cookies across the ports of one host).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { esc, type Frame } from './html.ts';
import { type Lang, type Translate, translator } from './texts.ts';

export const COOKIES = {
  lang: 'postid_lang',
  csrf: 'postid_csrf',
  citizen: 'postid_sid',
  clerk: 'postid_clerk',
} as const;

const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const };

export function langOf(request: FastifyRequest, reply: FastifyReply, uiLocales?: string): Lang {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'vi' || asked === 'en') {
    void reply.setCookie(COOKIES.lang, asked, { ...cookieOptions, maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const kept = request.cookies[COOKIES.lang];
  if (kept === 'vi' || kept === 'en') return kept;
  const preferred = uiLocales
    ?.split(' ')
    .map((tag) => tag.slice(0, 2).toLowerCase())
    .find((tag) => tag === 'vi' || tag === 'en') as Lang | undefined;
  // Kept, so that a sign-up started from the service's login page stays in the language the service asked for.
  if (preferred) void reply.setCookie(COOKIES.lang, preferred, { ...cookieOptions, maxAge: 365 * 24 * 3600 });
  return preferred ?? 'vi';
}

/** The request's path with `lang` set to the other language. */
export function switchHref(request: FastifyRequest, lang: Lang): string {
  const url = new URL(request.url, 'http://x');
  url.searchParams.set('lang', lang === 'vi' ? 'en' : 'vi');
  return `${url.pathname}${url.search}`;
}

export interface PageContext {
  lang: Lang;
  t: Translate;
  csrf: string;
  /** A hidden input carrying the CSRF token. */
  csrfField: string;
  frame(title: string, extra?: Partial<Frame>): Frame;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, uiLocales?: string): PageContext {
  const lang = langOf(request, reply, uiLocales);
  const t = translator(lang);
  let csrf = request.cookies[COOKIES.csrf];
  if (!csrf || !/^[\w-]{32,}$/.test(csrf)) {
    csrf = randomBytes(24).toString('base64url');
    void reply.setCookie(COOKIES.csrf, csrf, cookieOptions);
  }
  return {
    lang,
    t,
    csrf,
    csrfField: `<input type="hidden" name="_csrf" value="${esc(csrf)}">`,
    frame: (title, extra = {}) => ({ lang, t, title, switchHref: switchHref(request, lang), ...extra }),
  };
}

/** The form's `_csrf` equals the cookie's token. */
export function csrfValid(request: FastifyRequest): boolean {
  const cookie = request.cookies[COOKIES.csrf];
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (!cookie || typeof sent !== 'string' || sent.length !== cookie.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(cookie));
}

/** A form's text field, trimmed ('' when absent or not text). */
export function formText(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'self'; frame-ancestors 'none'; form-action 'self' http: https:",
    )
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Sessions kept in memory behind a random cookie value, expiring after `ttlMs` without use. */
export class MemorySessions<T> {
  readonly #sessions = new Map<string, { data: T; expiresAt: number }>();

  constructor(
    readonly cookieName: string,
    private readonly ttlMs: number,
  ) {}

  start(reply: FastifyReply, data: T): string {
    const token = randomBytes(24).toString('base64url');
    this.#sessions.set(token, { data, expiresAt: Date.now() + this.ttlMs });
    void reply.setCookie(this.cookieName, token, cookieOptions);
    if (this.#sessions.size > 10_000) this.#sweep();
    return token;
  }

  get(request: FastifyRequest): T | undefined {
    const token = request.cookies[this.cookieName];
    const entry = token ? this.#sessions.get(token) : undefined;
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#sessions.delete(token!);
      return undefined;
    }
    entry.expiresAt = Date.now() + this.ttlMs;
    return entry.data;
  }

  /** Replaces the session's data (a new cookie when there was none). */
  set(request: FastifyRequest, reply: FastifyReply, data: T): void {
    const token = request.cookies[this.cookieName];
    const entry = token ? this.#sessions.get(token) : undefined;
    if (entry) entry.data = data;
    else this.start(reply, data);
  }

  /**
   * Replaces (or starts) the session and returns its Set-Cookie header value, for a reply handed over to another
   * library (the provider), where the cookie plugin's hooks no longer run.
   */
  setRaw(request: FastifyRequest, data: T): string {
    let token = request.cookies[this.cookieName];
    const entry = token ? this.#sessions.get(token) : undefined;
    if (entry) entry.data = data;
    else {
      token = randomBytes(24).toString('base64url');
      this.#sessions.set(token, { data, expiresAt: Date.now() + this.ttlMs });
    }
    return request.server.serializeCookie(this.cookieName, token!, cookieOptions);
  }

  end(request: FastifyRequest, reply: FastifyReply): void {
    const token = request.cookies[this.cookieName];
    if (token) this.#sessions.delete(token);
    void reply.clearCookie(this.cookieName, { path: '/' });
  }

  #sweep() {
    const now = Date.now();
    for (const [token, entry] of this.#sessions) if (entry.expiresAt <= now) this.#sessions.delete(token);
  }
}
