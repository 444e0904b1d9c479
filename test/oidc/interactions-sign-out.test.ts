/**
 * Signing out from a portal (RP-initiated logout) on the hub's own pages: the question in the citizen's language
 * naming the portal, and confirming it ends the provider's session and the hub's session with it (the next
 * authorization asks for the password). Without a way back to the portal, the hub's "signed out" page. Real HTTP,
 * both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newIdentity, registerCompletely, registerSubscriber } from '../support/journey.ts';
import {
  authorize,
  type Landing,
  nationalPortalEnv,
  type Page,
  pageOf,
  portalOf,
  redeem,
  textOf,
  visit,
} from '../support/oidc-rp.ts';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { Browser, discover, signIn } from './rp.ts';

for (const variant of storeVariants) {
  describe(`sign-out pages (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    before(async () => {
      hub = await startTestSystem(variant.name, nationalPortalEnv());
    });
    after(() => hub.close());

    /** A citizen signed in at the national portal: the browser and the ID token the portal holds. */
    async function signedInAtPortal() {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      await registerCompletely(hub.url, identity);
      const browser = new Browser();
      await signIn(hub.url, browser, identity);
      const config = await discover(hub.url, 'national');
      const { request, landing } = await authorize(config, browser, hub.url);
      const { tokens } = await redeem(config, request, portalOf(landing));
      return { browser, config, idToken: tokens.id_token ?? '' };
    }

    /** Confirms (or not) on the provider's logout page: its form carries the provider's own one-time secret. */
    async function answer(browser: Browser, page: Page, logout: boolean): Promise<Landing> {
      const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(page.html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)?.[1];
      assert.ok(action && xsrf, 'the provider’s logout form is on the page');
      const response = await browser.get(new URL(action, page.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, ...(logout && { logout: 'yes' }) }).toString(),
      });
      const location = response.headers.get('location');
      assert.equal(response.status, 303);
      const to = new URL(location ?? '', page.url);
      return to.origin === new URL(hub.url).origin ? visit(browser, hub.url, to) : { portal: to };
    }

    it('the question names the portal in the hub layout; confirming ends the hub session too, and the portal gets its state back', async () => {
      const { browser, config, idToken } = await signedInAtPortal();
      const end = new URL(config.serverMetadata().end_session_endpoint ?? '');
      end.search = new URLSearchParams({
        id_token_hint: idToken,
        post_logout_redirect_uri: 'http://127.0.0.1:9/',
        state: 'after-logout',
      }).toString();

      const question = pageOf(await visit(browser, hub.url, end));
      assert.equal(question.status, 200);
      assert.match(question.html, /<html lang="vi">/);
      assert.match(textOf(question), /Bạn có muốn đăng xuất khỏi tài khoản Cổng Dịch vụ công không\?/);
      assert.match(textOf(question), /Yêu cầu này đến từ Cổng Dịch vụ công quốc gia\./);
      assert.match(question.html, /class="skip-link"/, 'the hub layout');

      const portal = portalOf(await answer(browser, question, true));
      assert.equal(portal.href, 'http://127.0.0.1:9/?state=after-logout');
      assert.ok(!browser.cookies.has('sid'), 'the hub session cookie is cleared');
      const account = await browser.get(`${hub.url}/account`);
      assert.equal(account.headers.get('location'), '/sign-in', 'signed out of the hub');
      const next = pageOf((await authorize(config, browser, hub.url)).landing);
      assert.match(next.url.pathname, /\/login$/, 'no single sign-on any more: the password is asked');
    });

    it('in English, and without a way back to a portal: the hub’s own "You have signed out" page', async () => {
      const { browser, config } = await signedInAtPortal();
      const end = config.serverMetadata().end_session_endpoint ?? '';
      const response = await browser.get(end, { headers: { 'accept-language': 'en' } });
      const question: Page = { url: new URL(end), status: response.status, html: await response.text() };
      assert.match(question.html, /<html lang="en">/);
      assert.match(textOf(question), /Do you want to sign out of your Public Service Portal account\?/);

      const done = pageOf(await answer(browser, question, true));
      assert.match(done.html, /<html lang="vi">|<html lang="en">/);
      assert.match(textOf(done), /Bạn đã đăng xuất|You have signed out/);
    });
  });
}
