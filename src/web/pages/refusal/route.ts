/**
 * Refusals with a way forward: SIM not owner-registered (a page per reason, with its carrier and hotline;
 * the entries wait in the flash cookie, which this page leaves for the form), account exists, code
 * locked, too many attempts (when to try again), carrier or SMS down. A plain GET page, so a reload or
 * the back button repeats nothing.
 */
import type { FastifyInstance } from 'fastify';
import { partnerContact } from '../../../domain/partners.ts';
import { SUBSCRIBER_REFUSAL_REASONS } from '../../../usecases/outcome.ts';
import type { PageDeps } from '../kit/deps.ts';
import type { Journey } from '../kit/journey-cookies.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { retryWhen } from '../kit/time.ts';
import { isRefusalCode } from './paths.ts';
import { limitNamed, RateLimitedPage } from './rate-limited.tsx';
import { RefusalPage } from './template.tsx';

export async function refusalPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/refused/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const query = request.query as Record<string, string | undefined>;
    if (!isRefusalCode(deps.refusalPages, code)) return seeOther(reply, '/');
    const ctx = deps.context(request);
    const journey: Journey = query.journey === 'recovery' ? 'recovery' : 'registration';
    const partner = query.partner ? partnerContact(query.partner) : undefined;
    const method = query.method && /^[a-z-]{1,32}$/.test(query.method) ? query.method : undefined;
    const retry = Number(query.retry);
    const until = query.until ? new Date(query.until) : undefined;
    const when = Number.isFinite(retry) && retry > 0 ? retryWhen(retry, deps.now(), ctx) : undefined;
    if (code === 'RATE_LIMITED')
      return sendPage(
        reply,
        RateLimitedPage({ ctx, limit: limitNamed(query.limit), limits: deps.limits, when }),
      );
    return sendPage(
      reply,
      RefusalPage(
        {
          ctx,
          code,
          journey,
          partner,
          method,
          when,
          reason: SUBSCRIBER_REFUSAL_REASONS.find((reason) => reason === query.reason),
          until: until && !Number.isNaN(until.getTime()) ? until : undefined,
          now: deps.now(),
          csrf: reply.generateCsrf(),
        },
        deps.refusalPages[code],
      ),
    );
  });
}
