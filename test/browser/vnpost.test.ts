/**
 * Registration and sign-in through Vietnam Post in Chromium, the hub's side: from the method chooser to PostID's
 * login (in the hub's language, through ui_locales), back to the hub's consent page, the done page, signing out,
 * and signing in later with PostID; and the page of an identity not yet approved at the counter. Vietnamese on a
 * 360×740 phone, English on a 1280×800 screen; every hub and PostID page screenshotted (`vnpost-*`) and checked with
 * axe-core (WCAG 2.2 AA). The PostID account comes from the simulator's dev API: its sign-up, activation and the
 * clerk's approval in a browser are test/postid/browser.test.ts (screenshots `postid-*`).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { postIdAccount } from '../api/vnpost-support.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { CHROMIUM, checkPage, launchChromium, openContext, type Viewing } from './browser.ts';
import { navigating, viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
];

const skip = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install -y chromium)`;

describe('Vietnam Post (PostID) at the hub in Chromium', { skip, concurrency: false }, () => {
  let system: TestSystem;
  let browser: Browser;

  before(async () => {
    system = await startTestSystem('embedded');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  for (const viewing of VIEWINGS) {
    const en = viewing.lang === 'en';
    const w = {
      method: en ? 'Vietnam Post' : 'Bưu điện Việt Nam',
      continue: en ? 'Continue with PostID' : 'Tiếp tục với PostID',
      accept: en ? 'Agree and create my account' : 'Đồng ý và tạo tài khoản',
      done: en ? 'Registration complete' : 'Đăng ký thành công',
      signOut: en ? 'Sign out' : 'Đăng xuất',
      signInWith: en
        ? 'Sign in with your Vietnam Post account (PostID)'
        : 'Đăng nhập bằng tài khoản Bưu điện (PostID)',
      account: en ? 'Your account' : 'Tài khoản của bạn',
      pending: en ? 'Your PostID account is not approved yet' : 'Tài khoản PostID chưa được duyệt',
    };

    /** The hub in this viewing's language (English through the hub's own switch). */
    async function hubPage(path: string): Promise<Page> {
      const context = await openContext(browser, viewing);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(
        en ? `${system.url}/language/en?next=${encodeURIComponent(path)}` : `${system.url}${path}`,
      );
      return page;
    }

    /** PostID's login page (checked), then its sign-in: back at the hub. */
    async function loginAtPostId(page: Page, citizen: { username: string; password: string }, step: string) {
      await page.waitForURL(/\/interaction\//);
      await checkPage(page, viewing, `vnpost-${step}-postid-login`);
      await page.locator('input[name="username"]').fill(citizen.username);
      await page.locator('input[name="password"]').fill(citizen.password);
      await navigating(page, () =>
        page.locator('form[action$="/login"] button[type="submit"]').first().click(),
      );
      await page.waitForURL((url) => url.href.startsWith(system.url));
    }

    it(`registers with PostID after the hub's consent, signs out, signs in with PostID: ${viewingTitle(viewing)}`, async () => {
      const citizen = await postIdAccount(system, 'approved', { fullName: 'Đỗ Thị Thư' });
      const page = await hubPage('/register');
      await navigating(page, () => page.getByRole('link', { name: w.method }).click());
      await page.waitForURL(/\/register\/vnpost$/);
      await checkPage(page, viewing, 'vnpost-intro');
      await navigating(page, () => page.getByRole('button', { name: w.continue }).click());
      await loginAtPostId(page, citizen, 'register');

      await page.waitForURL(/\/register\/vnpost\/consent$/);
      assert.ok(await page.getByText(citizen.idNumber).isVisible());
      await checkPage(page, viewing, 'vnpost-consent');
      await navigating(page, () => page.getByRole('button', { name: w.accept }).click());
      await page.waitForURL(/\/register\/vnpost\/done$/);
      assert.ok(await page.getByRole('heading', { name: w.done }).isVisible());
      await checkPage(page, viewing, 'vnpost-done');

      await page.goto(`${system.url}/account`);
      await checkPage(page, viewing, 'vnpost-account');
      await navigating(page, () => page.getByRole('button', { name: w.signOut }).click());
      await page.goto(`${system.url}/sign-in`);
      await checkPage(page, viewing, 'vnpost-sign-in');
      await navigating(page, () => page.getByRole('button', { name: w.signInWith }).click());
      // Still signed in at PostID (the hub's sign-out is the hub's only): straight back, signed in.
      await page.waitForURL(/\/account$/);
      assert.ok(await page.getByRole('heading', { name: w.account }).isVisible());
      await checkPage(page, viewing, 'vnpost-signed-in');
    });

    it(`explains the counter visit to an identity not yet approved: ${viewingTitle(viewing)}`, async () => {
      const citizen = await postIdAccount(system, 'pending');
      const page = await hubPage('/register/vnpost');
      await navigating(page, () => page.getByRole('button', { name: w.continue }).click());
      await loginAtPostId(page, citizen, 'pending');
      assert.ok(await page.getByRole('heading', { name: w.pending }).isVisible());
      await checkPage(page, viewing, 'vnpost-pending');
    });
  }
});
