/**
 * The FederatedIdentityProvider port over PostID, Vietnam Post's OpenID Provider, with `openid-client` 6: discovery
 * from the issuer URL (lazy and retried: PostID may answer later than the hub starts), the code flow with PKCE S256,
 * `client_secret_basic`, state and nonce checked and the ID token validated by the library (signature against
 * PostID's JWKS too: dev runs on plain http, so TLS vouches for nothing), then userinfo for the identity.
 * Every request goes through the guarded fetch: PostID down, slow or failing is `unavailable`, fast.
 */
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type {
  FederatedIdentityProvider,
  FederationAnswer,
} from '../../usecases/ports/federated-identity-provider.ts';
import { checkedHttpUrl } from '../http/http-call.ts';
import { createGuardedFetch } from './guarded-fetch.ts';
import { readPostIdIdentity } from './postid-claims.ts';

export const POSTID_SCOPES = 'openid profile phone';

export interface PostIdProviderOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The hub's callback, registered at PostID: `<hub public URL>/vnpost/callback`. */
  redirectUri: string;
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  registry?: Registry;
  /** The HTTP client under the guard (tests). */
  fetch?: typeof fetch;
}

export function createPostIdProvider(options: PostIdProviderOptions): FederatedIdentityProvider {
  const issuer = new URL(checkedHttpUrl(options.issuer, 'POSTID_ISSUER'));
  const logger = options.logger.child({ component: 'postid' });
  const guarded = createGuardedFetch({
    partner: 'postid',
    timeoutMs: options.timeoutMs,
    now: options.now,
    logger,
    registry: options.registry ?? new Registry(),
    ...(options.fetch && { fetch: options.fetch }),
  });
  let discovered: Promise<oidc.Configuration> | undefined;

  /** PostID's configuration, discovered once it answers; undefined (and asked again next time) until then. */
  async function configuration(): Promise<oidc.Configuration | undefined> {
    discovered ??= oidc.discovery(
      issuer,
      options.clientId,
      { redirect_uri: options.redirectUri },
      oidc.ClientSecretBasic(options.clientSecret),
      {
        execute: [
          oidc.enableNonRepudiationChecks,
          ...(issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
        ],
        [oidc.customFetch]: guarded.fetch,
      },
    );
    try {
      // The ID token's iat and exp are judged by the machine's clock, as PostID stamps them by its own: the hub's
      // injected clock (which tests move) says nothing about PostID's.
      return await discovered;
    } catch (error) {
      discovered = undefined;
      logger.warn({ detail: kindOf(error) }, 'postid discovery failed');
      return undefined;
    }
  }

  return {
    id: 'vnpost',

    async authorizationUrl(transaction, { uiLocales }) {
      const config = await configuration();
      if (!config) return undefined;
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: POSTID_SCOPES,
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
        ui_locales: uiLocales,
      }).href;
    },

    async finish(returned, transaction): Promise<FederationAnswer> {
      // The callback's parameters on the registered redirect URI: openid-client sends the URL it is given, less its
      // query, as the token request's redirect_uri, which must be the registered one whatever Host the request had.
      const callbackUrl = new URL(options.redirectUri);
      callbackUrl.search = returned.search;
      // The citizen's way back is judged first: a cancel or a foreign state needs no PostID to be refused.
      const error = callbackUrl.searchParams.get('error');
      if (callbackUrl.searchParams.get('state') !== transaction.state)
        return { outcome: 'refused', reason: 'tampered' };
      if (error) return { outcome: 'refused', reason: 'cancelled' };
      const config = await configuration();
      if (!config) return { outcome: 'unavailable' };
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
        const subject = tokens.claims()?.sub;
        if (!subject) return unreadable('no subject in the ID token');
        const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, subject);
        const identity = readPostIdIdentity(subject, userinfo);
        return identity
          ? { outcome: 'identity', identity }
          : unreadable('userinfo without a usable identity');
      } catch (caught) {
        return classify(caught);
      }
    },

    ping: () => guarded.ping(),
  };

  function unreadable(why: string): FederationAnswer {
    logger.warn({ partner: 'postid' }, `postid answered what cannot be used: ${why}`);
    return { outcome: 'unavailable' };
  }

  /**
   * PostID refusing the code (a 4xx OAuth error: another transaction's code, a replay) or an ID token whose nonce
   * is not this transaction's: the callback was tampered with. Anything else (no answer, a bad signature, a wrong
   * issuer, unreadable JSON): PostID cannot be trusted right now.
   */
  function classify(caught: unknown): FederationAnswer {
    if (caught instanceof oidc.AuthorizationResponseError) return { outcome: 'refused', reason: 'cancelled' };
    if (caught instanceof oidc.ResponseBodyError && caught.status < 500) {
      logger.warn({ partner: 'postid', error: caught.error }, 'postid refused the code');
      return { outcome: 'refused', reason: 'tampered' };
    }
    const claim = (caught as { cause?: { cause?: { claim?: unknown } } }).cause?.cause?.claim;
    if (
      caught instanceof oidc.ClientError &&
      caught.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' &&
      claim === 'nonce'
    ) {
      logger.warn({ partner: 'postid' }, 'postid ID token carries another nonce');
      return { outcome: 'refused', reason: 'tampered' };
    }
    logger.warn({ partner: 'postid', detail: kindOf(caught) }, 'postid answer not accepted');
    return { outcome: 'unavailable' };
  }
}

/** The error's kind and library code, never its message's values (they may quote tokens or claims). */
function kindOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name}:${code}` : error.name;
}
