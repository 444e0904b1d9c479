/**
 * Per request: the language, the portal's session from its signed cookie, and the page context the templates
 * take. Cookie names start with the portal's id: the hub and both portals share one host in dev, and browsers
 * share cookies across the ports of a host.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLanguage } from '../../lib/language.ts';
import type { PortalDefinition } from './definition.ts';
import type { PortalPageContext } from './layout.tsx';
import type { MemorySessionStore, PortalSession } from './sessions.ts';
import { kitTexts } from './texts.ts';

export interface PortalRuntime {
  definition: PortalDefinition;
  sessions: MemorySessionStore;
  dev: boolean;
  secureCookies: boolean;
  publicUrl: URL;
}

export const sessionCookieName = (definition: PortalDefinition) => `${definition.id}_portal_session`;
export const languageCookieName = (definition: PortalDefinition) => `${definition.id}_portal_lang`;

export function currentSession(runtime: PortalRuntime, request: FastifyRequest): PortalSession | undefined {
  const raw = request.cookies[sessionCookieName(runtime.definition)];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? runtime.sessions.get(unsigned.value) : undefined;
}

/** The browser's session, started (and its cookie set) when it has none. */
export function sessionFor(
  runtime: PortalRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
): PortalSession {
  return currentSession(runtime, request) ?? startSession(runtime, reply);
}

export function startSession(runtime: PortalRuntime, reply: FastifyReply): PortalSession {
  const session = runtime.sessions.create();
  reply.setCookie(sessionCookieName(runtime.definition), session.id, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: runtime.secureCookies,
    path: '/',
  });
  return session;
}

export function endSession(runtime: PortalRuntime, session: PortalSession | undefined, reply: FastifyReply) {
  if (session) runtime.sessions.delete(session.id);
  reply.clearCookie(sessionCookieName(runtime.definition), { path: '/' });
}

export function pageContext(
  runtime: PortalRuntime,
  request: FastifyRequest,
  session = currentSession(runtime, request),
): PortalPageContext {
  const lang = negotiateLanguage(
    request.headers['accept-language'],
    request.cookies[languageCookieName(runtime.definition)],
  );
  return {
    lang,
    t: kitTexts[lang],
    portal: runtime.definition.texts[lang],
    definition: runtime.definition,
    path: request.url,
    session,
    dev: runtime.dev,
  };
}

/** A path of this portal to come back to; anything else (another site, `//host`) is the home page. */
export function localPath(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])/.test(raw) && raw.length <= 500 ? raw : '/';
}

export function sendHtml(reply: FastifyReply, html: string | Promise<string>, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}
