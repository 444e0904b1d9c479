/**
 * The done page of every registration method: a citizen a portal sent to register, and now signed in, goes back
 * to that portal (its authorization continues with the new account, once); anyone else sees the method's own
 * words and way on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../../kit/context.ts';
import type { PageDeps } from '../../kit/deps.ts';
import { returningPortal } from '../../kit/portal-return.ts';
import { sendPage } from '../../kit/reply.ts';
import { DonePage, type DoneView } from './template.tsx';

export async function sendRegistrationDone(
  deps: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  done: { ctx: PageContext; title: string; signedIn: boolean; otherwise: DoneView },
) {
  const portal = done.signedIn ? await returningPortal(deps, request, done.ctx) : undefined;
  if (!portal) return sendPage(reply, DonePage(done.otherwise));
  // Once: a later registration in this browser is the hub's own, unless a portal sends it again.
  deps.portalReturn.forget(reply);
  return sendPage(
    reply,
    DonePage({
      ctx: done.ctx,
      title: done.title,
      lead: done.ctx.m.hub.doneContinueLead,
      next: { href: portal.href, text: portal.text },
    }),
  );
}
