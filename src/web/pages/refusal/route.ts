/**
 * Refusals with a way forward: SIM not owner-registered (its carrier and hotline), account exists, code
 * locked, too many attempts (when to try again), carrier or SMS down. A plain GET page, so a reload or
 * the back button repeats nothing.
 */
import type { FastifyInstance } from 'fastify';
import { partnerContact } from '../../../domain/partners.ts';
import type { PageDeps } from '../kit/deps.ts';
import type { Journey } from '../kit/journey-cookies.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { duration } from '../kit/time.ts';
import { isRefusalCode } from './paths.ts';
import { RefusalPage } from './template.tsx';

export async function refusalPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/refused/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const query = request.query as Record<string, string | undefined>;
    if (!isRefusalCode(code)) return seeOther(reply, '/');
    const ctx = deps.context(request);
    const journey: Journey = query.journey === 'recovery' ? 'recovery' : 'registration';
    const partner = query.partner ? partnerContact(query.partner) : undefined;
    const method = query.method && /^[a-z-]{1,32}$/.test(query.method) ? query.method : undefined;
    const retry = Number(query.retry);
    return sendPage(
      reply,
      RefusalPage({
        ctx,
        code,
        journey,
        partner,
        method,
        when: Number.isFinite(retry) && retry > 0 ? duration(retry, ctx.m) : undefined,
        csrf: reply.generateCsrf(),
      }),
    );
  });
}
