/**
 * Consent for clients that are not first-party, as the hub's page: the first request lists what the client will
 * receive by the names citizens know; allowing records it (a grant in PostgreSQL/PGlite) and a later request for the
 * same or fewer scopes asks nothing, a wider one asks only for what is new; denying tells the client access_denied.
 * The account page lists the connected services and withdraws one (its access tokens stop working at userinfo, and
 * the client is asked again next time). First-party portals never see the page. Real HTTP, both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newIdentity, registerCompletely, registerSubscriber } from '../support/journey.ts';
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
import { Browser, discover, RP_REDIRECT, signIn } from './rp.ts';

for (const variant of storeVariants) {
  describe(`consent interaction (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    before(async () => {
      hub = await startTestSystem(variant.name, nationalPortalEnv());
    });
    after(() => hub.close());

    /** A third-party client registered through Dynamic Client Registration (open in dev). */
    async function thirdParty() {
      const discovery = await fetch(`${hub.url}/.well-known/openid-configuration`);
      const metadata = (await discovery.json()) as { registration_endpoint: string };
      const registered = await fetch(metadata.registration_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_name: 'Ứng dụng Thử',
          redirect_uris: [RP_REDIRECT],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
      });
      assert.equal(registered.status, 201, await registered.clone().text());
      const client = (await registered.json()) as { client_id: string; client_secret: string };
      return discover(hub.url, client.client_id, client.client_secret);
    }

    async function signedInCitizen() {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      const { accountId } = await registerCompletely(hub.url, identity);
      const browser = new Browser();
      await signIn(hub.url, browser, identity);
      return { identity, accountId, browser };
    }

    it('lists what the client will receive by human names; allowing gives a code, and the same or fewer scopes ask nothing', async () => {
      const config = await thirdParty();
      const { browser, accountId } = await signedInCitizen();
      const first = await authorize(config, browser, hub.url, { scope: 'openid profile citizen_id' });

      const consent = pageOf(first.landing);
      assert.match(consent.url.pathname, /\/consent$/);
      const text = textOf(consent);
      assert.match(text, /Cho phép Ứng dụng Thử nhận thông tin của bạn/);
      for (const name of ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số định danh cá nhân (số CCCD)'])
        assert.ok(text.includes(name), name);
      assert.ok(!text.includes('Số điện thoại'), 'nothing the client did not ask for');
      assert.match(text, /không phải là cổng dịch vụ công của Nhà nước/);

      const portal = portalOf(await submit(browser, hub.url, consent, formAction(consent, '/consent')));
      assert.equal((await redeem(config, first.request, portal)).claims.sub, accountId);

      for (const scope of ['openid profile citizen_id', 'openid profile']) {
        const again = await authorize(config, browser, hub.url, { scope });
        portalOf(again.landing);
      }

      const wider = pageOf(
        (await authorize(config, browser, hub.url, { scope: 'openid profile phone' })).landing,
      );
      assert.ok(textOf(wider).includes('Số điện thoại'));
      assert.ok(!textOf(wider).includes('Họ và tên'), 'only what is new is asked');
    });

    it('in English: the human names of the claims', async () => {
      const config = await thirdParty();
      const { browser } = await signedInCitizen();
      const { landing } = await authorize(config, browser, hub.url, { scope: 'openid phone' });
      const url = pageOf(landing).url;
      const english = await browser.get(url, { headers: { 'accept-language': 'en' } });
      const html = await english.text();
      assert.match(html, /<html lang="en">/);
      assert.match(html, /Allow Ứng dụng Thử to receive your details/);
      assert.match(html, /Phone number/);
    });

    it('denying tells the client access_denied and records nothing', async () => {
      const config = await thirdParty();
      const { browser } = await signedInCitizen();
      const consent = pageOf(
        (await authorize(config, browser, hub.url, { scope: 'openid profile' })).landing,
      );
      const portal = portalOf(await submit(browser, hub.url, consent, formAction(consent, '/abort')));
      assert.equal(portal.searchParams.get('error'), 'access_denied');
      pageOf((await authorize(config, browser, hub.url, { scope: 'openid profile' })).landing);
    });

    it('the account page lists the connected service; withdrawing it ends the client’s tokens and makes it ask again', async () => {
      const config = await thirdParty();
      const { browser } = await signedInCitizen();
      const first = await authorize(config, browser, hub.url, { scope: 'openid profile' });
      const consent = pageOf(first.landing);
      const granted = portalOf(await submit(browser, hub.url, consent, formAction(consent, '/consent')));
      const { tokens } = await redeem(config, first.request, granted);
      const userinfo = () =>
        fetch(`${hub.url}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      assert.equal((await userinfo()).status, 200, 'the access token works while the consent stands');

      const account = pageOf(await visit(browser, hub.url, '/account'));
      const text = textOf(account);
      assert.match(text, /Dịch vụ đã kết nối/);
      assert.match(text, /Ứng dụng Thử/);
      assert.match(text, /Nhận: [^.]*Họ và tên, Ngày sinh/);
      assert.match(text, /Từ ngày \d{2}\/\d{2}\/\d{4}/);

      const after = pageOf(
        await submit(browser, hub.url, account, formAction(account, '/account/connected-services/withdraw'), {
          grantId: /name="grantId" value="([^"]+)"/.exec(account.html)?.[1] ?? '',
        }),
      );
      assert.match(textOf(after), /Đã thu hồi quyền của Ứng dụng Thử/);
      assert.match(textOf(after), /Bạn chưa cho phép dịch vụ nào/);
      assert.equal(
        (await userinfo()).status,
        401,
        'the access token issued under the withdrawn consent is dead',
      );
      pageOf((await authorize(config, browser, hub.url, { scope: 'openid profile' })).landing);
    });

    it('a first-party portal never sees the consent page', async () => {
      const config = await discover(hub.url, 'national');
      const { browser } = await signedInCitizen();
      const { landing } = await authorize(config, browser, hub.url, {
        scope: 'openid profile citizen_id phone',
      });
      portalOf(landing);
    });
  });
}
