/** The account page (signed in only) with its connected services, and signing out. */
import type { FastifyInstance } from 'fastify';
import { clearSessionCookie, sessionTokenOf } from '../../session-cookie.ts';
import { consentClaimNames } from '../interaction/consent-claims.ts';
import type { PageContext } from '../kit/context.ts';
import type { PageDeps } from '../kit/deps.ts';
import { type FormSchema, readForm } from '../kit/forms.ts';
import { noticeText } from '../kit/notice.ts';
import { portalName } from '../kit/portal-return.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { requireSession } from '../kit/session.ts';
import { AccountPage, type ConnectedServiceView, WITHDRAW_PATH } from './template.tsx';

const withdrawSchema = { grantId: { maxLength: 128, required: true } } satisfies FormSchema;

/** The services the account allowed, named and described for the citizen; none where the hub serves no portals. */
async function connectedServices(
  deps: PageDeps,
  ctx: PageContext,
  accountId: string,
): Promise<ConnectedServiceView[] | undefined> {
  if (!deps.grants) return undefined;
  const services = await deps.grants.listOf(accountId);
  return Promise.all(
    services.map(async (service) => ({
      grantId: service.grantId,
      portal: portalName(ctx, await deps.hub?.client(service.clientId)),
      claims: consentClaimNames(ctx, { missingOIDCScope: service.scopes }),
      grantedAt: service.grantedAt,
    })),
  );
}

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
        services: await connectedServices(deps, ctx, session.accountId),
      }),
    );
  });

  app.post(WITHDRAW_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const { values } = readForm(request.body, withdrawSchema);
    const service = (await deps.grants?.listOf(session.accountId))?.find((s) => s.grantId === values.grantId);
    if (service && (await deps.grants?.withdraw(session.accountId, service.grantId))) {
      const portal = portalName(deps.context(request), await deps.hub?.client(service.clientId));
      deps.flash.set(reply, { notice: { key: 'connected.withdrawn', params: { portal } } });
    }
    return seeOther(reply, '/account');
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token) await deps.accounts.sessions.end(token);
    // Signing out of the hub signs out of every portal sharing its single sign-on (hub.md).
    await deps.hub?.endSession(request, reply);
    clearSessionCookie(reply, deps.secureCookies);
    deps.flash.set(reply, { notice: { key: 'home.signedOut' } });
    return seeOther(reply, '/');
  });
}
