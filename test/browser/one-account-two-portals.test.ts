/**
 * Issue 12's journey in Chromium across the hub and both portals: register from the national portal with the
 * mobile method and land signed in there; get into the ministry portal without a password; pass the step-up
 * with the SMS code for its LoA2 service; sign out on the ministry portal and be signed out of both.
 * Vietnamese at 360 px with and without JavaScript, English at 1280 px; screenshots `journey2-NN-*`.
 *
 * Unlike the other browser suites, the pages keep their CSP enforced: a policy that blocks a citizen's form or
 * redirect must fail here. axe-core therefore runs in an isolated world through CDP (no script element in the
 * page, which the CSP would refuse), and every CSP report Chromium logs fails the step it happened in.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type HubAndPortals, startHubAndPortals } from '../portals/support/portals.ts';
import { codeSentTo, newIdentity, registerSubscriber, STRONG_PASSWORD } from '../support/journey.ts';
import { CHROMIUM_MISSING, launchChromium, SCREENSHOTS, type Viewing, viewingName } from './browser.ts';
import { captchaAnswer, ddmmyyyy, loadingAfter, submit, viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const skip = CHROMIUM_MISSING;

/** axe-core's WCAG 2.2 AA violations of the page, run where the page's CSP and JavaScript setting don't reach. */
async function axeViolations(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'axe',
    })) as { executionContextId: number };
    const run = async (expression: string) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: executionContextId,
        awaitPromise: true,
        returnByValue: true,
      });
      assert.equal(exceptionDetails, undefined, JSON.stringify(exceptionDetails));
      return result.value as unknown;
    };
    await run(AXE_SOURCE);
    return (await run(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} } })
      .then((result) => result.violations.map((v) => v.id + ': ' + v.help + ' at ' + JSON.stringify(v.nodes.map((n) => n.target))))`)) as string[];
  } finally {
    await cdp.detach();
  }
}

describe('one account for both portals, in Chromium with CSP enforced', { skip, concurrency: false }, () => {
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
    const en = viewing.lang === 'en';
    const words = {
      signIn: en ? 'Sign in' : 'Đăng nhập',
      register: en ? 'Register' : 'Đăng ký',
      sendCode: en ? 'Send the code' : 'Gửi mã OTP',
      confirm: en ? 'Confirm' : 'Xác nhận',
      finish: en ? 'Finish registration' : 'Hoàn tất đăng ký',
      toNational: en
        ? 'Continue to National Public Service Portal'
        : 'Tiếp tục tới Cổng Dịch vụ công quốc gia',
      stepUp: en ? 'needs a higher assurance level' : 'yêu cầu mức bảo đảm cao hơn',
      signOut: en ? 'Sign out' : 'Đăng xuất',
      signOutQuestion: en ? 'Do you want to sign out' : 'Bạn có muốn đăng xuất',
    };

    it(`register at the national portal, single sign-on at the ministry's, step-up, one sign-out: ${viewingTitle(viewing)}`, async () => {
      const identity = newIdentity();
      await registerSubscriber(world.hub.url, identity);
      // The hub's OIDC artefacts are stamped with wall time; its own clock must not lag behind it.
      world.hub.clock.set(new Date(Math.max(Date.now(), world.hub.clock.now().getTime())));
      const context = await browser.newContext({
        viewport: { width: viewing.width, height: viewing.height },
        javaScriptEnabled: viewing.javaScript,
        locale: 'vi-VN',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
      });
      let step = 0;
      const check = async (what: string) => {
        step += 1;
        const name = `journey2-${String(step).padStart(2, '0')}-${what}`;
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: join(SCREENSHOTS, `${viewingName(viewing)}-${name}.png`),
          fullPage: true,
        });
        assert.equal(await page.getAttribute('html', 'lang'), viewing.lang, `${name}: page language`);
        assert.deepEqual(blocked, [], `${name}: blocked by a Content Security Policy`);
        // axe's promise never settles where scripting is off, isolated world or not: the same pages are
        // checked with JavaScript in the other viewings.
        if (viewing.javaScript) assert.deepEqual(await axeViolations(page), [], `${name}: axe violations`);
      };
      const main = async () => (await page.textContent('main')) ?? '';
      const at = (portal: { url: string }, path?: string) => {
        const url = new URL(page.url());
        assert.equal(url.origin, portal.url, page.url());
        if (path) assert.equal(url.pathname, path, page.url());
      };
      const follow = (name: string) =>
        loadingAfter(page, () => page.getByRole('link', { name, exact: true }).first().click());

      try {
        await page.goto(`${world.national.url}/`);
        if (en) await follow('English');
        await check('national-home');

        // Đăng ký: the portal sends the citizen to the hub's registration (prompt=create).
        await follow(words.register);
        assert.equal(new URL(page.url()).origin, new URL(world.hub.system.oidc.issuer).origin, page.url());
        await check('hub-chooser');
        await loadingAfter(page, () => page.locator('main a[href^="/register/mobile"]').first().click());
        if (new URL(page.url()).pathname !== '/register/mobile') {
          await check('hub-mobile-before-you-start');
          await loadingAfter(page, () => page.locator('main a[href="/register/mobile"]').first().click());
        }
        await page.fill('#idNumber', identity.idNumber);
        await page.fill('#fullName', identity.fullName);
        await page.fill('#birthDate', ddmmyyyy(identity.birthDate));
        await page.fill('#phoneNumber', identity.phoneNumber);
        await page.fill('#captchaAnswer', await captchaAnswer(world.hub, page));
        await page.locator('#consent').check();
        await check('hub-mobile-form');
        await submit(page, words.sendCode);
        await check('hub-code');
        await page.fill('#code', await codeSentTo(world.hub.url, identity.phoneNumber));
        await submit(page, words.confirm);
        await check('hub-password');
        await page.fill('#password', STRONG_PASSWORD);
        await page.fill('#confirmPassword', STRONG_PASSWORD);
        await submit(page, words.finish);
        await check('hub-registered');
        await follow(words.toNational);
        at(world.national);
        assert.ok((await main()).includes(identity.fullName), await main());
        await check('national-signed-in');

        // The ministry's portal: Đăng nhập passes through the hub's session, no page and no password.
        await page.goto(`${world.mps.url}/`);
        if (en && (await page.getAttribute('html', 'lang')) !== 'en') await follow('English');
        await follow(words.signIn);
        at(world.mps);
        assert.ok((await page.textContent('body'))?.includes(identity.fullName), await main());
        await check('mps-signed-in');

        // Its LoA2 service: the hub asks only for the missing factor, a code by SMS (the registration's session
        // is a sign-in with the password just set).
        await page.goto(`${world.mps.url}/services/ly-lich-tu-phap`);
        assert.match(new URL(page.url()).pathname, /\/step-up$/, page.url());
        assert.ok((await main()).includes(words.stepUp), await main());
        await check('hub-step-up');
        await page.fill('#code', await codeSentTo(world.hub.url, identity.phoneNumber, 2));
        await submit(page, words.confirm);
        at(world.mps, '/services/ly-lich-tu-phap');
        assert.ok(await page.locator('#certificateType').first().isVisible());
        await check('mps-service-loa2');

        // Signing out on the ministry's portal: the hub confirms, then ends both portals' sessions.
        await page.goto(`${world.mps.url}/`);
        await submit(page, words.signOut);
        assert.ok((await main()).includes(words.signOutQuestion), await main());
        await check('hub-sign-out');
        await submit(page, words.signOut);
        at(world.mps, '/');
        assert.ok(await page.getByRole('link', { name: words.signIn, exact: true }).isVisible());
        await check('mps-signed-out');
        await page.goto(`${world.national.url}/`);
        at(world.national, '/');
        assert.ok(await page.getByRole('link', { name: words.signIn, exact: true }).isVisible());
        assert.ok(
          !(await page.textContent('body'))?.includes(identity.fullName),
          'still signed in at national',
        );
        await check('national-signed-out');
        // Its "who am I" sends the citizen to sign in again: the hub has no session left to pass through.
        await page.goto(`${world.national.url}/me`);
        assert.match(new URL(page.url()).pathname, /^\/oidc\/interaction\/[\w-]+\/login$/, page.url());
        await check('hub-sign-in-again');
      } finally {
        await context.close();
      }
    });
  }
});
