/**
 * PostID's OpenID Provider (oidc-provider): authorization code with PKCE S256 only, `client_secret_basic`, the
 * hub as its one client (served from here, so its redirect URI follows the hub's address once known), scopes
 * `openid profile phone` and PostID's claims (claims.ts), its own keys and cookie names (browsers share cookies
 * across the ports of 127.0.0.1: the hub's are `hub_op_*`). The hub is first-party: no consent page, the grant is
 * made on the spot. Its sign-out pages are PostID's own (the library's have no `lang` and fail contrast checks).
 */
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { acrOf, claimsOf, SCOPE_CLAIMS } from './claims.ts';
import type { MemoryModels } from './memory-adapter.ts';
import type { PostIdStore } from './store.ts';

export const PROVIDER_COOKIES = {
  session: 'postid_op_session',
  interaction: 'postid_op_interaction',
  resume: 'postid_op_resume',
} as const;

export const interactionPath = (uid: string) => `/interaction/${uid}`;

export interface HubClient {
  clientId: string;
  clientSecret: string;
  /** `<hub>/vnpost/callback` of each hub address allowed (the dev hub's, once it listens). */
  redirectUris: () => string[];
  postLogoutRedirectUris: () => string[];
}

type LogoutFeature = NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>;

export function createPostIdProvider(options: {
  issuer: string;
  models: MemoryModels;
  store: PostIdStore;
  client: HubClient;
  signingKey: Record<string, unknown>;
  cookieKeys: string[];
  logoutSource: NonNullable<LogoutFeature['logoutSource']>;
  postLogoutSuccessSource: NonNullable<LogoutFeature['postLogoutSuccessSource']>;
  renderError: NonNullable<Configuration['renderError']>;
}): Provider {
  const { client } = options;
  const hubClient = () => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: 'Cổng Dịch vụ công quốc gia (hub)',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: client.redirectUris(),
    post_logout_redirect_uris: client.postLogoutRedirectUris(),
    grant_types: ['authorization_code'],
    response_types: ['code'],
  });
  const configuration: Configuration = {
    adapter: ((model: string) =>
      model === 'Client'
        ? {
            ...options.models.adapter('Client'),
            // The hub's metadata as it is now: its redirect URI is known only once the hub listens.
            find: async (id: string) => (id === client.clientId ? hubClient() : undefined),
          }
        : options.models.adapter(model)) as unknown as Configuration['adapter'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    clientAuthMethods: ['client_secret_basic'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: Object.keys(SCOPE_CLAIMS),
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, names]) => [scope, [...names]])),
    acrValues: ['LoA1', 'LoA3'],
    jwks: { keys: [options.signingKey] as unknown as NonNullable<Configuration['jwks']>['keys'] },
    cookies: {
      names: PROVIDER_COOKIES,
      keys: options.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 10 * 60,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      Session: 8 * 3600,
      Grant: 365 * 24 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: options.logoutSource,
        postLogoutSuccessSource: options.postLogoutSuccessSource,
      },
    },
    discovery: {
      claim_types_supported: ['normal'],
      ui_locales_supported: ['vi', 'en'],
      service_documentation: `${options.issuer}/`,
    } as Configuration['discovery'],
    routes: {
      authorization: '/oidc/auth',
      token: '/oidc/token',
      userinfo: '/oidc/me',
      jwks: '/oidc/jwks',
      end_session: '/oidc/session/end',
      revocation: '/oidc/token/revocation',
      introspection: '/oidc/token/introspection',
      pushed_authorization_request: '/oidc/request',
      registration: '/oidc/reg',
      code_verification: '/oidc/device',
      device_authorization: '/oidc/device/auth',
      backchannel_authentication: '/oidc/backchannel',
    },
    interactions: { url: async (_ctx, interaction) => interactionPath(interaction.uid) },
    async findAccount(_ctx, sub) {
      const account = await options.store.bySubject(sub);
      if (!account?.activated) return undefined;
      return {
        accountId: account.subject,
        async claims(_use, scope) {
          return claimsOf(account, new Set(scope.split(' '))) as { sub: string };
        },
      };
    },
    // The hub is PostID's own partner (first-party): its grant is made without a consent page, widened to what
    // it asks.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const clientId = ctx.oidc.client!.clientId;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(clientId);
      const found = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      const grant = found ?? new ctx.oidc.provider.Grant({ clientId, accountId: session.accountId! });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    renderError: options.renderError,
  };
  const provider = new Provider(options.issuer, configuration);
  return provider;
}

export { acrOf };
