/**
 * The portal apps against the real hub over real HTTP (both in-process, on free ports), on both store
 * variants: sign-in round trip to "who am I", state and nonce tampering refused, the LoA2 service asking
 * acr_values=LoA2, the hub's errors shown as pages, sign-out, and back-channel logout tokens.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { BACKCHANNEL_LOGOUT_EVENT } from '../../src/portals/kit/logout-token.ts';
import {
  assertNoSecretsIn,
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
} from '../support/journey.ts';
import { storeVariants } from '../support/system.ts';
import { Browser, inputValue } from './support/browser.ts';
import { type HubAndPortals, type PortalUnderTest, startHubAndPortals } from './support/portals.ts';

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

for (const variant of storeVariants) {
  describe(`portals signing in through the hub (${variant.name})`, { skip: variant.skip }, () => {
    let world: HubAndPortals;
    before(async () => {
      world = await startHubAndPortals(variant.name);
    });
    after(async () => {
      await world?.close();
    });

    /** A registered citizen with a browser signed in at the hub (password: LoA1). */
    async function citizenAtHub() {
      const identity = newIdentity();
      await registerSubscriber(world.hub.url, identity);
      await registerCompletely(world.hub.url, identity);
      const browser = new Browser({ 'accept-language': 'vi' });
      const signedIn = await browser.request(`${world.hub.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: identity.idNumber, password: STRONG_PASSWORD }),
      });
      assert.equal(signedIn.status, 201, signedIn.html);
      return { identity, browser };
    }

    async function signedInAt(portal: PortalUnderTest) {
      const { identity, browser } = await citizenAtHub();
      const landed = await browser.follow(`${portal.url}/auth/sign-in?next=%2Fme`);
      assert.equal(landed.url, `${portal.url}/me`, landed.hops.join('\n'));
      return { identity, browser, page: landed };
    }

    /** Starts a sign-in and follows it up to (not into) the portal's callback: the hub's answer. */
    async function hubAnswerFor(portal: PortalUnderTest, browser: Browser) {
      let response = await browser.request(`${portal.url}/auth/sign-in`);
      while (response.location && !response.location.startsWith(`${portal.url}/auth/callback`))
        response = await browser.request(response.location);
      assert.ok(response.location, `the hub answered with a page: ${textOf(response.html).slice(0, 300)}`);
      return new URL(response.location);
    }

    it('sign-in round trip: pushed request with PKCE, state and nonce; lands on "who am I" with the hub’s claims', async () => {
      const { identity, page } = await signedInAt(world.national);
      assert.equal(page.status, 200);
      const text = textOf(page.html);
      assert.match(text, new RegExp(identity.fullName));
      assert.match(text, new RegExp(identity.idNumber), 'SoDinhDanh shown');
      assert.match(text, /17\/05\/1990/, 'NgayThangNamSinh shown as a date');
      assert.match(page.html, /data-claim="acr"><dt>[^<]+<\/dt><dd>LoA1<\/dd>/);
      assert.match(page.html, /data-claim="amr"><dt>[^<]+<\/dt><dd>[^<]*pwd/);
      assert.match(page.html, /data-claim="auth_time"><dt>[^<]+<\/dt><dd>[^<]*\(\d{10}\)/);
      const pushed = world.national.pushed.at(-1)!;
      assert.equal(pushed.get('code_challenge_method'), 'S256');
      assert.ok(pushed.get('state') && pushed.get('nonce'), 'state and nonce sent');
      assert.equal(pushed.get('redirect_uri'), `${world.national.url}/auth/callback`);
      // The browser only carried the pushed request's reference, never the ID number.
      const authorize = page.hops.find((hop) => hop.includes('request_uri='));
      assert.ok(authorize, `the browser went to the hub with a request_uri:\n${page.hops.join('\n')}`);
      assert.ok(!new URL(authorize).searchParams.has('code_challenge'));
      for (const hop of page.hops) assert.ok(!hop.includes(identity.idNumber), 'no ID number in a URL');
      assertNoSecretsIn(world.national.log.text(), [STRONG_PASSWORD]);
      assert.doesNotMatch(
        world.national.log.text(),
        /code=|state=/,
        'no authorization code or state in the logs',
      );
    });

    it('Đăng ký pushes prompt=create: the hub opens its registration', async () => {
      const browser = new Browser({ 'accept-language': 'vi' });
      const landed = await browser.follow(`${world.national.url}/auth/register`);
      assert.equal(world.national.pushed.at(-1)!.get('prompt'), 'create');
      assert.equal(landed.status, 200);
      assert.match(new URL(landed.url).pathname, /^\/register/, landed.hops.join('\n'));
      assert.equal(new URL(landed.url).origin, new URL(world.hub.url).origin);
    });

    it('single sign-on: the second portal signs the citizen in without a password', async () => {
      const { browser } = await signedInAt(world.national);
      const landed = await browser.follow(`${world.mps.url}/auth/sign-in?next=%2Fme`);
      assert.equal(landed.url, `${world.mps.url}/me`, landed.hops.join('\n'));
      // Each app keeps its own cookies on the one host.
      const names = [...browser.cookies(world.mps.url).keys()];
      assert.ok(
        names.includes('national_portal_session') && names.includes('mps_portal_session'),
        names.join(),
      );
    });

    it('a tampered state is refused, and a callback is used once', async () => {
      const { browser } = await citizenAtHub();
      const answer = await hubAnswerFor(world.national, browser);
      const forged = new URL(answer);
      forged.searchParams.set('state', 'forged-state');
      const refused = await browser.request(forged.href);
      assert.equal(refused.status, 400);
      assert.match(textOf(refused.html), /không hợp lệ hoặc đã hết hạn/);
      // The real answer no longer works either: the sign-in it belonged to was consumed.
      const replayed = await browser.request(answer.href);
      assert.equal(replayed.status, 400);
      const me = await browser.request(`${world.national.url}/me`);
      assert.equal(me.status, 303, 'still signed out');
    });

    it('an ID token whose nonce is not the one sent is refused', async () => {
      const { browser } = await citizenAtHub();
      const answer = await hubAnswerFor(world.national, browser);
      const session = portalSession(world.national, browser);
      session.pending = { ...session.pending!, nonce: 'not-the-nonce-sent' };
      const refused = await browser.request(answer.href);
      assert.equal(refused.status, 400);
      assert.equal((await browser.request(`${world.national.url}/me`)).status, 303);
    });

    it('an ID token whose signature does not verify is refused', async () => {
      const { browser } = await citizenAtHub();
      const answer = await hubAnswerFor(world.national, browser);
      world.national.tamperTokens = (tokens) => {
        const [header, payload, signature] = String(tokens.id_token).split('.');
        const flipped = `${signature!.slice(0, -4)}${signature!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
        return { ...tokens, id_token: `${header}.${payload}.${flipped}` };
      };
      const refused = await browser.request(answer.href);
      assert.equal(refused.status, 400, textOf(refused.html));
      assert.equal((await browser.request(`${world.national.url}/me`)).status, 303);
    });

    it('the hub’s error answers are clear pages (access_denied, login_required)', async () => {
      for (const [code, words] of [
        ['access_denied', /Bạn đã dừng lại/],
        ['login_required', /chưa đăng nhập/],
      ] as const) {
        const browser = new Browser({ 'accept-language': 'vi' });
        await browser.request(`${world.national.url}/auth/sign-in`);
        const state = world.national.pushed.at(-1)!.get('state')!;
        const callback = new URL(`${world.national.url}/auth/callback`);
        callback.search = new URLSearchParams({
          error: code,
          state,
          iss: world.hub.system.oidc.issuer,
        }).toString();
        const page = await browser.request(callback.href);
        assert.equal(page.status, 200, textOf(page.html));
        assert.match(textOf(page.html), words);
        assert.match(page.html, new RegExp(`<code>${code}</code>`));
      }
    });

    it('the LoA2 service sends a signed-out or LoA1 citizen back to the hub with acr_values=LoA2', async () => {
      const signedOut = new Browser();
      const first = await signedOut.request(`${world.mps.url}/services/ly-lich-tu-phap`);
      assert.equal(first.status, 303);
      assert.ok(first.location?.startsWith(world.hub.system.oidc.issuer), first.location);
      assert.equal(world.mps.pushed.at(-1)!.get('acr_values'), 'LoA2');

      const { browser } = await signedInAt(world.mps);
      const pushedBefore = world.mps.pushed.length;
      const stepUp = await browser.request(`${world.mps.url}/services/ly-lich-tu-phap`);
      assert.equal(stepUp.status, 303);
      assert.match(stepUp.location!, /request_uri=/);
      assert.equal(world.mps.pushed.length, pushedBefore + 1);
      assert.equal(world.mps.pushed.at(-1)!.get('acr_values'), 'LoA2');
    });

    it('the LoA2 service after the hub’s step-up (the SMS code): the form, with acr LoA2 and amr sms', async () => {
      const { identity, browser } = await signedInAt(world.mps);
      const stepUp = await browser.follow(`${world.mps.url}/services/ly-lich-tu-phap`);
      const action = /<form method="post" action="([^"]+\/step-up)"/.exec(stepUp.html)?.[1];
      assert.ok(action, `the hub asks for the code: ${textOf(stepUp.html).slice(0, 300)}`);
      const code = await codeSentTo(world.hub.url, identity.phoneNumber, 2);
      const form = await browser.postForm(new URL(action, stepUp.url).href, {
        _csrf: inputValue(stepUp.html, '_csrf')!,
        code,
      });
      assert.equal(form.url, `${world.mps.url}/services/ly-lich-tu-phap`, form.hops.join('\n'));
      assert.match(textOf(form.html), /Cấp phiếu lý lịch tư pháp/);
      const citizen = portalSession(world.mps, browser).citizen!;
      assert.equal(citizen.acr, 'LoA2');
      assert.ok(citizen.amr.includes('sms'), citizen.amr.join());
    });

    it('a sign-in that asked LoA2 and came back lower says so instead of going round again', async () => {
      const { browser } = await citizenAtHub();
      const toHub = await browser.request(`${world.national.url}/auth/sign-in`);
      // As if a service had asked LoA2 and the hub had answered LoA1 (it steps up instead: tested above).
      const session = portalSession(world.national, browser);
      session.pending = { ...session.pending!, acr: 'LoA2', returnTo: '/services/xac-nhan-cu-tru' };
      const landed = await browser.follow(toHub.location!);
      assert.equal(landed.status, 403, landed.hops.join('\n'));
      assert.equal(landed.url.split('?')[0], `${world.national.url}/auth/callback`);
      assert.match(textOf(landed.html), /Chưa đủ mức xác thực/);
      assert.equal(
        (await browser.request(`${world.national.url}/me`)).status,
        200,
        'signed in at the level given',
      );
    });

    it('at LoA2 the service form is shown; it checks its fields and gives a receipt', async () => {
      const { browser } = await signedInAt(world.mps);
      // What a passed step-up gives (the hub's step-up pages are tested at the hub).
      portalSession(world.mps, browser).citizen!.acr = 'LoA2';
      const form = await browser.request(`${world.mps.url}/services/ly-lich-tu-phap`);
      assert.equal(form.status, 200);
      assert.match(textOf(form.html), /Cấp phiếu lý lịch tư pháp/);
      const csrf = inputValue(form.html, '_csrf')!;
      const invalid = await browser.postForm(`${world.mps.url}/services/ly-lich-tu-phap`, {
        _csrf: csrf,
        certificateType: '3',
        copies: '99',
        purpose: '',
      });
      assert.match(textOf(invalid.html), /Có lỗi cần sửa/);
      assert.match(invalid.html, /id="certificateType"/);
      const forged = await browser.postForm(`${world.mps.url}/services/ly-lich-tu-phap`, {
        _csrf: 'forged',
        certificateType: '1',
        copies: '1',
        purpose: 'Xin việc',
      });
      assert.equal(forged.status, 403);
      const receipt = await browser.postForm(`${world.mps.url}/services/ly-lich-tu-phap`, {
        _csrf: csrf,
        certificateType: '1',
        copies: '2',
        purpose: 'Bổ sung hồ sơ xin việc',
      });
      assert.equal(receipt.url, `${world.mps.url}/services/ly-lich-tu-phap/received`);
      assert.match(textOf(receipt.html), /Mã hồ sơ: LLTP-\d{8}/);
    });

    it('sign-out ends the portal session and goes to the hub’s end_session_endpoint with id_token_hint', async () => {
      const { browser, page } = await signedInAt(world.national);
      const csrf = inputValue(page.html, '_csrf')!;
      assert.equal(
        (await browser.request(`${world.national.url}/auth/sign-out`, form({ _csrf: 'forged' }))).status,
        403,
      );
      const out = await browser.request(`${world.national.url}/auth/sign-out`, form({ _csrf: csrf }));
      assert.equal(out.status, 303);
      const endSession = new URL(out.location!);
      assert.equal(endSession.origin, new URL(world.hub.system.oidc.issuer).origin);
      assert.ok(endSession.searchParams.get('id_token_hint'));
      assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${world.national.url}/`);
      assert.equal((await browser.request(`${world.national.url}/me`)).status, 303, 'signed out');
    });

    it('signing out on one portal signs the citizen out of the other (the hub’s back-channel logout)', async () => {
      const { browser, page } = await signedInAt(world.national);
      assert.equal(
        (await browser.follow(`${world.mps.url}/auth/sign-in?next=%2Fme`)).url,
        `${world.mps.url}/me`,
      );
      const out = await browser.request(
        `${world.national.url}/auth/sign-out`,
        form({ _csrf: inputValue(page.html, '_csrf')! }),
      );
      // The hub asks to confirm (its page); confirming ends its session and tells every portal of it.
      const confirm = await browser.follow(out.location!);
      const action = /<form[^>]*method="post"[^>]*action="([^"]+)"/.exec(confirm.html)?.[1];
      assert.ok(action, `the hub's sign-out page has a form: ${textOf(confirm.html).slice(0, 300)}`);
      const done = await browser.follow(
        new URL(action.replaceAll('&amp;', '&'), out.location).href,
        form({ xsrf: inputValue(confirm.html, 'xsrf') ?? '', logout: 'yes' }),
      );
      assert.equal(done.url, `${world.national.url}/`, done.hops.join('\n'));
      assert.match(world.mps.log.text(), /"ended":1,"msg":"back-channel logout from the hub"/);
      assert.equal(
        (await browser.request(`${world.mps.url}/me`)).status,
        303,
        'signed out of the other portal',
      );
    });

    describe('back-channel logout', () => {
      async function logoutToken(claims: JWTPayload, key: JWK & { kid: string } = world.signingKey) {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({
          iss: world.hub.system.oidc.issuer,
          aud: 'national',
          iat: now,
          exp: now + 120,
          jti: crypto.randomUUID(),
          events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
          ...claims,
        })
          .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'logout+jwt' })
          .sign(await importJWK(key, 'RS256'));
      }
      const post = (token: string) =>
        fetch(`${world.national.url}/auth/backchannel-logout`, form({ logout_token: token }));

      async function signedInSession() {
        const { browser } = await signedInAt(world.national);
        const citizen = portalSession(world.national, browser).citizen!;
        return { browser, citizen };
      }

      it('a token of the hub for this portal ends every portal session of that sid', async () => {
        const { browser, citizen } = await signedInSession();
        assert.ok(citizen.sid, 'the ID token carried sid');
        const answer = await post(await logoutToken({ sid: citizen.sid, sub: citizen.sub }));
        assert.equal(answer.status, 200);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        assert.equal((await browser.request(`${world.national.url}/me`)).status, 303, 'signed out');
      });

      it('a forged, expired or wrong-audience token is refused and ends nothing', async () => {
        const { browser, citizen } = await signedInSession();
        const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
          format: 'jwk',
        });
        const now = Math.floor(Date.now() / 1000);
        for (const token of [
          await logoutToken({ sid: citizen.sid }, { ...forger, kid: world.signingKey.kid }),
          await logoutToken({ sid: citizen.sid, iat: now - 600, exp: now - 480 }),
          await logoutToken({ sid: citizen.sid, aud: 'mps' }),
          await logoutToken({ sid: citizen.sid, nonce: 'an-id-token' }),
          'not-a-token',
        ]) {
          const answer = await post(token);
          assert.equal(answer.status, 400);
          assert.equal(((await answer.json()) as { error: string }).error, 'invalid_request');
        }
        assert.equal((await post('')).status, 400);
        assert.equal((await browser.request(`${world.national.url}/me`)).status, 200, 'still signed in');
      });
    });
  });
}

/** The portal's server-side session behind the browser's signed cookie (`<id>.<signature>`). */
function portalSession(portal: PortalUnderTest, browser: Browser) {
  const signed = decodeURIComponent(browser.cookies(portal.url).get(`${portal.id}_portal_session`) ?? '');
  const session = portal.sessions.get(signed.slice(0, signed.lastIndexOf('.')));
  assert.ok(session, 'the browser holds a live portal session');
  return session;
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}
