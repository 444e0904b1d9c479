/**
 * Sign-in, registration and sign-out through the hub, and the hub's back-channel logout.
 *
 * Starting a sign-in is a GET (a link on the home page): it only pushes a request to the hub and remembers
 * state, nonce and PKCE verifier in this browser's session, so a forged start cannot sign anyone in. Signing
 * out is a POST with the session's CSRF token: a link would let any page sign the citizen out.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  currentSession,
  endSession,
  localPath,
  type PortalRuntime,
  pageContext,
  sendHtml,
  sessionFor,
  startSession,
} from './context.ts';
import { LogoutTokenError } from './logout-token.ts';
import { ErrorPage, hubErrorText } from './pages.tsx';
import {
  type AuthorizationRequest,
  BACKCHANNEL_LOGOUT_PATH,
  CALLBACK_PATH,
  HubAnswerError,
  type RelyingParty,
} from './relying-party.ts';

/** Sends the browser to the hub for this authorization (after pushing it: PAR). */
export async function sendToHub(
  runtime: PortalRuntime,
  rp: RelyingParty,
  request: FastifyRequest,
  reply: FastifyReply,
  wanted: Omit<AuthorizationRequest, 'uiLocales'>,
) {
  const session = sessionFor(runtime, request, reply);
  const { url, pending } = await rp.startAuthorization({
    ...wanted,
    uiLocales: pageContext(runtime, request, session).lang,
  });
  session.pending = pending;
  return reply.redirect(url.href, 303);
}

const HUB_ERROR_CODE = /^[a-z_]{1,64}$/;

export function authRoutes(runtime: PortalRuntime, rp: RelyingParty) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { next?: string } }>('/auth/sign-in', (request, reply) =>
      sendToHub(runtime, rp, request, reply, { returnTo: localPath(request.query.next) }),
    );

    app.get('/auth/register', (request, reply) =>
      sendToHub(runtime, rp, request, reply, { returnTo: '/', prompt: 'create' }),
    );

    app.get(CALLBACK_PATH, async (request, reply) => {
      const session = currentSession(runtime, request);
      const pending = session?.pending;
      if (session) session.pending = undefined; // single use, whatever the outcome
      const ctx = pageContext(runtime, request, session);
      if (!pending) {
        return sendHtml(
          reply,
          ErrorPage({ ctx, title: ctx.t.errors.title, detail: ctx.t.errors.refused, retry: '/auth/sign-in' }),
          400,
        );
      }
      const callbackUrl = new URL(request.url, runtime.publicUrl);
      try {
        const citizen = await rp.completeAuthorization(callbackUrl, pending);
        // A new session id at sign-in: an id planted in the browser before it is worth nothing after.
        endSession(runtime, session, reply);
        const fresh = startSession(runtime, reply);
        runtime.sessions.signIn(fresh, citizen);
        request.log.info(
          { portalSession: 'signed_in', acr: citizen.acr },
          'citizen signed in through the hub',
        );
        // Asked for a level the hub did not give: going back to the service would only send the citizen to
        // the hub again, round and round. Say so instead (signed in at the level given).
        if (pending.acr && citizen.acr !== pending.acr) {
          return sendHtml(
            reply,
            ErrorPage({
              ctx,
              title: ctx.t.errors.loaTitle,
              detail: ctx.t.errors.loaNotReached,
              code: citizen.acr ?? 'acr',
            }),
            403,
          );
        }
        return reply.redirect(pending.returnTo, 303);
      } catch (error) {
        if (!(error instanceof HubAnswerError)) throw error;
        request.log.warn({ hubError: error.code, refused: error.refused }, 'sign-in through the hub failed');
        const code = HUB_ERROR_CODE.test(error.code) ? error.code : 'invalid_response';
        return sendHtml(
          reply,
          ErrorPage({
            ctx,
            title: ctx.t.errors.title,
            detail: hubErrorText(ctx, code, error.refused),
            code,
            retry: `/auth/sign-in?next=${encodeURIComponent(pending.returnTo)}`,
          }),
          error.refused ? 400 : 200,
        );
      }
    });

    app.post<{ Body: { _csrf?: string } }>('/auth/sign-out', async (request, reply) => {
      const session = currentSession(runtime, request);
      if (!session?.citizen) return reply.redirect('/', 303);
      if (request.body?._csrf !== session.csrfToken) return badForm(runtime, request, reply);
      const { idToken } = session.citizen;
      endSession(runtime, session, reply);
      const lang = pageContext(runtime, request).lang;
      const hubLogout = await rp.endSessionUrl(idToken, lang).catch(() => undefined);
      return reply.redirect(hubLogout?.href ?? '/', 303);
    });

    app.post<{ Body: { logout_token?: string } }>(BACKCHANNEL_LOGOUT_PATH, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const token = request.body?.logout_token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
        return reply
          .status(400)
          .send({ error: 'invalid_request', error_description: 'logout_token is missing' });
      }
      try {
        const logout = await rp.verifyLogoutToken(token);
        const ended = runtime.sessions.endHubSession(logout);
        request.log.info({ ended }, 'back-channel logout from the hub');
        return reply.status(200).send();
      } catch (error) {
        if (!(error instanceof LogoutTokenError)) throw error;
        request.log.warn({ reason: error.message }, 'back-channel logout token refused');
        return reply.status(400).send({ error: 'invalid_request', error_description: error.message });
      }
    });
  };
}

export function badForm(runtime: PortalRuntime, request: FastifyRequest, reply: FastifyReply) {
  const ctx = pageContext(runtime, request);
  return sendHtml(
    reply,
    ErrorPage({ ctx, title: ctx.t.errors.badRequestTitle, detail: ctx.t.errors.badRequest }),
    403,
  );
}
