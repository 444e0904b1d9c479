/**
 * The two replies the registration and sign-in pages share: the waiting page and a refusal.
 *
 * The waiting page reloads itself with the HTTP `Refresh` header rather than `<meta http-equiv="refresh">`: the
 * same behaviour in every browser, without JavaScript, but axe-core's WCAG 2.2.1 rule `meta-refresh` fails any
 * meta refresh under 20 hours. For 2.2.1 itself the page says that it updates and offers to stop it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Failure } from '../../../../usecases/outcome.ts';
import type { PageDeps } from '../deps.ts';
import { sendPage } from '../reply.ts';
import type { AwaitingSignatureMethod } from './method.ts';
import { REFRESH_SECONDS } from './paths.ts';
import { describeRefusal, type Journey } from './refusals.ts';
import { RefusedPage, WaitingPage } from './templates.tsx';

const RETRY_AFTER_SECONDS = 30;

export function awaitingSignatureReplies(deps: PageDeps, spec: AwaitingSignatureMethod) {
  function waiting(
    request: FastifyRequest,
    reply: FastifyReply,
    self: string,
    displayCode: string,
    expiresAt: Date,
  ) {
    const refreshing = (request.query as { refresh?: string }).refresh !== 'off';
    if (refreshing) reply.header('refresh', String(REFRESH_SECONDS));
    reply.header('cache-control', 'no-store');
    const ctx = deps.context(request);
    return sendPage(
      reply,
      WaitingPage({ ctx, texts: spec.texts(ctx), displayCode, expiresAt, now: deps.now(), refreshing, self }),
    );
  }

  function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    journey: Journey,
    failure?: Failure,
  ) {
    const ctx = deps.context(request);
    const shown = describeRefusal(ctx, spec.texts(ctx), spec.paths, spec.refusals, code, journey);
    if (shown.status === 503)
      reply.header('retry-after', String(failure?.retryAfterSeconds ?? RETRY_AFTER_SECONDS));
    return sendPage(reply, RefusedPage({ ctx, ...shown.page }), shown.status);
  }

  return { waiting, refused };
}

export type AwaitingSignatureReplies = ReturnType<typeof awaitingSignatureReplies>;
