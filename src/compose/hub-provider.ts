/**
 * The hub's OpenID Provider, built once the server listens (in dev its issuer is the address it got) and attached to
 * the routes mounted before: its stores, the hub's sign-out pages, and what it logs.
 */
import type { Logger } from 'pino';
import { oidcAdapterFactory } from '../adapters/oidc/oidc-adapter.ts';
import type { GrantStore } from '../adapters/oidc/oidc-grant-store.ts';
import type { Config } from '../config/config.ts';
import type { Sessions } from '../usecases/accounts/sessions.ts';
import { createHubAccounts } from '../usecases/hub/hub-accounts.ts';
import type { Clock } from '../usecases/ports/clock.ts';
import type { EphemeralStore } from '../usecases/ports/ephemeral-store.ts';
import type { PersonalDataProtector } from '../usecases/ports/protection.ts';
import type { AccountRepository } from '../usecases/ports/repositories.ts';
import { renderProviderError } from '../web/oidc/error-page.tsx';
import { createHubProvider } from '../web/oidc/provider.ts';
import type { OidcMount } from '../web/oidc/routes.ts';
import { endHubSessionOnSignOut, providerSignOutPages } from '../web/pages/sign-out/provider-pages.tsx';

export interface HubProviderParts {
  config: Config;
  /** The address the server got. */
  url: string;
  mount: OidcMount;
  store: EphemeralStore;
  grants: GrantStore;
  accounts: AccountRepository;
  protector: PersonalDataProtector;
  sessions: Sessions;
  clock: Clock;
  secureCookies: boolean;
  dev: boolean;
  logger: Logger;
}

export function startHubProvider(parts: HubProviderParts) {
  const { config, store, grants, clock, sessions, secureCookies, dev } = parts;
  const issuer = config.oidc.issuer ?? parts.url;
  const provider = createHubProvider({
    issuer,
    oidc: config.oidc,
    adapter: oidcAdapterFactory({ store, grants, clock }),
    accounts: createHubAccounts({ accounts: parts.accounts, protector: parts.protector }),
    now: () => clock.now(),
    resumeHubSession: (token) => sessions.resume(token),
    cookieKey: config.secrets.cookieKey,
    secureCookies,
    proxy: config.http.trustProxy !== false,
    renderError: renderProviderError({ dev }),
    ...providerSignOutPages({ dev }),
  });
  const oidcLog = parts.logger.child({ component: 'oidc' });
  endHubSessionOnSignOut(provider, { sessions, secureCookies, warn: (message) => oidcLog.warn(message) });
  provider.on('server_error', (_ctx, error) => oidcLog.error({ err: error }, 'OpenID Provider error'));
  provider.on('backchannel.error', (_ctx, error, client) =>
    oidcLog.warn({ err: error, clientId: client.clientId }, 'back-channel logout not delivered'),
  );
  parts.mount.attach(provider);
  return { provider, issuer };
}

/**
 * Where the hub's forms may lead: the registered clients' redirect and post-logout origins; in dev also any
 * port of the loopback host, for clients registered on the fly (Dynamic Client Registration).
 */
export function formTargetsOf(config: Config): string[] {
  const uris = config.oidc.clients.flatMap((client) => [
    ...client.redirectUris,
    ...client.postLogoutRedirectUris,
  ]);
  const origins = new Set(uris.map((uri) => new URL(uri).origin));
  if (config.oidc.registrationOpen)
    for (const host of ['http://127.0.0.1:*', 'http://localhost:*']) origins.add(host);
  return [...origins];
}
