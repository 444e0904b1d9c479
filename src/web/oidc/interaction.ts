/**
 * The glue between the provider's interactions and the hub's own sign-in: GET /oidc/interaction/:uid is where
 * the provider sends the browser whenever it needs the citizen. When the hub session (the `sid` cookie) already
 * answers the request (hub-login.ts: fresh enough for `prompt=login`/`max_age`, high enough for `acr_values`),
 * the authorization goes on at once with that session's `acr`, `amr` and `auth_time`: single sign-on, no page.
 * Otherwise the citizen is sent to the page that can answer (sign-in, step-up, consent, registration), which
 * sends them back here when done; this route then finds the new session and finishes.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Session, Sessions } from '../../usecases/accounts/sessions.ts';
import { decideLogin } from '../../usecases/hub/hub-login.ts';
import type { Clock } from '../../usecases/ports/clock.ts';
import type { EphemeralStore } from '../../usecases/ports/ephemeral-store.ts';
import { isLanguage } from '../i18n/language.ts';
import { rememberLanguage } from '../pages/language/route.ts';
import { sessionTokenOf } from '../session-cookie.ts';
import { sendProviderErrorPage } from './error-page.tsx';
import { interactionPath } from './provider.ts';

/** Where each kind of interaction is answered by a page; each page returns to `interactionPath(uid)`. */
export interface InteractionPages {
  signIn(uid: string): string;
  stepUp(uid: string): string;
  consent(uid: string): string;
  register(uid: string): string;
}

/** Under the interaction's own path, where the provider's interaction cookie is sent (h12's pages). */
export const DEFAULT_INTERACTION_PAGES: InteractionPages = {
  signIn: (uid) => `${interactionPath(uid)}/login`,
  stepUp: (uid) => `${interactionPath(uid)}/step-up`,
  consent: (uid) => `${interactionPath(uid)}/consent`,
  register: (uid) => `${interactionPath(uid)}/register`,
};

export interface InteractionGlueOptions {
  provider: () => Provider | undefined;
  sessions: Pick<Sessions, 'resume'>;
  clock: Clock;
  /** Where the glue notes when it first saw each interaction, by the hub's clock. */
  store: Pick<EphemeralStore, 'setIfAbsent' | 'get'>;
  pages: InteractionPages;
  dev: boolean;
}

const UID = /^[\w-]{10,64}$/;

export async function interactionRoutes(scope: FastifyInstance, options: InteractionGlueOptions) {
  scope.get<{ Params: { uid: string } }>(
    `${interactionPath(':uid')}`,
    { schema: { hide: true } },
    async (request, reply) => {
      const provider = options.provider();
      const fail = (code: string, status = 400) =>
        sendProviderErrorPage(request, reply, { dev: options.dev, code, status });
      if (!provider) return fail('temporarily_unavailable', 503);
      const { uid } = request.params;
      if (!UID.test(uid)) return fail('invalid_request');
      const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
      // No interaction behind this browser's cookie (expired, finished, or another browser's): start again.
      if (!details || details.uid !== uid) return fail('invalid_request');

      followPortalLanguage(request, reply, details.params.ui_locales);
      const token = sessionTokenOf(request);
      const sessionAtStart = await sessionWhenFirstSeen(options, uid, token);
      const session = token ? await options.sessions.resume(token) : undefined;
      const prompt = details.prompt.name;
      if (prompt === 'consent') return reply.redirect(options.pages.consent(uid), 303);
      if (prompt !== 'login' && prompt !== 'create') return fail('invalid_request');

      const params = details.params as { max_age?: number | string; acr_values?: string };
      const decision = decideLogin(session && hubSessionView(session), {
        // A registration asked for (`prompt=create`) is done only by a session opened during this request.
        promptLogin: prompt === 'create' || details.prompt.reasons.includes('login_prompt'),
        maxAge: params.max_age === undefined ? undefined : Number(params.max_age),
        acrValues: (params.acr_values ?? '').split(' ').filter(Boolean),
        openedForThisRequest: Boolean(session) && sessionAtStart !== fingerprint(token),
        now: options.clock.now(),
      });
      if (decision.outcome === 'sign-in-needed')
        return reply.redirect(
          prompt === 'create' ? options.pages.register(uid) : options.pages.signIn(uid),
          303,
        );
      if (decision.outcome === 'step-up-needed') return reply.redirect(options.pages.stepUp(uid), 303);
      const returnTo = await provider.interactionResult(
        request.raw,
        reply.raw,
        { login: { ...decision.login, remember: true }, ...(prompt === 'create' && { create: {} }) },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(returnTo, 303);
    },
  );
}

/**
 * A portal passes on the language the citizen reads it in (`ui_locales`, most preferred first): the hub's pages
 * of this authorization, and after it, speak that language, as a choice on the hub's own switch would.
 */
function followPortalLanguage(request: FastifyRequest, reply: FastifyReply, uiLocales: unknown) {
  if (typeof uiLocales !== 'string') return;
  const wanted = uiLocales
    .split(' ')
    .map((tag) => tag.split('-')[0]?.toLowerCase())
    .find(isLanguage);
  if (wanted && wanted !== request.cookies?.lang)
    rememberLanguage(reply, wanted, request.protocol === 'https');
}

/**
 * Which hub session the browser had when this authorization first needed the citizen (a fingerprint, never the
 * token): a different one now was opened for this request (signed in, stepped up or registered), which is what
 * `prompt=login`, `max_age` and `prompt=create` ask for. The provider sends the browser here as soon as it
 * creates the interaction, so the first visit is its start.
 */
async function sessionWhenFirstSeen(options: InteractionGlueOptions, uid: string, token: string | undefined) {
  const key = `oidc:interaction-session:${uid}`;
  const now = fingerprint(token);
  if (await options.store.setIfAbsent(key, now, INTERACTION_TTL_MS)) return now;
  return (await options.store.get(key)) ?? now;
}

const fingerprint = (token: string | undefined) =>
  token ? createHash('sha256').update(token).digest('base64url') : 'none';

const INTERACTION_TTL_MS = 30 * 60_000;

const hubSessionView = (session: Session) => ({
  accountId: session.accountId,
  acr: session.acr,
  amr: session.amr,
  authTime: session.authTime,
});
