/**
 * The portal as a relying party of the hub, through `openid-client` 6: discovery from the issuer URL only,
 * Pushed Authorization Requests, PKCE S256, state and nonce, `client_secret_basic`; the code exchange with ID
 * token validation (signature, issuer, audience, expiry, nonce), userinfo, and RP-initiated logout's URL.
 *
 * Discovery is lazy and retried: a portal may start before the hub answers, and a hub restart must not need a
 * portal restart. Until it succeeds, the pages that need the hub say it is unavailable.
 */
import { createRemoteJWKSet } from 'jose';
import * as oidc from 'openid-client';
import type { PortalConfig } from './config.ts';
import { logoutTokenVerifier, type VerifiedLogout } from './logout-token.ts';
import type { PendingAuthorization, SignedInCitizen } from './sessions.ts';

export const CALLBACK_PATH = '/auth/callback';
export const BACKCHANNEL_LOGOUT_PATH = '/auth/backchannel-logout';
export const SCOPES = 'openid profile citizen_id phone';

export interface AuthorizationRequest {
  returnTo: string;
  /** `create`: start at the hub's registration (OpenID Connect "Initiating User Registration"). */
  prompt?: 'create' | 'login';
  /** The assurance level the portal needs (`LoA2`: a step-up when the hub's session is below it). */
  acr?: string;
  uiLocales: string;
}

/** The hub answered the callback with an error (`access_denied`, `login_required`, ...), or it failed. */
export class HubAnswerError extends Error {
  override readonly name = 'HubAnswerError';
  constructor(
    readonly code: string,
    /** Whether the answer could not be trusted (tampered state, bad ID token): the portal's 400. */
    readonly refused: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** The hub could not be reached (discovery, PAR, token or userinfo): the portal's 503. */
export class HubUnavailableError extends Error {
  override readonly name = 'HubUnavailableError';
}

export interface RelyingPartyDeps {
  /** Replaces the HTTP client (tests record what the portal sends to the hub). */
  fetch?: typeof fetch;
  now: () => Date;
}

export function relyingParty(config: PortalConfig, deps: RelyingPartyDeps) {
  let discovered: Promise<oidc.Configuration> | undefined;
  let verifyLogout: ((token: string) => Promise<VerifiedLogout>) | undefined;
  const redirectUri = new URL(CALLBACK_PATH, config.publicUrl).href;

  function configuration(): Promise<oidc.Configuration> {
    discovered ??= oidc
      .discovery(
        config.issuer,
        config.clientId,
        { redirect_uri: redirectUri },
        oidc.ClientSecretBasic(config.clientSecret),
        {
          // The ID token's signature is checked against the hub's JWKS too (openid-client otherwise trusts the
          // token endpoint's TLS alone, and dev runs on plain http).
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(config.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
          ],
          ...(deps.fetch && { [oidc.customFetch]: deps.fetch }),
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new HubUnavailableError(`discovery failed: ${messageOf(error)}`);
      });
    return discovered;
  }

  /** The URL to send the browser to, after pushing the request (PAR); and what the callback must check. */
  async function startAuthorization(
    request: AuthorizationRequest,
  ): Promise<{ url: URL; pending: PendingAuthorization }> {
    const pending: PendingAuthorization = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: request.returnTo,
      ...(request.acr && { acr: request.acr }),
      startedAt: deps.now().getTime(),
    };
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: SCOPES,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      ui_locales: request.uiLocales,
      ...(request.prompt && { prompt: request.prompt }),
      ...(request.acr && { acr_values: request.acr }),
    };
    const rp = await configuration();
    try {
      return { url: await oidc.buildAuthorizationUrlWithPAR(rp, parameters), pending };
    } catch (error) {
      throw asHubError(error);
    }
  }

  /** The callback: checks state, exchanges the code (PKCE), validates the ID token (nonce), reads userinfo. */
  async function completeAuthorization(
    callbackUrl: URL,
    pending: PendingAuthorization,
  ): Promise<SignedInCitizen> {
    const rp = await configuration();
    try {
      const tokens = await oidc.authorizationCodeGrant(rp, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw new HubAnswerError('invalid_id_token', true, 'no ID token');
      const claims = await oidc.fetchUserInfo(rp, tokens.access_token, idClaims.sub);
      return {
        sub: idClaims.sub,
        sid: typeof idClaims.sid === 'string' ? idClaims.sid : undefined,
        acr: typeof idClaims.acr === 'string' ? idClaims.acr : undefined,
        amr: Array.isArray(idClaims.amr) ? idClaims.amr.map(String) : [],
        authTime: typeof idClaims.auth_time === 'number' ? idClaims.auth_time : undefined,
        claims: { ...claims },
        idToken: tokens.id_token,
      };
    } catch (error) {
      throw asHubError(error);
    }
  }

  /** RP-initiated logout at the hub, or undefined when the hub offers none. */
  async function endSessionUrl(idToken: string, uiLocales: string): Promise<URL | undefined> {
    const rp = await configuration();
    if (!rp.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(rp, {
      id_token_hint: idToken,
      post_logout_redirect_uri: new URL('/', config.publicUrl).href,
      ui_locales: uiLocales,
    });
  }

  async function verifyLogoutToken(token: string): Promise<VerifiedLogout> {
    if (!verifyLogout) {
      const metadata = (await configuration()).serverMetadata();
      if (!metadata.jwks_uri) throw new HubUnavailableError('the hub publishes no jwks_uri');
      verifyLogout = logoutTokenVerifier({
        issuer: metadata.issuer,
        clientId: config.clientId,
        keys: createRemoteJWKSet(new URL(metadata.jwks_uri)),
        algorithms: metadata.id_token_signing_alg_values_supported ?? ['RS256'],
        now: deps.now,
      });
    }
    return verifyLogout(token);
  }

  return { configuration, startAuthorization, completeAuthorization, endSessionUrl, verifyLogoutToken };
}

export type RelyingParty = ReturnType<typeof relyingParty>;

function asHubError(error: unknown): Error {
  if (error instanceof HubAnswerError || error instanceof HubUnavailableError) return error;
  if (error instanceof oidc.AuthorizationResponseError)
    return new HubAnswerError(error.error, false, error.message);
  if (error instanceof oidc.ResponseBodyError) {
    // invalid_grant (a replayed or expired code) and the like: the hub refused what this browser brought.
    return new HubAnswerError(error.error, true, error.message);
  }
  if (error instanceof TypeError && /fetch failed/.test(error.message))
    return new HubUnavailableError(error.message);
  // openid-client's own checks (state, nonce, signature, issuer, audience): the answer is not trusted.
  return new HubAnswerError('invalid_response', true, messageOf(error));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
