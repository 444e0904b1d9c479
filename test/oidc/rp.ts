/**
 * A relying party for the conformance tests: openid-client over real HTTP against the in-process hub, a browser
 * stand-in that follows the hub's redirects with its own cookie jar (the hub's `sid` and the provider's cookies)
 * and stops where the hub sends it back to the RP, and the citizen signed in through the real sign-in API.
 */
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import {
  type Identity,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
} from '../support/journey.ts';
import { call } from '../support/system.ts';

export const RP_REDIRECT = 'http://127.0.0.1:9/auth/callback';
export const RP_SECRET = 'conformance-rp-secret-0123456789abcdef';

/** A first-party client like the portals, registered through OIDC_CLIENTS; start the hub with this env. */
export function conformanceClientEnv(extra: Record<string, unknown>[] = []) {
  return {
    OIDC_CLIENTS: JSON.stringify([
      {
        client_id: 'conformance',
        client_secret: RP_SECRET,
        redirect_uris: [RP_REDIRECT],
        post_logout_redirect_uris: ['http://127.0.0.1:9/'],
        first_party: true,
      },
      ...extra,
    ]),
  };
}

export async function discover(issuer: string, clientId = 'conformance', secret = RP_SECRET) {
  return client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(secret), {
    execute: [client.allowInsecureRequests],
  });
}

/** Cookies by name, as a browser keeps them for the hub's host (paths are ignored: the tests stay on one host). */
export class Browser {
  readonly cookies = new Map<string, string>();

  async get(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line);
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return response;
  }

  /**
   * Follows the hub's redirects from `start` until one leaves the hub (the RP's redirect URI) or a page is shown.
   * Returns that address, or the page's response.
   */
  async follow(
    start: string | URL,
    hub: string,
  ): Promise<{ location?: URL; page?: Response; visited: string[] }> {
    let next = new URL(start);
    const visited: string[] = [];
    for (let hop = 0; hop < 10; hop++) {
      visited.push(next.pathname);
      const response = await this.get(next);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { page: response, visited };
      next = new URL(location, next);
      if (next.origin !== new URL(hub).origin) return { location: next, visited };
    }
    throw new Error(`too many redirects: ${visited.join(' → ')}`);
  }
}

/** A registered citizen signed in at the hub in this browser through the real sign-in API. */
export async function signedInCitizen(hub: string, browser = new Browser()) {
  const identity: Identity = newIdentity();
  await registerSubscriber(hub, identity);
  const { accountId } = await registerCompletely(hub, identity);
  await signIn(hub, browser, identity);
  return { identity, accountId, browser };
}

export async function signIn(hub: string, browser: Browser, identity: Identity) {
  const response = await browser.get(`${hub}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: identity.idNumber, password: STRONG_PASSWORD }),
  });
  assert.equal(response.status, 201, await response.text());
}

export interface Authorization {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationRequest(
  config: client.Configuration,
  params: Record<string, string> = {},
): Promise<Authorization> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: RP_REDIRECT,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  return { url, verifier, state, nonce };
}

/** Authorize with the browser's session and redeem the code: the whole code flow. */
export async function codeFlow(
  config: client.Configuration,
  browser: Browser,
  hub: string,
  params: Record<string, string> = {},
) {
  const request = await authorizationRequest(config, params);
  const { location } = await browser.follow(request.url, hub);
  assert.ok(location, 'the hub sent the browser back to the RP');
  const tokens = await client.authorizationCodeGrant(config, location, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
  });
  return { tokens, claims: tokens.claims()!, location, request };
}

export { call, client };
