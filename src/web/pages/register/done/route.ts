/** Done: the account exists; the username is the ID number. */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { sendPage } from '../../kit/reply.ts';
import { registrationAt } from '../guard.ts';
import type { RegistrationPaths } from '../paths.ts';
import { DonePage } from './template.tsx';

export async function registrationDonePage(
  app: FastifyInstance,
  deps: PageDeps,
  method: string,
  paths: RegistrationPaths,
) {
  app.get(paths.done, async (request, reply) => {
    if (!(await registrationAt(deps, request, reply, method, 'completed'))) return reply;
    const ctx = deps.context(request);
    return sendPage(
      reply,
      DonePage({ ctx, title: ctx.m.done.title, lead: ctx.m.done.lead, detail: ctx.m.done.username }),
    );
  });
}
