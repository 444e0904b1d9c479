/**
 * Conformance-style tests of the hub's OpenID Provider, modelled on the OpenID Foundation's Basic OP and Config OP
 * test plans: each test names the plan item it covers. openid-client is the relying party, over real HTTP; the
 * citizen is registered and signed in through the hub's own API. Both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { client, codeFlow, conformanceClientEnv, discover, signedInCitizen } from './rp.ts';

for (const variant of storeVariants) {
  describe(`Basic OP (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    before(async () => {
      hub = await startTestSystem(variant.name, conformanceClientEnv());
    });
    after(() => hub.close());

    it('OP-Discovery-Config: the issuer is the hub itself, with code flow, PKCE S256 and prompt=create', async () => {
      const config = await discover(hub.url);
      const metadata = config.serverMetadata();
      assert.equal(metadata.issuer, hub.url);
      assert.deepEqual(metadata.response_types_supported, ['code']);
      assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
      assert.ok(metadata.pushed_authorization_request_endpoint);
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
    });

    it('OP-Response-code + OP-scope-profile: a signed-in citizen gets a code, an ID token and the claims', async () => {
      const config = await discover(hub.url);
      const { browser, accountId, identity } = await signedInCitizen(hub.url);
      const { tokens, claims } = await codeFlow(config, browser, hub.url, {
        scope: 'openid profile citizen_id phone',
      });
      assert.equal(claims.sub, accountId, 'sub is the opaque account id');
      assert.notEqual(claims.sub, identity.idNumber);
      assert.equal(claims.acr, 'LoA1');
      assert.deepEqual(claims.amr, ['pwd']);
      assert.equal(typeof claims.auth_time, 'number');
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.equal(info.HoVaTen, identity.fullName);
      assert.equal(info.NgayThangNamSinh, identity.birthDate.replaceAll('-', ''));
      assert.equal(info.SoDinhDanh, identity.idNumber);
      assert.equal(info.SoDienThoai, `0${identity.phoneNumber.slice(3)}`);
      assert.equal(info.LoaiTaiKhoan, '1');
      assert.equal(info.GioiTinh, 'Nữ');
    });
  });
}
