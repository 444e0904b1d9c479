/**
 * The hub's OpenID Provider (hub.md "The provider"): oidc-provider configured for authorization code with PKCE
 * S256 only, PAR, `client_secret_basic` and `private_key_jwt`, exact redirect URIs, 60-second single-use codes,
 * RS256 (default) and ES256 ID tokens from configured keys, the hub's scopes and claims, `acr` LoA1/LoA2,
 * back-channel and RP-initiated logout. Thin: accounts and claims come from the use cases (src/usecases/hub/).
 */
import { createHmac } from 'node:crypto';
import Provider, {
  type Adapter,
  type AdapterFactory,
  type ClientMetadata,
  type Configuration,
} from 'oidc-provider';
import type { OidcClient, OidcConfig } from '../../config/oidc-config.ts';
import type { Session } from '../../usecases/accounts/sessions.ts';
import { claimsOf, SCOPE_CLAIMS } from '../../usecases/hub/claims.ts';
import type { HubAccounts } from '../../usecases/hub/hub-accounts.ts';
import { interactionsPolicy, loadOrGrantFirstParty } from './hub-policy.ts';
import { allowListedFetch } from './outgoing-fetch.ts';

/** Under this prefix, apart from discovery at the issuer's `/.well-known/openid-configuration`. */
export const OIDC_PREFIX = '/oidc';
export const interactionPath = (uid: string) => `${OIDC_PREFIX}/interaction/${uid}`;

/** Distinct from the portals' cookies: browsers share cookies across the ports of one host. */
export const PROVIDER_COOKIES = {
  session: 'hub_op_session',
  interaction: 'hub_op_interaction',
  resume: 'hub_op_resume',
} as const;

export const ACR_VALUES = ['LoA1', 'LoA2'] as const;

type LogoutFeature = NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>;

export interface HubProviderOptions {
  issuer: string;
  oidc: OidcConfig;
  adapter: AdapterFactory;
  accounts: HubAccounts;
  /** The hub's clock: `max_age` is measured against the same clock as the hub sessions' `auth_time`. */
  now: () => Date;
  /** The hub's own sessions: the provider's session is only as good as the citizen's hub session. */
  resumeHubSession: (token: string) => Promise<Session | undefined>;
  cookieKey: Buffer;
  /**
   * Production. Cookies are marked Secure only when the issuer is https too: Koa refuses to set a Secure cookie
   * on a plain-http request (a production-mode bench or test over http), and behind a TLS-terminating balancer
   * the request counts as https through the trusted proxy's X-Forwarded-Proto (`proxy`).
   */
  secureCookies: boolean;
  /** Behind a trusted proxy: read the protocol and host it forwards. */
  proxy: boolean;
  renderError: NonNullable<Configuration['renderError']>;
  /** The sign-out confirmation page (the hub's layout). */
  logoutSource?: LogoutFeature['logoutSource'];
  /** The page after signing out with no portal to go back to (the hub's layout, like logoutSource). */
  postLogoutSuccessSource?: LogoutFeature['postLogoutSuccessSource'];
}

export function createHubProvider(options: HubProviderOptions): Provider {
  const firstParty = new Set(options.oidc.clients.filter((c) => c.firstParty).map((c) => c.clientId));
  const secure = options.secureCookies && options.issuer.startsWith('https:');
  const cookieKey = createHmac('sha256', options.cookieKey).update('oidc-provider-cookies').digest('base64');
  const configuration: Configuration = {
    adapter: options.adapter as unknown as Configuration['adapter'],
    clients: options.oidc.clients.map(clientMetadata),
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    clientAuthMethods: ['client_secret_basic', 'private_key_jwt'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    scopes: Object.keys(SCOPE_CLAIMS),
    // The ID token always says how and when the citizen authenticated (hub.md), not only when asked.
    claims: { ...SCOPE_CLAIMS, openid: ['sub', 'acr', 'amr', 'auth_time', 'sid'] },
    acrValues: [...ACR_VALUES],
    jwks: { keys: options.oidc.signingKeys as unknown as NonNullable<Configuration['jwks']>['keys'] },
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256', 'ES256'],
      userinfoSigningAlgValues: ['RS256', 'ES256'],
      clientAuthSigningAlgValues: ['RS256', 'ES256', 'PS256'],
    },
    cookies: {
      names: PROVIDER_COOKIES,
      keys: [cookieKey],
      long: { httpOnly: true, sameSite: 'lax', secure },
      short: { httpOnly: true, sameSite: 'lax', secure },
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 10 * 60,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      // No longer than a hub session lives in all (sessions.ts: 12 hours).
      Session: 12 * 3600,
      Grant: 365 * 24 * 3600,
    },
    // No refresh tokens: no `offline_access` scope and `issueRefreshToken` left at its default, which is what keeps
    // `refresh_token` out of the provider's grant types (discovery, registration, the token endpoint).
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      registration: { enabled: options.oidc.registrationOpen },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        ...(options.logoutSource && { logoutSource: options.logoutSource }),
        ...(options.postLogoutSuccessSource && { postLogoutSuccessSource: options.postLogoutSuccessSource }),
      },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      // Tokens are for the hub's userinfo only: no resource servers of their own yet.
      resourceIndicators: { enabled: false },
    },
    discovery: {
      prompt_values_supported: ['none', 'login', 'consent', 'create'],
      claim_types_supported: ['normal'],
      ui_locales_supported: ['vi', 'en'],
    } as Configuration['discovery'],
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      token: `${OIDC_PREFIX}/token`,
      userinfo: `${OIDC_PREFIX}/me`,
      jwks: `${OIDC_PREFIX}/jwks`,
      end_session: `${OIDC_PREFIX}/session/end`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      registration: `${OIDC_PREFIX}/reg`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      introspection: `${OIDC_PREFIX}/token/introspection`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
    },
    interactions: {
      policy: interactionsPolicy(options.resumeHubSession, options.now, async (ctx) => {
        const accountId = ctx.oidc.session!.accountId!;
        const account = await configuration.findAccount!(ctx, accountId);
        if (!account) return false;
        ctx.oidc.entity('Account', account);
        const clientId = ctx.oidc.client!.clientId;
        const loaded = await loadOrGrantFirstParty(ctx, firstParty);
        if (loaded) {
          ctx.oidc.session!.ensureClientContainer(clientId);
          ctx.oidc.session!.grantIdFor(clientId, loaded.jti);
        }
        ctx.oidc.entity('Grant', loaded ?? new ctx.oidc.provider.Grant({ accountId, clientId }));
        return true;
      }),
      url: async (_ctx, interaction) => interactionPath(interaction.uid),
    },
    async findAccount(_ctx, sub) {
      const subject = await options.accounts.subjectOf(sub);
      if (!subject) return undefined;
      return {
        accountId: subject.sub,
        async claims(_use, scope) {
          return claimsOf(subject, new Set(scope.split(' '))) as { sub: string };
        },
      };
    },
    loadExistingGrant: async (ctx) => loadOrGrantFirstParty(ctx, firstParty),
    renderError: options.renderError,
    // In dev, clients registered on the fly (test suites, integrators) live on loopback too.
    fetch: allowListedFetch(allowedOrigins(options.oidc.clients), fetch, options.oidc.registrationOpen),
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.proxy;
  return provider;
}

function clientMetadata(client: OidcClient): ClientMetadata {
  return {
    client_id: client.clientId,
    ...(client.clientName && { client_name: client.clientName }),
    ...(client.clientSecret
      ? { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
      : { jwks: client.jwks as ClientMetadata['jwks'], token_endpoint_auth_method: 'private_key_jwt' }),
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    ...(client.backchannelLogoutUri && {
      backchannel_logout_uri: client.backchannelLogoutUri,
      backchannel_logout_session_required: true,
    }),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: client.idTokenSignedResponseAlg ?? 'RS256',
  };
}

/** The registered portals' origins: the only private or loopback addresses the provider may call (logout). */
function allowedOrigins(clients: readonly OidcClient[]): Set<string> {
  return new Set(
    clients.flatMap((client) =>
      client.backchannelLogoutUri ? [new URL(client.backchannelLogoutUri).origin] : [],
    ),
  );
}

export type { Adapter };
