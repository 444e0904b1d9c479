/**
 * The account page of an organisation in a real browser: its name and tax code, its sign-in methods with
 * Remove, a removal and the refusal of the last one. Vietnamese on a 360×740 phone with and without
 * JavaScript, English on a 1280×800 screen; every page screenshotted, and checked with axe-core where
 * JavaScript runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { anOrganisation, systemAccounts } from '../api/organisations-support.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { CHROMIUM_MISSING, checkPage, launchChromium, openContext, type Viewing } from './browser.ts';
import { viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
];

const skip = CHROMIUM_MISSING;

describe('the account page of an organisation in Chromium', { skip, concurrency: false }, () => {
  let system: TestSystem;
  let browser: Browser;
  let made: ReturnType<typeof systemAccounts>;
  let taxCodes = 0;

  before(async () => {
    system = await startTestSystem('embedded');
    browser = await launchChromium();
    made = systemAccounts(system);
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  for (const viewing of VIEWINGS) {
    const en = viewing.lang === 'en';
    it(`shows the organisation and removes a sign-in method, never the last: ${viewingTitle(viewing)}`, async () => {
      const taxCode = `0108${String(500_000 + ++taxCodes).slice(-6)}`;
      const registered = await made.registerVerified(anOrganisation(taxCode, taxCode.padEnd(64, 'b')), {
        requestId: 'browser',
        clientIp: '203.0.113.20',
      });
      assert.ok(registered.ok);
      const { accountId } = registered.value;
      await made.accounts.addCredential(accountId, {
        type: 'federated',
        identifier: `vnpost:${taxCode}`,
        secret: '',
      });
      const token = (await made.sessionCookie(accountId)).slice('sid='.length);
      const context = await openContext(browser, viewing);
      await context.addCookies([{ name: 'sid', value: token, url: system.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const check = (step: string) => checkPage(page, viewing, `organisation-account-${step}`);

      await page.goto(en ? `${system.url}/language/en?next=/account` : `${system.url}/account`);
      await page.getByText(taxCode, { exact: true }).waitFor();
      await page.getByText(en ? 'Sign-in methods' : 'Cách đăng nhập', { exact: true }).waitFor();
      await check('two-methods');

      const postId = en ? 'Vietnam Post (PostID) account' : 'Tài khoản Bưu điện Việt Nam (PostID)';
      await page.getByRole('button', { name: en ? `Remove ${postId}` : `Gỡ ${postId}` }).click();
      await page
        .getByText(en ? `${postId} was removed from your account.` : `Đã gỡ ${postId} khỏi tài khoản.`)
        .waitFor();
      await page
        .getByText(en ? 'This is the only sign-in method' : 'Đây là cách đăng nhập duy nhất')
        .waitFor();
      assert.equal(await page.getByRole('button', { name: en ? /^Remove/ : /^Gỡ/ }).count(), 0);
      await check('last-method');
      await context.close();
    });
  }
});
