/**
 * Conformance-style tests of the hub's OpenID Provider, modelled on the OpenID Foundation's Basic OP test plan:
 * each test names the plan item it covers (the python suite's ids, OP-…), or says "Beyond the plans" and names the
 * specification clause or hub.md rule it checks instead. openid-client is the relying party, over real HTTP; the
 * citizen is registered and signed in through the hub's own API. Both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoSecretsIn, STRONG_PASSWORD, usedIdentities } from '../support/journey.ts';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import {
  authorizationRequest,
  Browser,
  client,
  codeFlow,
  conformanceClientEnv,
  discover,
  RP_REDIRECT,
  RP_SECRET,
  signedInCitizen,
} from './rp.ts';

for (const variant of storeVariants) {
  describe(`Basic OP (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    let config: client.Configuration;
    let citizen: Awaited<ReturnType<typeof signedInCitizen>>;
    before(async () => {
      hub = await startTestSystem(variant.name, conformanceClientEnv());
      config = await discover(hub.url);
      citizen = await signedInCitizen(hub.url);
    });
    after(() => hub.close());

    /** The authorization response's error, for requests the hub answers by redirecting back. */
    async function errorOf(params: Record<string, string>, browser = citizen.browser) {
      const request = await authorizationRequest(config, params);
      const { location } = await browser.follow(request.url, hub.url);
      assert.ok(location, 'the hub redirected back to the RP');
      assert.equal(location.origin + location.pathname, RP_REDIRECT);
      // A response type of the implicit family answers in the fragment, as its response mode says.
      const answer = location.hash ? new URLSearchParams(location.hash.slice(1)) : location.searchParams;
      assert.equal(answer.get('state'), request.state, 'state is returned with the error');
      return answer.get('error');
    }

    it('OP-Response-code: a signed-in citizen gets a code for the registered redirect URI, with state', async () => {
      const { location, request } = await codeFlow(config, citizen.browser, hub.url);
      assert.equal(location.origin + location.pathname, RP_REDIRECT);
      assert.equal(location.searchParams.get('state'), request.state);
      assert.equal(location.searchParams.get('iss'), hub.url);
    });

    it('OP-nonce-code: the ID token carries the nonce of the request, and sub, acr, amr, auth_time', async () => {
      const { claims, request } = await codeFlow(config, citizen.browser, hub.url);
      assert.equal(claims.nonce, request.nonce);
      assert.equal(claims.sub, citizen.accountId, 'sub is the opaque account id');
      assert.notEqual(claims.sub, citizen.identity.idNumber);
      assert.equal(claims.acr, 'LoA1');
      assert.deepEqual(claims.amr, ['pwd']);
      assert.equal(typeof claims.auth_time, 'number');
      assert.ok(Math.abs((claims.auth_time as number) - hub.clock.now().getTime() / 1000) < 60);
    });

    it('OP-scope-profile, OP-scope-phone, and the hub’s citizen_id: userinfo gives the claims of the granted scopes, as strings', async () => {
      const { identity } = citizen;
      const { tokens, claims } = await codeFlow(config, citizen.browser, hub.url, {
        scope: 'openid profile citizen_id phone',
      });
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.deepEqual(
        { ...info, loAs: undefined },
        {
          sub: citizen.accountId,
          HoVaTen: identity.fullName,
          NgayThangNamSinh: identity.birthDate.replaceAll('-', ''),
          GioiTinh: 'Nữ',
          LoaiTaiKhoan: '1',
          SoDinhDanh: identity.idNumber,
          SoDienThoai: `0${identity.phoneNumber.slice(3)}`,
          loAs: undefined,
        },
      );
      assert.deepEqual((info.loAs as Array<{ claim: string }>).map((entry) => entry.claim).sort(), [
        'HoVaTen',
        'NgayThangNamSinh',
        'SoDienThoai',
        'SoDinhDanh',
      ]);
      for (const entry of info.loAs as Array<{ level: number; src: string }>)
        assert.deepEqual(entry, { ...entry, level: 2, src: 'CARRIER' });
    });

    it('OP-UserInfo-Endpoint: with openid alone, userinfo (GET, bearer header) says who and nothing personal', async () => {
      const { tokens, claims } = await codeFlow(config, citizen.browser, hub.url, { scope: 'openid' });
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.deepEqual(info, { sub: citizen.accountId });
    });

    it('OP-claims-essential: a claim asked for with the claims parameter comes in the ID token', async () => {
      const { claims } = await codeFlow(config, citizen.browser, hub.url, {
        scope: 'openid profile',
        claims: JSON.stringify({ id_token: { HoVaTen: null } }),
      });
      assert.equal(claims.HoVaTen, citizen.identity.fullName);
      assert.equal(claims.SoDinhDanh, undefined, 'nothing of a scope not granted');
    });

    it('Beyond the plans (RFC 9126, PAR): an authorization pushed first is answered the same way', async () => {
      const verifier = client.randomPKCECodeVerifier();
      const url = await client.buildAuthorizationUrlWithPAR(config, {
        redirect_uri: RP_REDIRECT,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      assert.ok(url.searchParams.get('request_uri')?.startsWith('urn:ietf:params:oauth:request_uri:'));
      const { location } = await citizen.browser.follow(url, hub.url);
      assert.ok(location);
      const tokens = await client.authorizationCodeGrant(config, location, { pkceCodeVerifier: verifier });
      assert.equal(tokens.claims()?.sub, citizen.accountId);
    });

    it('Beyond the plans (RFC 7636 §4.4.1, PKCE required): a request without code_challenge is refused with invalid_request', async () => {
      assert.equal(await errorOf({ code_challenge: '', code_challenge_method: '' }), 'invalid_request');
    });

    it('Beyond the plans (RFC 7636 §4.4.1, S256 only): the plain method is refused with invalid_request', async () => {
      assert.equal(
        await errorOf({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }),
        'invalid_request',
      );
    });

    it('Beyond the plans (RFC 7636 §4.6): a wrong code_verifier at the token endpoint is invalid_grant', async () => {
      const request = await authorizationRequest(config);
      const { location } = await citizen.browser.follow(request.url, hub.url);
      assert.ok(location);
      await assert.rejects(
        client.authorizationCodeGrant(config, location, {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
          expectedState: request.state,
        }),
        (error: { error?: string }) => error.error === 'invalid_grant',
      );
    });

    it('Beyond the plans (RFC 7636 §4.6): a code redeemed without its code_verifier is invalid_grant', async () => {
      const request = await authorizationRequest(config);
      const { location } = await citizen.browser.follow(request.url, hub.url);
      const code = location?.searchParams.get('code');
      assert.ok(code, 'the hub gave a code');
      const token = await fetch(config.serverMetadata().token_endpoint!, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`conformance:${RP_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: RP_REDIRECT,
        }).toString(),
      });
      assert.equal(token.status, 400);
      assert.equal(((await token.json()) as { error: string }).error, 'invalid_grant');
    });

    it('OP-OAuth-2nd, OP-OAuth-2nd-Revokes: a code used twice is refused, and the tokens it issued are revoked', async () => {
      const { tokens, location, request } = await codeFlow(config, citizen.browser, hub.url);
      await assert.rejects(
        client.authorizationCodeGrant(config, location, {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
          expectedNonce: request.nonce,
        }),
        (error: { error?: string }) => error.error === 'invalid_grant',
      );
      const userinfo = await fetch(`${hub.url}/oidc/me`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      assert.equal(userinfo.status, 401, 'the access token of the first redemption no longer works');
    });

    it('Beyond the plans (RFC 6749 §4.1.2, codes live 60 s): a code redeemed after its 60 seconds is invalid_grant (by the injected clock)', async () => {
      const request = await authorizationRequest(config);
      const { location } = await citizen.browser.follow(request.url, hub.url);
      assert.ok(location);
      hub.clock.advance(61_000);
      await assert.rejects(
        client.authorizationCodeGrant(config, location, {
          pkceCodeVerifier: request.verifier,
          expectedState: request.state,
        }),
        (error: { error?: string }) => error.error === 'invalid_grant',
      );
    });

    it('OP-redirect_uri-NotReg: an unregistered redirect URI gets a 400 page at the hub, never a redirect', async () => {
      for (const [language, title] of [
        ['vi', 'Không thể tiếp tục đăng nhập'],
        ['en', 'Sign-in cannot continue'],
      ] as const) {
        const request = await authorizationRequest(config, { redirect_uri: 'http://127.0.0.1:9/evil' });
        const response = await new Browser().get(request.url, { headers: { 'accept-language': language } });
        assert.equal(response.status, 400);
        assert.equal(response.headers.get('location'), null);
        const html = await response.text();
        assert.match(html, new RegExp(`<html lang="${language}"`));
        assert.ok(html.includes(title), html);
        assert.ok(html.includes('invalid_redirect_uri'));
      }
    });

    it('OP-redirect_uri-Query-Added, and other near misses: exact matching, a 400 page at the hub, never a redirect', async () => {
      for (const redirectUri of [
        `${RP_REDIRECT}?foo=bar`,
        `${RP_REDIRECT}/`,
        'http://127.0.0.1:9/auth/Callback',
        'http://127.0.0.1:90/auth/callback',
        'http://localhost:9/auth/callback',
        'https://127.0.0.1:9/auth/callback',
        `${RP_REDIRECT}#fragment`,
      ]) {
        const request = await authorizationRequest(config, { redirect_uri: redirectUri });
        const response = await citizen.browser.get(request.url, { headers: { 'accept-language': 'en' } });
        assert.equal(response.status, 400, redirectUri);
        assert.equal(response.headers.get('location'), null, redirectUri);
        assert.ok((await response.text()).includes('Sign-in cannot continue'), redirectUri);
      }
    });

    it('Beyond the plans (RFC 6749 §4.1.2.1, unknown client): a 400 page at the hub, never a redirect', async () => {
      const url = new URL(
        (await authorizationRequest(config)).url.href.replace('client_id=conformance', 'client_id=nobody'),
      );
      const response = await new Browser().get(url, { headers: { 'accept-language': 'en' } });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
      assert.match(await response.text(), /not registered with the identity hub/);
    });

    it('OP-Response-Missing, and a response type not offered: the error is redirected back with state', async () => {
      const request = await authorizationRequest(config);
      request.url.searchParams.delete('response_type');
      const { location, page } = await citizen.browser.follow(request.url, hub.url);
      assert.equal(page, undefined, `no page at the hub: ${page?.status}`);
      assert.ok(location, 'the hub redirected back to the RP');
      assert.equal(location.origin + location.pathname, RP_REDIRECT);
      assert.equal(location.searchParams.get('error'), 'invalid_request');
      assert.equal(location.searchParams.get('state'), request.state);
      assert.equal(location.searchParams.get('code'), null);
      assert.equal(await errorOf({ response_type: 'id_token' }), 'unsupported_response_type');
    });

    it('Beyond the plans (hostile input): oversized parameters and garbage are a 4xx, never a 5xx', async () => {
      const request = await authorizationRequest(config, {
        state: 'x'.repeat(6000),
        nonce: '\u0000<script>',
      });
      const response = await new Browser().get(request.url);
      assert.ok(response.status < 500, String(response.status));
      const token = await fetch(`${hub.url}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code&code=%%%',
      });
      assert.ok(token.status >= 400 && token.status < 500, String(token.status));
      const interaction = await fetch(`${hub.url}/oidc/interaction/not-a-real-one`);
      assert.equal(interaction.status, 400);
      const hostile: Array<[string, string, RequestInit]> = [
        ['PUT', '/oidc/auth', {}],
        ['GET', '/oidc/no-such-endpoint', {}],
        [
          'POST',
          '/oidc/reg',
          { headers: { 'content-type': 'application/json' }, body: '{"redirect_uris": [' },
        ],
        ['POST', '/oidc/token', { headers: { 'content-type': 'application/json' }, body: '[]' }],
        ['POST', '/oidc/request', { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(200_000) }],
        ['GET', '/oidc/me', { headers: { authorization: 'Bearer not-a-token' } }],
      ];
      for (const [method, path, init] of hostile) {
        const answer = await fetch(`${hub.url}${path}`, { method, ...init });
        assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${path}: ${answer.status}`);
      }
    });

    it('Beyond the plans (no personal data in logs): no ID number, phone number, code or password in the logs', () => {
      assert.ok(usedIdentities.length > 0 && hub.log.lines.length > 0);
      assertNoSecretsIn(hub.log.text(), [STRONG_PASSWORD]);
    });
  });
}
