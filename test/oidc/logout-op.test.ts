/**
 * Conformance-style test modelled on the OpenID Foundation's RP-Initiated Logout and Back-Channel Logout OP plans:
 * signing out at a portal sends a logout token to every client of that session, over the provider's outgoing fetch
 * (whose allow-list lets the registered portals' loopback addresses through), and so does signing out on the hub's
 * own account page. Both store variants.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import {
  authorizationRequest,
  codeFlow,
  conformanceClientEnv,
  discover,
  RP_REDIRECT,
  signedInCitizen,
} from './rp.ts';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

for (const variant of storeVariants) {
  describe(`Back-channel logout OP (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    let receiver: Server;
    const received: string[] = [];
    const portals = ['logout-a', 'logout-b'];
    before(async () => {
      receiver = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => {
          body += chunk;
        });
        request.on('end', () => {
          received.push(`${request.url} ${body}`);
          response.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const address = receiver.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      hub = await startTestSystem(
        variant.name,
        conformanceClientEnv(
          portals.map((id) => ({
            client_id: id,
            client_secret: `${id}-secret-0123456789abcdef`,
            redirect_uris: [RP_REDIRECT],
            post_logout_redirect_uris: [`${base}/${id}/`],
            backchannel_logout_uri: `${base}/${id}/backchannel`,
            first_party: true,
          })),
        ),
      );
    });
    after(async () => {
      await hub.close();
      await new Promise((resolve) => receiver.close(resolve));
    });

    it('OP-BackChannel-RpInitLogout: both portals of the session get a valid logout token, and SSO ends', async () => {
      const { browser, accountId } = await signedInCitizen(hub.url);
      const configs = await Promise.all(
        portals.map((id) => discover(hub.url, id, `${id}-secret-0123456789abcdef`)),
      );
      const sessions = [];
      for (const config of configs) sessions.push((await codeFlow(config, browser, hub.url)).claims);
      assert.ok(sessions[0]?.sid && sessions[0].sid !== sessions[1]?.sid, 'a sid per client of the session');

      const end = new URL(configs[0]!.serverMetadata().end_session_endpoint!);
      end.searchParams.set('id_token_hint', (await codeFlow(configs[0]!, browser, hub.url)).tokens.id_token!);
      const page = await browser.get(end);
      const html = await page.text();
      const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      assert.ok(action && xsrf, 'the provider’s logout form');
      const confirmed = await browser.get(new URL(action, hub.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      });
      assert.equal(confirmed.status, 303);

      const tokens = await eventually(async () => (received.length >= 2 ? received : undefined));
      const jwks = createRemoteJWKSet(new URL(configs[0]!.serverMetadata().jwks_uri!));
      for (const [index, id] of portals.entries()) {
        const line = tokens.find((entry) => entry.startsWith(`/${id}/backchannel `));
        assert.ok(line, `${id} was told`);
        const logoutToken = new URLSearchParams(line.split(' ')[1]).get('logout_token')!;
        const { payload } = await jwtVerify(logoutToken, jwks, { issuer: hub.url, audience: id });
        assert.equal(payload.sub, accountId);
        assert.equal(payload.sid, sessions[index]?.sid);
        assert.deepEqual(payload.events, { [BACKCHANNEL_EVENT]: {} });
        assert.equal(decodeJwt(logoutToken).nonce, undefined, 'a logout token never carries a nonce');
      }

      const silent = await authorizationRequest(configs[1]!, { prompt: 'none' });
      const { location } = await browser.follow(silent.url, hub.url);
      assert.equal(
        location?.searchParams.get('error'),
        'login_required',
        'signed out of the other portal too',
      );
    });

    it('Beyond the plans (OP-initiated logout, Back-Channel Logout 1.0 §2.5): the hub account page’s sign-out ends the provider session, so both portals are told', async () => {
      received.length = 0;
      const { browser, accountId } = await signedInCitizen(hub.url);
      const configs = await Promise.all(
        portals.map((id) => discover(hub.url, id, `${id}-secret-0123456789abcdef`)),
      );
      const sessions = [];
      for (const config of configs) sessions.push((await codeFlow(config, browser, hub.url)).claims);

      const account = await (await browser.get(new URL('/account', hub.url))).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(account)?.[1];
      assert.ok(csrf, 'the account page’s sign-out form');
      const signedOut = await browser.get(new URL('/sign-out', hub.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(signedOut.status, 303, 'post/redirect/get, no JavaScript needed');
      assert.equal(signedOut.headers.get('location'), '/');

      const tokens = await eventually(async () => (received.length >= 2 ? received : undefined));
      const jwks = createRemoteJWKSet(new URL(configs[0]!.serverMetadata().jwks_uri!));
      for (const [index, id] of portals.entries()) {
        const line = tokens.find((entry) => entry.startsWith(`/${id}/backchannel `));
        assert.ok(line, `${id} was told`);
        const logoutToken = new URLSearchParams(line.split(' ')[1]).get('logout_token')!;
        const { payload } = await jwtVerify(logoutToken, jwks, { issuer: hub.url, audience: id });
        assert.equal(payload.sub, accountId);
        assert.equal(payload.sid, sessions[index]?.sid);
      }

      for (const config of configs) {
        const silent = await authorizationRequest(config, { prompt: 'none' });
        const { location } = await browser.follow(silent.url, hub.url);
        assert.equal(location?.searchParams.get('error'), 'login_required', 'no single sign-on left');
      }
    });
  });
}
