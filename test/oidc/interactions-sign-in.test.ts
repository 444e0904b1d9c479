/**
 * The provider's login interaction is the hub's sign-in page: a portal's citizen without a hub session gets the
 * sign-in form naming the portal (vi and en), the same use case and errors as the hub's own page, and once signed
 * in the portal receives a code (acr LoA1, amr pwd); `prompt=login` and `max_age=0` ask for the password again;
 * cancelling tells the portal `access_denied`; a stale interaction is a clear page. Real HTTP, both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newIdentity, registerCompletely, registerSubscriber, STRONG_PASSWORD } from '../support/journey.ts';
import {
  authorize,
  formAction,
  nationalPortalEnv,
  pageOf,
  portalOf,
  redeem,
  submit,
  textOf,
  visit,
} from '../support/oidc-rp.ts';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { Browser, discover, signIn } from './rp.ts';

for (const variant of storeVariants) {
  describe(`sign-in interaction (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    before(async () => {
      hub = await startTestSystem(variant.name, nationalPortalEnv());
    });
    after(() => hub.close());

    async function aCitizen() {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      const { accountId } = await registerCompletely(hub.url, identity);
      return { identity, accountId };
    }

    it("the portal's language (ui_locales) is the hub pages' language, and the hub remembers it", async () => {
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const { landing } = await authorize(config, browser, hub.url, { ui_locales: 'en-GB vi' });

      const form = pageOf(landing);
      assert.match(form.url.pathname, /^\/oidc\/interaction\/[\w-]+\/login$/);
      assert.match(form.html, /<html lang="en">/);
      assert.match(textOf(form), /Sign in to continue to /);
      assert.equal(browser.cookies.get('lang'), 'en', 'as if the citizen had chosen it on the hub');

      const vietnamese = await authorize(config, browser, hub.url, { ui_locales: 'vi' });
      assert.match(
        pageOf(vietnamese.landing).html,
        /<html lang="vi">/,
        'a later portal request in Vietnamese wins',
      );
    });

    it('no hub session: the sign-in form names the portal; a wrong password stays there; the right one gives the portal a code (LoA1, pwd)', async () => {
      const { identity, accountId } = await aCitizen();
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const { request, landing } = await authorize(config, browser, hub.url);

      const form = pageOf(landing);
      assert.equal(form.status, 200);
      assert.match(form.url.pathname, /^\/oidc\/interaction\/[\w-]+\/login$/);
      assert.match(form.html, /<html lang="vi">/);
      assert.match(textOf(form), /Đăng nhập để tiếp tục tới Cổng Dịch vụ công quốc gia\./);

      const wrong = pageOf(
        await submit(browser, hub.url, form, formAction(form, '/login'), {
          username: identity.idNumber,
          password: 'Sai#MatKhau2024',
        }),
      );
      assert.equal(wrong.url.pathname, form.url.pathname, 'back on the same interaction page');
      assert.match(textOf(wrong), /Số giấy tờ hoặc mật khẩu không đúng\./);
      assert.match(wrong.html, new RegExp(`value="${identity.idNumber}"`), 'the username is kept');

      const portal = portalOf(
        await submit(browser, hub.url, wrong, formAction(wrong, '/login'), {
          username: identity.idNumber,
          password: STRONG_PASSWORD,
        }),
      );
      const { claims } = await redeem(config, request, portal);
      assert.equal(claims.sub, accountId);
      assert.equal(claims.acr, 'LoA1');
      assert.deepEqual(claims.amr, ['pwd']);
      assert.ok(browser.cookies.has('sid'), 'signed in at the hub too: the next portal asks nothing');
    });

    it('in English with Accept-Language: "Sign in to continue to National Public Service Portal."', async () => {
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const request = await authorize(config, browser, hub.url);
      const url = pageOf(request.landing).url;
      const english = pageOf(await visit(browser, hub.url, url).then(() => englishVisit(browser, url)));
      assert.match(english.html, /<html lang="en">/);
      assert.match(textOf(english), /Sign in to continue to National Public Service Portal\./);
    });

    it('already signed in at the hub: no page; prompt=login and max_age=0 ask for the password again', async () => {
      const { identity } = await aCitizen();
      const config = await discover(hub.url, 'national');
      for (const params of [{}, { prompt: 'login' }, { max_age: '0' }] as Record<string, string>[]) {
        const browser = new Browser();
        // Signed in ten seconds ago (the provider dates requests by the real clock, the hub by the injected one).
        hub.clock.set(new Date(Date.now() - 10_000));
        await signIn(hub.url, browser, identity);
        hub.clock.set(new Date());
        const { landing, request } = await authorize(config, browser, hub.url, params);
        if (Object.keys(params).length === 0) {
          portalOf(landing);
          continue;
        }
        const again = pageOf(landing);
        assert.match(textOf(again), /yêu cầu bạn nhập lại mật khẩu/, JSON.stringify(params));
        const portal = portalOf(
          await submit(browser, hub.url, again, formAction(again, '/login'), {
            username: identity.idNumber,
            password: STRONG_PASSWORD,
          }),
        );
        const { claims } = await redeem(config, request, portal);
        assert.ok(Number(claims.auth_time) >= Math.floor(Date.now() / 1000) - 2, 'authenticated just now');
      }
    });

    it('prompt=none without a session: login_required at the portal, no page', async () => {
      const config = await discover(hub.url, 'national');
      const { landing } = await authorize(config, new Browser(), hub.url, { prompt: 'none' });
      assert.equal(portalOf(landing).searchParams.get('error'), 'login_required');
    });

    it('cancelling the sign-in tells the portal access_denied', async () => {
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const form = pageOf((await authorize(config, browser, hub.url)).landing);
      const portal = portalOf(await submit(browser, hub.url, form, formAction(form, '/abort')));
      assert.equal(portal.searchParams.get('error'), 'access_denied');
    });

    it('an interaction this browser is not in (expired, finished, another browser): a page saying to start again, no 5xx', async () => {
      const config = await discover(hub.url, 'national');
      const form = pageOf((await authorize(config, new Browser(), hub.url)).landing);
      const stranger = pageOf(await visit(new Browser(), hub.url, form.url));
      assert.equal(stranger.status, 400);
      assert.match(textOf(stranger), /Yêu cầu đăng nhập đã hết hạn/);
    });
  });
}

async function englishVisit(browser: Browser, url: URL) {
  const response = await browser.get(url, { headers: { 'accept-language': 'en' } });
  return { page: { url, status: response.status, html: await response.text() } };
}
