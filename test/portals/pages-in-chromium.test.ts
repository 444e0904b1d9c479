/**
 * The portal pages in Chromium against the real hub: home (signed out and in), "who am I", the LoA2 service
 * form with its errors and its receipt, and the error page; Vietnamese at 360 px and English at 1280 px with
 * axe-core (WCAG 2.2 AA) on every page, and once without JavaScript. Screenshots `portal-*`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM_MISSING,
  checkPage,
  launchChromium,
  openContext,
  type Viewing,
} from '../browser/browser.ts';
import { newIdentity, registerCompletely, registerSubscriber, STRONG_PASSWORD } from '../support/journey.ts';
import { type HubAndPortals, startHubAndPortals } from './support/portals.ts';

const skip = CHROMIUM_MISSING;

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
];

describe('portal pages in Chromium', { skip, concurrency: false }, () => {
  let world: HubAndPortals;
  let browser: Browser;
  before(async () => {
    world = await startHubAndPortals('embedded');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  for (const viewing of VIEWINGS) {
    it(`${viewing.lang} ${viewing.width}px${viewing.javaScript ? '' : ' without JavaScript'}`, async () => {
      const identity = newIdentity();
      await registerSubscriber(world.hub.url, identity);
      await registerCompletely(world.hub.url, identity);
      const context = await openContext(browser, viewing);
      const page = await context.newPage();
      const portal = world.mps;
      const go = async (url: string) => {
        const response = await page.goto(url);
        await page.waitForLoadState('load');
        return response;
      };
      const check = (name: string) => checkPage(page, viewing, `portal-${name}`);
      try {
        await go(`${portal.url}/`);
        if (viewing.lang === 'en') {
          await Promise.all([
            page.waitForURL(`${portal.url}/`),
            page.getByRole('link', { name: 'English' }).click(),
          ]);
        }
        await check('home');
        assert.ok(
          await page.getByRole('link', { name: viewing.lang === 'vi' ? 'Đăng nhập' : 'Sign in' }).isVisible(),
        );
        assert.ok(
          await page.getByRole('link', { name: viewing.lang === 'vi' ? 'Đăng ký' : 'Register' }).isVisible(),
        );

        // Signed in at the hub (its sign-in API, in this browser's cookies): the portal needs no page of it.
        const signedIn = await context.request.post(`${world.hub.url}/api/v1/sessions`, {
          data: { username: identity.idNumber, password: STRONG_PASSWORD },
        });
        assert.equal(signedIn.status(), 201);
        await go(`${portal.url}/auth/sign-in?next=%2Fme`);
        assert.equal(page.url(), `${portal.url}/me`);
        assert.match((await page.locator('main').textContent()) ?? '', new RegExp(identity.fullName));
        await check('who-am-i');

        await go(`${portal.url}/`);
        await check('home-signed-in');

        // What a passed step-up gives (the hub's step-up pages are tested at the hub).
        const cookie = (await context.cookies(portal.url)).find((c) => c.name === 'mps_portal_session')!;
        const signed = decodeURIComponent(cookie.value);
        portal.sessions.get(signed.slice(0, signed.lastIndexOf('.')))!.citizen!.acr = 'LoA2';
        await go(`${portal.url}/services/ly-lich-tu-phap`);
        await check('service-form');
        await submit(page, viewing.lang === 'vi' ? 'Gửi yêu cầu' : 'Send the request');
        assert.ok(await page.locator('.error-summary').isVisible());
        await check('service-errors');
        await page.locator('#certificateType').check();
        await page.locator('#copies').fill('2');
        await page
          .locator('#purpose')
          .fill(viewing.lang === 'vi' ? 'Bổ sung hồ sơ xin việc' : 'Job application');
        await submit(page, viewing.lang === 'vi' ? 'Gửi yêu cầu' : 'Send the request');
        assert.equal(page.url(), `${portal.url}/services/ly-lich-tu-phap/received`);
        await check('service-receipt');

        const refused = await go(`${portal.url}/auth/callback?code=x&state=y`);
        assert.equal(refused?.status(), 400);
        await check('error');
        const missing = await go(`${portal.url}/no-such-page`);
        assert.equal(missing?.status(), 404);
        await check('not-found');
      } finally {
        await context.close();
      }
    });
  }

  it('sign-out with the portal’s CSP enforced (no bypass) reaches the hub’s sign-out page', async () => {
    const identity = newIdentity();
    await registerSubscriber(world.hub.url, identity);
    await registerCompletely(world.hub.url, identity);
    // The other contexts bypass CSP to inject axe-core; this one keeps it, as a citizen's browser does.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    try {
      await context.request.post(`${world.hub.url}/api/v1/sessions`, {
        data: { username: identity.idNumber, password: STRONG_PASSWORD },
      });
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/.test(message.text())) blocked.push(message.text());
      });
      await page.goto(`${world.national.url}/auth/sign-in?next=%2Fme`);
      assert.equal(page.url(), `${world.national.url}/me`);
      await Promise.all([
        page.waitForURL((url) => url.href.startsWith(`${world.hub.system.oidc.issuer}/`)),
        page.getByRole('button', { name: 'Đăng xuất' }).click(),
      ]);
      assert.deepEqual(blocked, []);
    } finally {
      await context.close();
    }
  });
});

async function submit(page: Page, name: string) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).click()]);
  await page.waitForLoadState('load');
}
