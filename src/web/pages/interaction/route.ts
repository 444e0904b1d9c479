/**
 * The OpenID Provider's interactions are the hub's own pages (issue 12). The provider's glue
 * (`GET /oidc/interaction/{uid}`, src/web/oidc/interaction.ts) decides what an authorization still needs and
 * sends the browser here; each page does its part with the hub's own use cases, naming the portal, then sends
 * the browser back to the glue, which finds the hub session and finishes the authorization:
 * - sign-in (no hub session, `prompt=login`, `max_age` exceeded): the sign-in form, same use case and limits;
 * - step-up (`acr_values=LoA2` on a LoA1 session): step-up.ts;
 * - consent (clients that are not first-party): what the portal will receive, by the names citizens know;
 * - registration (`prompt=create`): the method chooser, the portal remembered until the account exists.
 * The pages live under the interaction's own path, where the provider's interaction cookie is sent. Every way
 * back to the portal without finishing is a button that tells it `access_denied`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../kit/context.ts';
import type { PageDeps } from '../kit/deps.ts';
import { ErrorPage } from '../kit/error-page.tsx';
import { shownErrors } from '../kit/errors.ts';
import {
  type HubInteractions,
  INTERACTION_ROUTE,
  type Interaction,
  interactionPath,
} from '../kit/hub-interactions.ts';
import { noticeText } from '../kit/notice.ts';
import { portalName, withPortal } from '../kit/portal-return.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { currentSession } from '../kit/session.ts';
import { METHODS_PATH } from '../register/paths.ts';
import { passwordSignIn } from '../sign-in/route.ts';
import { SignInPage, signInLabels } from '../sign-in/template.tsx';
import { consentClaimNames } from './consent-claims.ts';
import { stepUpRoutes } from './step-up.ts';
import { ConsentPage } from './template.tsx';

/** An interaction this browser is in, with what its pages say about it. */
export interface Loaded {
  interaction: Interaction;
  ctx: PageContext;
  /** The portal that sent the citizen, by its name in the citizen's language. */
  portal: string;
  paths: ReturnType<typeof interactionPages.pathsOf>;
}

/** The pages of an interaction, as the provider's glue sends browsers to them. */
export const interactionPages = {
  pathsOf: (uid: string) => ({
    /** The glue: back there, the authorization goes on with whatever the page achieved. */
    glue: interactionPath(uid),
    signIn: interactionPath(uid, 'login'),
    register: interactionPath(uid, 'register'),
    consent: interactionPath(uid, 'consent'),
    abort: interactionPath(uid, 'abort'),
    stepUp: interactionPath(uid, 'step-up'),
    resend: interactionPath(uid, 'step-up/resend'),
  }),
};

const UID = /^[\w-]{10,64}$/;

/**
 * The glue names pages by the hub's own addresses with the interaction in the query (`/sign-in?interaction=…`);
 * they are answered under the interaction's path, where the provider's cookie is sent. Undefined for a request
 * that carries no interaction: the hub's own page.
 */
export function interactionAlias(
  request: FastifyRequest,
  page: 'signIn' | 'stepUp' | 'consent' | 'register',
): string | undefined {
  const uid = (request.query as { interaction?: unknown } | undefined)?.interaction;
  return typeof uid === 'string' && UID.test(uid) ? interactionPages.pathsOf(uid)[page] : undefined;
}

export async function interactionRoutes(app: FastifyInstance, deps: PageDeps) {
  const { hub } = deps;
  if (!hub) return;
  const flow = interactionFlow(deps, hub);

  for (const [path, page] of [
    ['/step-up', 'stepUp'],
    ['/consent', 'consent'],
  ] as const)
    app.get(path, async (request, reply) => seeOther(reply, interactionAlias(request, page) ?? '/'));

  app.get(`${INTERACTION_ROUTE}/login`, async (request, reply) => {
    const loaded = await flow.load(request, reply);
    if (!loaded) return reply;
    return flow.signInPage(request, reply, loaded);
  });

  app.post(`${INTERACTION_ROUTE}/login`, { preHandler: app.csrfProtection }, async (request, reply) => {
    const loaded = await flow.load(request, reply);
    if (!loaded) return reply;
    const session = await passwordSignIn(deps, request, reply, loaded.paths.signIn);
    if (!session) return reply;
    return seeOther(reply, loaded.paths.glue);
  });

  app.get(`${INTERACTION_ROUTE}/register`, async (request, reply) => {
    const loaded = await flow.load(request, reply);
    if (!loaded) return reply;
    const { interaction } = loaded;
    deps.portalReturn.remember(reply, { uid: interaction.uid, clientId: interaction.clientId });
    return seeOther(reply, METHODS_PATH);
  });

  app.get(`${INTERACTION_ROUTE}/consent`, async (request, reply) => {
    const loaded = await flow.load(request, reply);
    if (!loaded) return reply;
    const session = await currentSession(deps, request);
    if (loaded.interaction.prompt.name !== 'consent' || session?.accountId !== loaded.interaction.accountId)
      return seeOther(reply, loaded.paths.glue);
    const { ctx, paths, portal, interaction } = loaded;
    return sendPage(
      reply,
      ConsentPage({
        ctx,
        csrf: reply.generateCsrf(),
        portal,
        claims: consentClaimNames(ctx, interaction.prompt.details),
        allowAction: paths.consent,
        denyAction: paths.abort,
      }),
    );
  });

  app.post(`${INTERACTION_ROUTE}/consent`, { preHandler: app.csrfProtection }, async (request, reply) => {
    const loaded = await flow.load(request, reply);
    if (!loaded) return reply;
    const session = await currentSession(deps, request);
    if (loaded.interaction.prompt.name !== 'consent' || session?.accountId !== loaded.interaction.accountId)
      return seeOther(reply, loaded.paths.glue);
    return seeOther(reply, await hub.consent(request, reply, loaded.interaction));
  });

  app.post(`${INTERACTION_ROUTE}/abort`, { preHandler: app.csrfProtection }, async (request, reply) => {
    const loaded = await flow.load(request, reply);
    if (!loaded) return reply;
    deps.portalReturn.forget(reply);
    return seeOther(
      reply,
      await hub.fail(request, reply, 'access_denied', 'the citizen went back to the portal'),
    );
  });

  await stepUpRoutes(app, deps, flow);
}

export type InteractionFlow = ReturnType<typeof interactionFlow>;

function interactionFlow(deps: PageDeps, hub: HubInteractions) {
  return {
    /** The interaction of this browser at this address, or an "expired" page (400) when there is none. */
    async load(request: FastifyRequest, reply: FastifyReply): Promise<Loaded | undefined> {
      const { uid } = request.params as { uid: string };
      const ctx = deps.context(request);
      const interaction = await hub.details(request, reply);
      if (!interaction || interaction.uid !== uid) {
        await sendPage(
          reply,
          ErrorPage({ ctx, title: ctx.m.hub.expiredTitle, detail: ctx.m.hub.expiredDetail }),
          400,
        );
        return undefined;
      }
      const portal = portalName(ctx, await hub.client(interaction.clientId));
      return { interaction, ctx, portal, paths: interactionPages.pathsOf(interaction.uid) };
    },

    /** The sign-in form for the portal: "Sign in to continue to {portal}", or "again" when it asked for that. */
    signInPage(request: FastifyRequest, reply: FastifyReply, loaded: Loaded) {
      const { ctx, paths, portal, interaction } = loaded;
      const flash = deps.flash.take(request, reply);
      const again = interaction.prompt.reasons.some(
        (reason) => reason === 'login_prompt' || reason === 'max_age',
      );
      return sendPage(
        reply,
        SignInPage({
          ctx,
          csrf: reply.generateCsrf(),
          username: flash.values?.username ?? '',
          errors: shownErrors(ctx, flash.errors, signInLabels(ctx)),
          notice: noticeText(ctx, flash),
          forPortal: {
            action: paths.signIn,
            lead: withPortal(again ? ctx.m.hub.signInAgainLead : ctx.m.hub.signInLead, portal),
            registerHref: paths.register,
            interaction: interaction.uid,
            certificateHref: `/sign-in/certificate?interaction=${encodeURIComponent(interaction.uid)}`,
            simSignatureHref: `/sign-in/sim-signature?interaction=${encodeURIComponent(interaction.uid)}`,
            remoteSignatureHref: `/sign-in/remote-signature?interaction=${encodeURIComponent(interaction.uid)}`,
            cancel: { action: paths.abort, text: withPortal(ctx.m.hub.cancel, portal) },
          },
        }),
      );
    },
  };
}
