/**
 * Conformance-style tests modelled on the OpenID Foundation's Config OP and Basic OP plans: discovery, the JWKS and
 * the ID token's signature, key rotation, client authentication with private_key_jwt, Dynamic Client Registration
 * (open in dev), and the prompts (`none`, `login`, `max_age`, `acr_values`). Each test names the plan item it
 * covers (the python suite's ids, OP-…), or says "Beyond the plans" and names what it checks instead. Both store
 * variants.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { generateSigningKeys } from '../../src/config/oidc-config.ts';
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

const rpKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const JWT_CLIENT = {
  client_id: 'conformance-jwt',
  jwks: { keys: [{ ...rpKeys.publicKey.export({ format: 'jwk' }), kid: 'rp-1', alg: 'ES256', use: 'sig' }] },
  redirect_uris: [RP_REDIRECT],
  first_party: true,
};

const ES256_CLIENT = {
  client_id: 'conformance-es256',
  client_secret: 'conformance-es256-secret-0123456789',
  redirect_uris: [RP_REDIRECT],
  id_token_signed_response_alg: 'ES256',
  first_party: true,
};

for (const variant of storeVariants) {
  describe(`Config OP and prompts (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    let config: client.Configuration;
    before(async () => {
      hub = await startTestSystem(variant.name, conformanceClientEnv([JWT_CLIENT, ES256_CLIENT]));
      config = await discover(hub.url);
    });
    after(() => hub.close());

    /** Where the hub sends a browser for this request: back to the RP (with its answer) or to one of its pages. */
    async function outcome(browser: Browser, params: Record<string, string>) {
      const request = await authorizationRequest(config, params);
      const { location, visited } = await browser.follow(request.url, hub.url);
      return { location, visited, error: location?.searchParams.get('error') ?? undefined };
    }

    it('OP-Discovery-Config: the issuer is the hub itself, code flow only, PKCE S256, PAR and prompt=create', () => {
      const metadata = config.serverMetadata();
      assert.equal(metadata.issuer, hub.url);
      assert.deepEqual(metadata.response_types_supported, ['code']);
      assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
      assert.equal(metadata.pushed_authorization_request_endpoint, `${hub.url}/oidc/request`);
      assert.deepEqual([...(metadata.token_endpoint_auth_methods_supported ?? [])].sort(), [
        'client_secret_basic',
        'private_key_jwt',
      ]);
      assert.ok((metadata.prompt_values_supported as string[]).includes('create'));
      assert.deepEqual(metadata.acr_values_supported, ['LoA1', 'LoA2']);
      assert.deepEqual([...(metadata.id_token_signing_alg_values_supported ?? [])].sort(), [
        'ES256',
        'RS256',
      ]);
      for (const scope of ['openid', 'profile', 'citizen_id', 'phone'])
        assert.ok(metadata.scopes_supported?.includes(scope));
      for (const claim of ['HoVaTen', 'SoDinhDanh', 'loAs', 'acr', 'amr'])
        assert.ok(metadata.claims_supported?.includes(claim), claim);
      assert.equal(metadata.registration_endpoint, `${hub.url}/oidc/reg`, 'open in dev');
      assert.equal(metadata.backchannel_logout_supported, true);
      assert.ok(metadata.end_session_endpoint);
    });

    it('OP-Discovery-Config: grant types are only what the provider does; no refresh token is ever issued', async () => {
      const metadata = config.serverMetadata();
      assert.deepEqual(metadata.grant_types_supported, ['authorization_code']);
      assert.ok(!metadata.scopes_supported?.includes('offline_access'));

      const { browser } = await signedInCitizen(hub.url);
      const { tokens } = await codeFlow(config, browser, hub.url);
      assert.equal(tokens.refresh_token, undefined);

      const refresh = await fetch(metadata.token_endpoint!, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`conformance:${RP_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'made-up' }).toString(),
      });
      assert.equal(refresh.status, 400);
      assert.equal(((await refresh.json()) as { error: string }).error, 'unsupported_grant_type');

      const registered = await fetch(metadata.registration_endpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: [RP_REDIRECT],
          grant_types: ['authorization_code', 'refresh_token'],
        }),
      });
      assert.equal(registered.status, 400, 'a client cannot register for refresh tokens');
      assert.equal(((await registered.json()) as { error: string }).error, 'invalid_client_metadata');
    });

    it('OP-Discovery-JWKs: RS256 and ES256 public keys, each with a kid, nothing private', async () => {
      const jwks = (await (await fetch(config.serverMetadata().jwks_uri!)).json()) as {
        keys: Array<Record<string, string>>;
      };
      assert.deepEqual(jwks.keys.map((key) => key.alg).sort(), ['ES256', 'RS256']);
      for (const key of jwks.keys) {
        assert.ok(key.kid);
        assert.equal(key.d, undefined, 'no private part');
      }
    });

    it('OP-IDToken-RS256: the ID token is signed with the first published key and verifies against the JWKS', async () => {
      const { browser } = await signedInCitizen(hub.url);
      const { tokens } = await codeFlow(config, browser, hub.url);
      const header = decodeProtectedHeader(tokens.id_token!);
      assert.equal(header.alg, 'RS256');
      const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
      const { payload } = await jwtVerify(tokens.id_token!, jwks, {
        issuer: hub.url,
        audience: 'conformance',
      });
      assert.ok(payload.sub);
    });

    it('OP-IDToken-ES256: a client registered for ES256 gets ID tokens signed with the EC key', async () => {
      const es256 = await discover(hub.url, ES256_CLIENT.client_id, ES256_CLIENT.client_secret);
      const { browser } = await signedInCitizen(hub.url);
      const { tokens } = await codeFlow(es256, browser, hub.url);
      assert.equal(decodeProtectedHeader(tokens.id_token!).alg, 'ES256');
      const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
      await jwtVerify(tokens.id_token!, jwks, { issuer: hub.url, audience: ES256_CLIENT.client_id });
    });

    it('OP-ClientAuth-PrivateJWT: a client that authenticates with its own key redeems its code', async () => {
      const jwtConfig = await client.discovery(
        new URL(hub.url),
        'conformance-jwt',
        undefined,
        client.PrivateKeyJwt({
          key: await webcrypto.subtle.importKey(
            'jwk',
            rpKeys.privateKey.export({ format: 'jwk' }),
            { name: 'ECDSA', namedCurve: 'P-256' },
            false,
            ['sign'],
          ),
          kid: 'rp-1',
        }),
        { execute: [client.allowInsecureRequests] },
      );
      const { browser, accountId } = await signedInCitizen(hub.url);
      const { claims } = await codeFlow(jwtConfig, browser, hub.url);
      assert.equal(claims.sub, accountId);
    });

    it('OP-ClientAuth-Basic-Static: a wrong secret is invalid_client (the right one is every other test’s flow)', async () => {
      const wrong = await discover(hub.url, 'conformance', 'not-the-secret-at-all');
      const { browser } = await signedInCitizen(hub.url);
      await assert.rejects(
        codeFlow(wrong, browser, hub.url),
        (error: { status?: number; cause?: unknown }) => {
          assert.equal(error.status, 401);
          assert.match(JSON.stringify(error.cause), /invalid_client/);
          return true;
        },
      );
    });

    it('OP-prompt-none-NotLoggedIn: without a hub session, prompt=none is login_required', async () => {
      assert.equal((await outcome(new Browser(), { prompt: 'none' })).error, 'login_required');
    });

    it('OP-prompt-none-LoggedIn: with a hub session, prompt=none gets a code without a page', async () => {
      const { browser } = await signedInCitizen(hub.url);
      const answer = await outcome(browser, { prompt: 'none' });
      assert.ok(answer.location?.searchParams.get('code'));
    });

    it('OP-Response-code without a hub session: the citizen is sent to the hub sign-in page for this authorization', async () => {
      const answer = await outcome(new Browser(), {});
      assert.ok(
        answer.visited.some((path) => /^\/oidc\/interaction\/[\w-]+\/login$/.test(path)),
        answer.visited.join(' → '),
      );
    });

    it('OP-prompt-login: a signed-in citizen is asked to sign in again', async () => {
      const { browser } = await signedInCitizen(hub.url);
      await outcome(browser, {});
      const answer = await outcome(browser, { prompt: 'login' });
      assert.equal(answer.location, undefined);
      assert.ok(
        answer.visited.some((path) => /^\/oidc\/interaction\/[\w-]+\/login$/.test(path)),
        answer.visited.join(' → '),
      );
    });

    it('OP-Req-max_age=1, and max_age=0: authentication older than that means signing in again', async () => {
      for (const maxAge of ['1', '0']) {
        const { browser } = await signedInCitizen(hub.url);
        hub.clock.advance(2000);
        const answer = await outcome(browser, { max_age: maxAge });
        assert.equal(answer.location, undefined, `max_age=${maxAge}`);
        assert.ok(
          answer.visited.some((path) => /^\/oidc\/interaction\/[\w-]+\/login$/.test(path)),
          answer.visited.join(' → '),
        );
      }
    });

    it('OP-Req-max_age=10000: a recent sign-in is enough', async () => {
      const { browser } = await signedInCitizen(hub.url);
      const answer = await outcome(browser, { max_age: '10000' });
      assert.ok(answer.location?.searchParams.get('code'));
    });

    it('OP-Req-acr_values: LoA2 on a LoA1 session is the step-up page, with prompt=none interaction_required', async () => {
      const { browser } = await signedInCitizen(hub.url);
      assert.ok((await outcome(browser, {})).location?.searchParams.get('code'), 'LoA1 single sign-on first');
      const stepUp = await outcome(browser, { acr_values: 'LoA2' });
      assert.ok(
        stepUp.visited.some((path) => /^\/oidc\/interaction\/[\w-]+\/step-up$/.test(path)),
        stepUp.visited.join(' → '),
      );
      assert.equal(
        (await outcome(browser, { acr_values: 'LoA2', prompt: 'none' })).error,
        'interaction_required',
      );
      assert.ok((await outcome(browser, { acr_values: 'LoA1 LoA2' })).location?.searchParams.get('code'));
    });

    it('OP-prompt-none-NotLoggedIn after signing out at the hub: single sign-on has ended, login_required', async () => {
      const { browser } = await signedInCitizen(hub.url);
      assert.ok((await outcome(browser, { prompt: 'none' })).location?.searchParams.get('code'));
      const signedOut = await browser.get(`${hub.url}/api/v1/sessions/current`, { method: 'DELETE' });
      assert.equal(signedOut.status, 204);
      assert.equal((await outcome(browser, { prompt: 'none' })).error, 'login_required');
    });

    it('Beyond the plans (Initiating User Registration 1.0): prompt=create is the registration chooser for this authorization', async () => {
      const answer = await outcome(new Browser(), { prompt: 'create' });
      assert.ok(
        answer.visited.some((path) => /^\/oidc\/interaction\/[\w-]+\/register$/.test(path)),
        answer.visited.join(' → '),
      );
    });

    it('OP-Registration-Dynamic (dev): a client registers itself, is not first-party, and its citizens are asked consent', async () => {
      const registered = await client.dynamicClientRegistration(
        new URL(hub.url),
        { redirect_uris: [RP_REDIRECT], token_endpoint_auth_method: 'client_secret_basic' },
        undefined,
        { execute: [client.allowInsecureRequests] },
      );
      assert.ok(registered.clientMetadata().client_secret);
      const { browser } = await signedInCitizen(hub.url);
      const request = await authorizationRequest(registered);
      const { visited } = await browser.follow(request.url, hub.url);
      assert.ok(
        visited.some((path) => /^\/oidc\/interaction\/[\w-]+\/consent$/.test(path)),
        visited.join(' → '),
      );
    });
  });
}

for (const variant of storeVariants) {
  describe(`OP-Rotation-OP-Sig: tokens signed with the old key verify while it is still published (${variant.name})`, {
    skip: variant.skip,
  }, () => {
    const [oldRsa, oldEc] = generateSigningKeys('old');
    const [newRsa, newEc] = generateSigningKeys('new');
    let before1: TestSystem | undefined;
    let after1: TestSystem | undefined;
    after(async () => {
      await before1?.close();
      await after1?.close();
    });

    it('signs with the first key, publishes the rest, keeps verifying old tokens after the rotation, and signs new ones with the new key', async () => {
      before1 = await startTestSystem(variant.name, {
        ...conformanceClientEnv(),
        OIDC_SIGNING_KEYS: JSON.stringify({ keys: [oldRsa, oldEc] }),
      });
      const oldConfig = await discover(before1.url);
      const oldToken = (await codeFlow(oldConfig, (await signedInCitizen(before1.url)).browser, before1.url))
        .tokens.id_token!;
      assert.equal(decodeProtectedHeader(oldToken).kid, oldRsa!.kid);
      const issuer = before1.url;
      await before1.close();
      before1 = undefined;

      // The rotation: the new key signs, the old one is still published. The same issuer: the same address.
      after1 = await startTestSystem(variant.name, {
        ...conformanceClientEnv(),
        PORT: new URL(issuer).port,
        OIDC_SIGNING_KEYS: JSON.stringify({ keys: [newRsa, newEc, oldRsa, oldEc] }),
      });
      const jwks = createRemoteJWKSet(new URL(`${after1.url}/oidc/jwks`));
      const verified = await jwtVerify(oldToken, jwks, { issuer, audience: 'conformance' });
      assert.equal(verified.protectedHeader.kid, oldRsa!.kid);
      const published = (await (await fetch(`${after1.url}/oidc/jwks`)).json()) as {
        keys: Array<{ kid: string }>;
      };
      assert.deepEqual(
        published.keys.map((key) => key.kid),
        [newRsa!.kid, newEc!.kid, oldRsa!.kid, oldEc!.kid],
      );

      const newConfig = await discover(after1.url);
      const newToken = (await codeFlow(newConfig, (await signedInCitizen(after1.url)).browser, after1.url))
        .tokens.id_token!;
      const fresh = await jwtVerify(newToken, jwks, { issuer, audience: 'conformance' });
      assert.equal(fresh.protectedHeader.kid, newRsa!.kid, 'the new key signs after the rotation');
    });
  });
}
