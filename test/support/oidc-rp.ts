/**
 * The interaction pages as a citizen's browser meets them in an authorization: on top of the conformance suite's
 * relying party and browser (test/oidc/rp.ts), reading a page's CSRF token and posting its forms, and following
 * the hub's redirects after a form until the portal gets its answer or a page is shown.
 */
import assert from 'node:assert/strict';
import {
  type Authorization,
  authorizationRequest,
  type Browser,
  client,
  conformanceClientEnv,
  RP_REDIRECT,
  RP_SECRET,
} from '../oidc/rp.ts';

/** The hub with the national portal as a first-party client whose redirect URI the tests read. */
export const nationalPortalEnv = (others: Record<string, unknown>[] = []) =>
  conformanceClientEnv([
    {
      client_id: 'national',
      client_secret: RP_SECRET,
      redirect_uris: [RP_REDIRECT],
      post_logout_redirect_uris: ['http://127.0.0.1:9/'],
      first_party: true,
    },
    ...others,
  ]);

export interface Page {
  url: URL;
  status: number;
  html: string;
}

/** Where a step of the authorization ended: back at the portal (its redirect URI), or on a hub page. */
export type Landing = { portal: URL; page?: undefined } | { page: Page; portal?: undefined };

/** Follows the hub's redirects from an answer until one leaves the hub or a page is shown. */
async function land(browser: Browser, hub: string, response: Response, from: URL): Promise<Landing> {
  let current = response;
  let at = from;
  for (let hop = 0; hop < 12; hop++) {
    const location = current.headers.get('location');
    if (current.status < 300 || current.status >= 400 || !location)
      return { page: { url: at, status: current.status, html: await current.text() } };
    at = new URL(location, at);
    if (at.origin !== new URL(hub).origin) return { portal: at };
    current = await browser.get(at);
  }
  throw new Error('too many redirects');
}

export function visit(browser: Browser, hub: string, url: string | URL): Promise<Landing> {
  const at = new URL(url, hub);
  return browser.get(at).then((response) => land(browser, hub, response, at));
}

/** Posts a form of the page (its CSRF token added) to `action`, then follows the hub's redirects. */
export async function submit(
  browser: Browser,
  hub: string,
  page: Page,
  action: string,
  fields: Record<string, string> = {},
): Promise<Landing> {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
  assert.ok(csrf, `the page ${page.url.pathname} has a CSRF token`);
  const at = new URL(action, page.url);
  const response = await browser.get(at, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
  return land(browser, hub, response, at);
}

/** The page a landing must be; its body's text for assertions. */
export function pageOf(landing: Landing): Page {
  assert.ok(landing.page, `expected a hub page, the browser went back to ${landing.portal?.href}`);
  return landing.page;
}

export function portalOf(landing: Landing): URL {
  assert.ok(landing.portal, `expected the portal's redirect URI, got the page ${landing.page?.url.pathname}`);
  return landing.portal;
}

/** The form of the page whose action ends with `suffix`. */
export function formAction(page: Page, suffix: string): string {
  const actions = [...page.html.matchAll(/<form[^>]*action="([^"]+)"/g)].map((match) => match[1] ?? '');
  const action = actions.find((candidate) => candidate.endsWith(suffix));
  assert.ok(
    action,
    `the page ${page.url.pathname} has a form posting to …${suffix} (has ${actions.join(', ')})`,
  );
  return action.replaceAll('&amp;', '&');
}

/** Starts an authorization in the browser: the first landing (a hub page, or the portal at once). */
export async function authorize(
  config: client.Configuration,
  browser: Browser,
  hub: string,
  params: Record<string, string> = {},
): Promise<{ request: Authorization; landing: Landing }> {
  const request = await authorizationRequest(config, params);
  return { request, landing: await visit(browser, hub, request.url) };
}

/** Redeems the code the portal received for tokens and the ID token's claims. */
export async function redeem(config: client.Configuration, request: Authorization, portal: URL) {
  const tokens = await client.authorizationCodeGrant(config, portal, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
  });
  return { tokens, claims: tokens.claims()! };
}

/** The visible text of a page, tags removed, for assertions on what the citizen reads. */
export const textOf = (page: Page) =>
  page.html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
