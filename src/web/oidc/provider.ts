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
  interactionPolicy,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { OidcClient, OidcConfig } from '../../config/oidc-config.ts';
import type { Session } from '../../usecases/accounts/sessions.ts';
import { claimsOf, SCOPE_CLAIMS } from '../../usecases/hub/claims.ts';
import type { HubAccounts } from '../../usecases/hub/hub-accounts.ts';
import { requestedLevel } from '../../usecases/hub/hub-login.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
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
  logoutSource?: NonNullable<Configuration['features']>['rpInitiatedLogout'] extends infer R
    ? R extends { logoutSource?: infer L }
      ? L
      : never
    : never;
  /** The page after signing out with no portal to go back to (the hub's layout, like logoutSource). */
  postLogoutSuccessSource?: NonNullable<
    NonNullable<Configuration['features']>['rpInitiatedLogout']
  >['postLogoutSuccessSource'];
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
    issueRefreshToken: async () => false,
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

/**
 * The government's own portals never ask consent (hub.md): their grant is made on the spot with what they
 * asked for. Another client's grant exists only once the citizen consented (the consent page records it).
 */
async function loadOrGrantFirstParty(ctx: KoaContextWithOIDC, firstParty: ReadonlySet<string>) {
  const { oidc } = ctx;
  const client = oidc.client!;
  const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (!firstParty.has(client.clientId)) return existing;
  const grant =
    existing ?? new oidc.provider.Grant({ clientId: client.clientId, accountId: oidc.session!.accountId! });
  const scope = String(oidc.params!.scope ?? '');
  const missingScope = scope.split(' ').filter((s) => s && !grant.getOIDCScope().split(' ').includes(s));
  const missingClaims = [...(oidc.requestParamClaims ?? [])].filter(
    (claim) => !grant.getOIDCClaims().includes(claim),
  );
  // A first-party portal asking for more than last time gets it without a page; saved only when it changed.
  if (existing && missingScope.length === 0 && missingClaims.length === 0) return existing;
  if (missingScope.length > 0) grant.addOIDCScope(missingScope.join(' '));
  if (missingClaims.length > 0) grant.addOIDCClaims(missingClaims);
  await grant.save();
  return grant;
}

/**
 * oidc-provider's prompts with the hub's rules in the login prompt. Its own session follows the citizen's hub
 * session (the `sid` cookie): a citizen signed in at the hub is signed in here too, even with `prompt=none`
 * (single sign-on), with the hub session's `acr`, `amr` and `auth_time`; without a hub session, or with another
 * account's, the provider's session does not count (signing out at the hub ends single sign-on). A request for
 * LoA2 on a LoA1 session needs the missing factor (`acr_values` alone would not ask for it; with `prompt=none`
 * the portal gets `interaction_required`). And `prompt=create`: registration, a page of the hub.
 */
function interactionsPolicy(
  resumeHubSession: HubProviderOptions['resumeHubSession'],
  now: () => Date,
  signedInFromHub: (ctx: KoaContextWithOIDC) => Promise<boolean>,
) {
  const { Check, Prompt, base } = interactionPolicy;
  const policy = base();
  const login = policy.get('login')!;
  const noSession = login.checks.findIndex((check) => check.reason === 'no_session');
  login.checks.splice(
    noSession,
    1,
    new Check('no_session', 'End-User authentication is required', 'login_required', async (ctx) => {
      const session = ctx.oidc.session!;
      // The hub's cookie, not the provider's: unsigned (its value is an opaque token the store knows).
      const token = ctx.cookies.get(SESSION_COOKIE, { signed: false });
      const hub = token ? await resumeHubSession(token) : undefined;
      if (!hub) return Check.REQUEST_PROMPT;
      // Another citizen signed in at the hub meanwhile: the interaction switches the provider's session.
      if (session.accountId && session.accountId !== hub.accountId) return Check.REQUEST_PROMPT;
      const loginTs = Math.floor(hub.authTime.getTime() / 1000);
      const wasSignedIn = Boolean(session.accountId);
      if (wasSignedIn && session.acr === hub.acr && session.loginTs === loginTs)
        return Check.NO_NEED_TO_PROMPT;
      session.loginAccount({ accountId: hub.accountId, acr: hub.acr, amr: hub.amr, loginTs });
      // The provider loads the account and its grant before the prompts; signed in only now, do it here.
      if (!wasSignedIn && !(await signedInFromHub(ctx))) return Check.REQUEST_PROMPT;
      return Check.NO_NEED_TO_PROMPT;
    }),
  );
  const maxAge = login.checks.findIndex((check) => check.reason === 'max_age');
  login.checks.splice(
    maxAge,
    1,
    new Check('max_age', 'End-User authentication could not be obtained', 'login_required', (ctx) => {
      const { oidc } = ctx;
      if (oidc.params?.max_age === undefined) return Check.NO_NEED_TO_PROMPT;
      if (!oidc.session?.accountId) return Check.REQUEST_PROMPT;
      const age = Math.floor(now().getTime() / 1000) - (oidc.session.loginTs ?? 0);
      return age > Number(oidc.params.max_age) && !oidc.result?.login
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT;
    }),
  );
  login.checks.push(
    new Check(
      'acr_too_low',
      'The requested assurance level needs another factor',
      'interaction_required',
      (ctx) => {
        const requested = String(ctx.oidc.params?.acr_values ?? '')
          .split(' ')
          .filter(Boolean);
        if (requested.length === 0) return Check.NO_NEED_TO_PROMPT;
        const current = ctx.oidc.session?.acr === 'LoA2' ? 2 : 1;
        return current >= requestedLevel(requested) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
      },
    ),
  );
  policy.add(new Prompt({ name: 'create', requestable: true }), 0);
  return policy;
}

export type { Adapter };
