/** Forgot password, done: the new password is saved and every earlier session has ended. */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { sendPage } from '../../kit/reply.ts';
import { DonePage } from '../../register/done/template.tsx';
import { RECOVERY_PATHS } from '../paths.ts';

export async function recoveryDonePage(app: FastifyInstance, deps: PageDeps) {
  app.get(RECOVERY_PATHS.done, async (request, reply) => {
    const ctx = deps.context(request);
    return sendPage(reply, DonePage({ ctx, title: ctx.m.recovery.doneTitle, lead: ctx.m.recovery.doneLead }));
  });
}
