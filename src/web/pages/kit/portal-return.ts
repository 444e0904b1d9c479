/**
 * The portal a citizen came from, while they register: the registration pages live outside the interaction's
 * path (where the provider's own cookie is not sent), so the interaction's id and its client's id wait in a
 * cookie of their own, and the done page offers to continue to that portal. Neither value is personal.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { format } from '../messages.ts';
import type { PageContext } from './context.ts';
import type { PageDeps } from './deps.ts';
import { type HubClient, interactionPath } from './hub-interactions.ts';

const COOKIE = 'hub_return';
/** As long as the provider keeps an interaction (oidc-provider's default: one hour). */
const MAX_AGE_SECONDS = 60 * 60;
const ID = /^[\w-]{1,128}$/;

export interface PortalReturn {
  uid: string;
  clientId: string;
}

export function createPortalReturn(secure: boolean) {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  return {
    remember(reply: FastifyReply, to: PortalReturn) {
      reply.setCookie(COOKIE, `${to.uid} ${to.clientId}`, { ...options, maxAge: MAX_AGE_SECONDS });
    },
    get(request: FastifyRequest): PortalReturn | undefined {
      const [uid = '', clientId = ''] = (request.cookies[COOKIE] ?? '').split(' ');
      return ID.test(uid) && ID.test(clientId) ? { uid, clientId } : undefined;
    },
    forget(reply: FastifyReply) {
      reply.clearCookie(COOKIE, options);
    },
  };
}

export type PortalReturns = ReturnType<typeof createPortalReturn>;

/** The two government portals by their names in the citizen's language; any other client by its own name. */
export function portalName(ctx: PageContext, client: HubClient | undefined): string {
  if (client?.clientId === 'national') return ctx.m.hub.nationalPortal;
  if (client?.clientId === 'mps') return ctx.m.hub.mpsPortal;
  return client?.name?.trim() || ctx.m.hub.aService;
}

/** "to continue to {portal}" and its siblings. */
export const withPortal = (template: string, portal: string, params: Record<string, string> = {}) =>
  format(template, { portal, ...params });

/** The portal this browser registers for, by name, and where its authorization continues (the provider's glue). */
export async function returningPortal(deps: PageDeps, request: FastifyRequest, ctx: PageContext) {
  const to = deps.hub ? deps.portalReturn.get(request) : undefined;
  if (!to || !deps.hub) return undefined;
  const name = portalName(ctx, await deps.hub.client(to.clientId));
  return {
    name,
    href: interactionPath(to.uid),
    text: withPortal(ctx.m.hub.doneContinue, name),
    lead: withPortal(ctx.m.hub.registerLead, name),
  };
}
