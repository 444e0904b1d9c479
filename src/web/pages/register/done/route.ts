/**
 * Done: the account exists and, as a rule, the citizen is signed in to it (the password step opened the
 * session), so the way on is the account page, or, for a citizen a portal sent to register, that portal: its
 * authorization continues with the new account. Should the session store have failed then, or the session
 * have ended since, the page says to sign in with the ID number instead.
 */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { currentSession } from '../../kit/session.ts';
import { registrationAt } from '../guard.ts';
import type { RegistrationPaths } from '../paths.ts';
import { sendRegistrationDone } from './send-done.ts';

export async function registrationDonePage(
  app: FastifyInstance,
  deps: PageDeps,
  method: string,
  paths: RegistrationPaths,
) {
  app.get(paths.done, async (request, reply) => {
    const status = await registrationAt(deps, request, reply, method, 'completed');
    if (!status) return reply;
    const ctx = deps.context(request);
    const session = await currentSession(deps, request);
    const signedIn = session !== undefined && session.accountId === status.accountId;
    return sendRegistrationDone(deps, request, reply, {
      ctx,
      title: ctx.m.done.title,
      signedIn,
      otherwise: {
        ctx,
        title: ctx.m.done.title,
        ...(signedIn
          ? {
              lead: ctx.m.done.signedInLead,
              detail: ctx.m.done.nextTime,
              next: { href: '/account', text: ctx.m.done.toAccount },
            }
          : { lead: ctx.m.done.lead, detail: ctx.m.done.username }),
      },
    });
  });
}
