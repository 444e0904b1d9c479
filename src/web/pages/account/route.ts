/** The account page (signed in only), and signing out. */
import type { FastifyInstance } from 'fastify';
import { clearSessionCookie, sessionTokenOf } from '../../session-cookie.ts';
import type { PageDeps } from '../kit/deps.ts';
import { noticeText } from '../kit/notice.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { requireSession } from '../kit/session.ts';
import { AccountPage } from './template.tsx';

export async function accountPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/account', async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const account = await deps.accounts.account.view(session.accountId);
    if (!account.ok) return seeOther(reply, '/sign-in');
    const ctx = { ...deps.context(request), signedIn: true };
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      AccountPage({
        ctx,
        csrf: reply.generateCsrf(),
        account: account.value,
        notice: noticeText(ctx, flash),
      }),
    );
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token) await deps.accounts.sessions.end(token);
    clearSessionCookie(reply, deps.secureCookies);
    deps.flash.set(reply, { notice: { key: 'home.signedOut' } });
    return seeOther(reply, '/');
  });
}
