/**
 * PostID as an OpenID Provider, driven by openid-client as the hub drives it: discovery, code + PKCE S256 with
 * client_secret_basic, the login interaction on PostID's page, the ID token (sub, nonce, acr) and the userinfo
 * claims per approval state; a wrong redirect URI and a missing PKCE refused; the outage and latency switches.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { call, startTestSystem, type TestSystem } from '../support/system.ts';
import { csrfOf, PageAgent } from './agent.ts';

describe('PostID OpenID Provider', () => {
  let test: TestSystem;
  let issuer: string;
  let config: oidc.Configuration;
  let redirectUri: string;

  before(async () => {
    test = await startTestSystem('embedded');
    const postId = test.system.simulators!.postId;
    issuer = postId.issuer;
    redirectUri = `${test.url}/vnpost/callback`;
    config = await oidc.discovery(
      new URL(issuer),
      postId.client.clientId,
      postId.client.clientSecret,
      oidc.ClientSecretBasic(postId.client.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
  });
  after(() => test.close());

  const account = async (status: string, suffix: string, extra: { reason?: string } = {}) => {
    const body = {
      username: `citizen.${suffix}`,
      password: 'Secret-pass-1',
      fullName: 'Trần Thị Bưu',
      birthDate: '1991-03-04',
      idNumber: `00119100${suffix.padStart(4, '0').slice(-4)}`,
      phoneNumber: '0912000111',
      sex: 'F',
      status,
      ...extra,
    };
    const created = await call(test.url, 'POST', '/sim/postid/accounts', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { ...body, subject: String(created.body.subject) };
  };

  /** Authorize → PostID's login page → password → back at the hub's callback with a code; then token + userinfo. */
  async function signInThroughPostId(username: string, password: string) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile phone',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const agent = new PageAgent();
    const authorize = await agent.request(url.href);
    assert.equal(authorize.status, 303);
    assert.match(authorize.location!, /\/interaction\//);
    const login = await agent.submit(authorize.location!, `${new URL(authorize.location!).pathname}/login`, {
      username,
      password,
    });
    assert.equal(login.status, 303, login.body.slice(0, 300));
    const resumed = await agent.request(login.location!);
    assert.equal(resumed.status, 303);
    assert.ok(resumed.location!.startsWith(redirectUri), resumed.location);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(resumed.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims()!;
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    return { claims, userinfo, agent };
  }

  it('publishes discovery with PKCE S256 and client_secret_basic', () => {
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, issuer);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    assert.ok(metadata.token_endpoint_auth_methods_supported?.includes('client_secret_basic'));
    assert.ok(metadata.scopes_supported?.includes('phone'));
  });

  it('an approved identity: ID token with sub, nonce and acr LoA3; userinfo with level-3 VNPOST loAs', async () => {
    const citizen = await account('approved', '1');
    const { claims, userinfo } = await signInThroughPostId(citizen.username, citizen.password);
    assert.equal(claims.sub, citizen.subject);
    assert.equal(claims.acr, 'LoA3');
    assert.equal(userinfo.SoCMND, citizen.idNumber);
    assert.equal(userinfo.HoVaTen, 'Trần Thị Bưu');
    assert.equal(userinfo.NgayThangNamSinh, '19910304');
    assert.equal(userinfo.GioiTinh, 'Nữ');
    assert.equal(userinfo.SoDienThoai, '0912000111');
    assert.equal(userinfo.TrangThaiPheDuyet, 'DA_DUYET');
    const loAs = userinfo.loAs as Array<{ claim: string; level: number; src: string; validDate?: string }>;
    assert.deepEqual(
      loAs.map((l) => [l.claim, l.level, l.src]),
      [
        ['SoCMND', 3, 'VNPOST'],
        ['HoVaTen', 3, 'VNPOST'],
        ['NgayThangNamSinh', 3, 'VNPOST'],
        ['SoDienThoai', 2, 'VNPOST'],
      ],
    );
    assert.match(String(loAs[0]!.validDate), /^\d{4}-\d{2}-\d{2}$/);
  });

  it("pending and rejected identities: declared only (level 1), their approval state, acr LoA1; a rejection's reason", async () => {
    const reason = 'Ảnh trên CCCD không khớp với người đến quầy';
    for (const [status, state, suffix, lyDo] of [
      ['pending', 'CHO_DUYET', '2', undefined],
      ['rejected', 'TU_CHOI', '3', reason],
    ] as const) {
      const citizen = await account(status, suffix, { reason });
      const { claims, userinfo } = await signInThroughPostId(citizen.username, citizen.password);
      assert.equal(claims.acr, 'LoA1');
      assert.equal(userinfo.TrangThaiPheDuyet, state);
      assert.equal(userinfo.LyDoTuChoi, lyDo);
      const levels = (userinfo.loAs as Array<{ claim: string; level: number }>).map((l) => l.level);
      assert.deepEqual(levels, [1, 1, 1, 2]);
    }
  });

  it('a wrong password stays on the login page (401), no code', async () => {
    const citizen = await account('approved', '4');
    await assert.rejects(() => signInThroughPostId(citizen.username, 'wrong-password-9'), /401|303/);
  });

  it('refuses an unregistered redirect URI and an authorization without PKCE', async () => {
    const foreign = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1:9/elsewhere',
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const refused = await new PageAgent().request(foreign.href);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /redirect_uri/);
    const noPkce = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid' });
    const answer = await new PageAgent().request(noPkce.href);
    assert.equal(answer.status, 303);
    assert.match(answer.location!, /error=invalid_request/);
  });

  it('outage: discovery and pages answer 503 with Retry-After until it is switched back', async () => {
    assert.equal((await call(test.url, 'POST', '/sim/postid/outage', { down: true })).status, 200);
    try {
      const down = await fetch(`${issuer}/.well-known/openid-configuration`);
      assert.equal(down.status, 503);
      assert.ok(Number(down.headers.get('retry-after')) > 0);
      const page = await new PageAgent().request(`${issuer}/signup`);
      assert.equal(page.status, 503);
      assert.match(page.body, /tạm thời không phục vụ/);
    } finally {
      await call(test.url, 'POST', '/sim/postid/outage', { down: false });
    }
    assert.equal((await fetch(`${issuer}/.well-known/openid-configuration`)).status, 200);
  });

  it('latency: answers wait the time set', async () => {
    assert.equal((await call(test.url, 'POST', '/sim/postid/latency', { ms: 300 })).status, 200);
    try {
      const started = performance.now();
      await fetch(`${issuer}/.well-known/openid-configuration`);
      assert.ok(performance.now() - started >= 290);
    } finally {
      await call(test.url, 'POST', '/sim/postid/latency', { ms: 0 });
    }
    assert.equal((await call(test.url, 'POST', '/sim/postid/latency', { ms: -1 })).status, 400);
  });

  async function authorizationUrl() {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile phone',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ui_locales: 'en vi',
    });
    return {
      url: url.href,
      checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce },
    };
  }

  it('sign-up from the login page comes back to the authorization once activated, without a second password', async () => {
    const agent = new PageAgent();
    const { url, checks } = await authorizationUrl();
    const interaction = (await agent.request(url)).location!;
    const login = await agent.request(interaction);
    assert.match(login.body, /<html lang="en">/, 'ui_locales chose English');
    const signUpHref = /href="(\/signup\?interaction=[^"]+)"/.exec(login.body)![1]!;
    // The language the service asked for is kept on PostID's own pages (the sign-up has no ui_locales).
    assert.match((await agent.request(`${issuer}${signUpHref}`)).body, /<html lang="en">/);
    const phone = '0913444001';
    const signedUp = await agent.submit(`${issuer}${signUpHref}`, '/signup', {
      interaction: new URL(interaction).pathname.split('/').pop()!,
      username: 'from.the.hub',
      password: 'Matkhau-2026',
      fullName: 'Vũ Thị Hà',
      sex: 'F',
      birthDate: '01/02/1995',
      idNumber: '001195000777',
      phoneNumber: phone,
      address: 'Hải Phòng',
    });
    assert.equal(signedUp.location, `${issuer}/activate`);
    const sms = await call<Array<{ text: string }>>(
      test.url,
      'GET',
      `/sim/phones/${phone}/sms?after=0&waitMs=5000`,
    );
    const code = /(\d{6})/.exec(sms.body.at(-1)!.text)![1]!;
    const activated = await agent.submit(`${issuer}/activate`, '/activate', { code });
    assert.equal(activated.location, interaction);
    const finished = await agent.request(interaction);
    assert.equal(finished.status, 303);
    const callback = (await agent.request(finished.location!)).location!;
    assert.ok(callback.startsWith(redirectUri));
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), checks);
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    assert.equal(userinfo.TrangThaiPheDuyet, 'CHO_DUYET');
    assert.equal(userinfo.SoCMND, '001195000777');
  });

  it("PostID's own sign-out ends its provider session (the next authorization asks again); its logout page is its own", async () => {
    const citizen = await account('approved', '5');
    const { agent } = await signInThroughPostId(citizen.username, citizen.password);
    const again = await authorizationUrl();
    const sso = await agent.request(again.url);
    assert.ok(sso.location!.startsWith(redirectUri), 'signed in at PostID: no page');
    const status = await agent.request(`${issuer}/account`);
    const signedOut = await agent.post(`${issuer}/signout`, {}, csrfOf(status.body));
    assert.equal(signedOut.status, 303);
    const third = await authorizationUrl();
    const asked = (await agent.request(third.url)).location!;
    assert.match(asked, /\/interaction\//, 'the password is asked again');
    const login = await agent.submit(asked, `${new URL(asked).pathname}/login`, {
      username: citizen.username,
      password: citizen.password,
    });
    assert.equal(login.status, 303);
    assert.ok((await agent.request(login.location!)).location!.startsWith(redirectUri));
    // Signed in again: the provider's sign-out asks first, on PostID's own page (lang, its look), then says it is done.
    await agent.request(`${issuer}/?lang=en`);
    const confirm = await agent.request(`${issuer}/oidc/session/end`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /<html lang="en">/);
    assert.match(confirm.body, /Sign out of PostID\?/);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!;
    const done = await agent.request(`${issuer}/oidc/session/end/confirm`, { form: { xsrf, logout: 'yes' } });
    const success = done.status === 303 ? await agent.request(done.location!) : done;
    assert.match(success.body, /You are signed out of PostID/);
    const fourth = await authorizationUrl();
    assert.match((await agent.request(fourth.url)).location!, /\/interaction\//);
  });

  it('the dev accounts API refuses malformed entries (400) and a taken username (409)', async () => {
    const bad = await call(test.url, 'POST', '/sim/postid/accounts', { username: 'ab', status: 'maybe' });
    assert.equal(bad.status, 400);
    assert.ok((bad.body.fields as string[]).includes('status'));
    await account('pending', '6');
    const taken = await call(test.url, 'POST', '/sim/postid/accounts', {
      username: 'citizen.6',
      password: 'Secret-pass-1',
      fullName: 'Trần Thị Bưu',
      birthDate: '1991-03-04',
      idNumber: '001191000006',
      phoneNumber: '0912000111',
    });
    assert.equal(taken.status, 409);
  });

  it('the dev clerk is given by the dev API', async () => {
    const clerk = await call(test.url, 'GET', '/sim/postid/clerk');
    assert.equal(clerk.body.url, `${issuer}/clerk`);
    assert.ok(String(clerk.body.password).length >= 12);
  });
});
