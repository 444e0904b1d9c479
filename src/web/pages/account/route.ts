/** The account page (signed in only) with its connected services, and signing out. */
import type { FastifyInstance } from 'fastify';
import { contextOf } from '../../request-context.ts';
import { clearSessionCookie, sessionTokenOf } from '../../session-cookie.ts';
import { consentClaimNames } from '../interaction/consent-claims.ts';
import type { PageContext } from '../kit/context.ts';
import type { PageDeps } from '../kit/deps.ts';
import { type FormSchema, readForm } from '../kit/forms.ts';
import { noticeText } from '../kit/notice.ts';
import { portalName } from '../kit/portal-return.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { requireSession } from '../kit/session.ts';
import { credentialText, REMOVE_SIGN_IN_METHOD_PATH } from './sign-in-methods.tsx';
import { AccountPage, type ConnectedServiceView, WITHDRAW_PATH } from './template.tsx';

const withdrawSchema = { grantId: { maxLength: 128, required: true } } satisfies FormSchema;
const removeSchema = {
  type: { maxLength: 16, required: true },
  identifier: { maxLength: 512, required: true },
} satisfies FormSchema;
const CREDENTIAL_TYPES = ['password', 'certificate', 'federated'] as const;
type CredentialTypeName = (typeof CREDENTIAL_TYPES)[number];
const isCredentialType = (value: string): value is CredentialTypeName =>
  (CREDENTIAL_TYPES as readonly string[]).includes(value);

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
    const [credentials, services] = await Promise.all([
      deps.accounts.credentials.list(session.accountId),
      connectedServices(deps, ctx, session.accountId),
    ]);
    return sendPage(
      reply,
      AccountPage({
        ctx,
        csrf: reply.generateCsrf(),
        account: account.value,
        methods: deps.methods,
        notice: noticeText(ctx, flash),
        noticeTone: flash.notice?.tone,
        credentials,
        services,
      }),
    );
  });

  app.post(REMOVE_SIGN_IN_METHOD_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const { values } = readForm(request.body, removeSchema);
    const type = values.type ?? '';
    const identifier = values.identifier ?? '';
    const ctx = deps.context(request);
    // Named before it goes, for the notice.
    const credential = (await deps.accounts.credentials.list(session.accountId)).find(
      (c) => c.type === type && c.identifier === identifier,
    );
    const removed =
      credential && isCredentialType(type)
        ? await deps.accounts.credentials.remove(session.accountId, type, identifier, contextOf(request))
        : undefined;
    if (credential && removed?.ok) {
      const method = credentialText(ctx, credential).name;
      deps.flash.set(reply, { notice: { key: 'signInMethods.removed', params: { method } } });
    } else {
      const last = removed && !removed.ok && removed.failure.code === 'LAST_CREDENTIAL';
      deps.flash.set(reply, {
        notice: { key: last ? 'signInMethods.lastOne' : 'signInMethods.notFound', tone: 'warning' },
      });
    }
    return seeOther(reply, '/account');
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
