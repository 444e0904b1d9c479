/**
 * Signing out on the hub's own account page ends the provider's session as RP-initiated logout does when the
 * citizen confirms "everywhere" (oidc-provider's end_session confirm): every portal of that session gets its
 * back-channel logout token, the tokens and grants handed out in that session are revoked (unless the
 * authorization outlives logout), and the session is destroyed. Done here, in the same POST, so the one button
 * works without JavaScript and without a second confirmation page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';

/** oidc-provider's clients have it (the confirm step calls it); its type declarations leave it out. */
interface BackchannelClient {
  backchannelLogout(accountId: string, sid: string): Promise<void>;
}

export async function endProviderSession(provider: Provider, request: FastifyRequest, reply: FastifyReply) {
  // The provider reads (and verifies the signature of) its own session cookie from a context of its own.
  const ctx = provider.createContext(request.raw, reply.raw);
  const session = await provider.Session.get(ctx as unknown as Parameters<Provider['Session']['get']>[0]);
  const accountId = session.accountId;
  if (!accountId) return;
  await Promise.all(
    Object.entries(session.authorizations ?? {}).map(async ([clientId, authorization]) => {
      const client = await provider.Client.find(clientId);
      const sid = session.sidFor(clientId);
      if (client?.backchannelLogoutUri && sid)
        await (client as unknown as BackchannelClient).backchannelLogout(accountId, sid).then(
          () => provider.emit('backchannel.success', ctx, client, accountId, sid),
          (error: unknown) => provider.emit('backchannel.error', ctx, error, client, accountId, sid),
        );
      const grantId = authorization.grantId;
      if (grantId && !authorization.persistsLogout) await revokeGrant(provider, grantId);
    }),
  );
  await session.destroy();
}

async function revokeGrant(provider: Provider, grantId: string) {
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
}
