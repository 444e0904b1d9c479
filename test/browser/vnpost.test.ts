/**
 * Registration and sign-in through Vietnam Post in Chromium, as one story per viewing (Vietnamese on a 360×740
 * phone, English on a 1280×800 screen): the citizen starts at the hub's method chooser, goes to PostID, signs up
 * there from its login page and activates with the code from the virtual phone; back at the hub the identity is not
 * approved yet (nothing created) and PostID's status page says it waits for the counter. A clerk (another browser)
 * signs in at the counter console, finds the citizen by ID number, records the document check and approves. The
 * citizen goes through the hub again: consent, account, sign-out; later (a fresh browser) signs in with PostID.
 * Every hub, PostID and console page is screenshotted (`vnpost-*`, in walk order in README) and checked with
 * axe-core (WCAG 2.2 AA).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { accountCount, freshIdNumber } from '../api/vnpost-support.ts';
import { call, startTestSystem, type TestSystem } from '../support/system.ts';
import { CHROMIUM_MISSING, checkPage, launchChromium, openContext, type Viewing } from './browser.ts';
import { navigating, submit, viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
];

const skip = CHROMIUM_MISSING;

/** checkPage, and no sideways scrolling at the viewing's width (WCAG 1.4.10 reflow; the phone is 360 px). */
async function checked(page: Page, viewing: Viewing, name: string) {
  await checkPage(page, viewing, name);
  const [scrollWidth, windowWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  )) as [number, number];
  assert.ok(scrollWidth <= windowWidth, `${name}: ${scrollWidth} px wide in a ${windowWidth} px window`);
}

describe('Vietnam Post (PostID) in Chromium: sign-up at PostID, counter approval, registration and sign-in at the hub', {
  skip,
  concurrency: false,
}, () => {
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

  for (const [n, viewing] of VIEWINGS.entries()) {
    const en = viewing.lang === 'en';
    const w = {
      method: en ? 'Vietnam Post' : 'Bưu điện Việt Nam',
      continue: en ? 'Continue with PostID' : 'Tiếp tục với PostID',
      createAtPostId: en ? 'Create a PostID account' : 'Đăng ký tài khoản PostID',
      signUp: en ? 'Sign up' : 'Đăng ký',
      activate: en ? 'Activate' : 'Kích hoạt',
      usernameInvalid: en ? 'The username is not valid.' : 'Tên đăng nhập không hợp lệ.',
      notApproved: en ? 'Your PostID account is not approved yet' : 'Tài khoản PostID chưa được duyệt',
      waiting: en ? 'Waiting for counter approval' : 'Đang chờ xác minh tại quầy',
      approvedAt: en ? 'Approved at' : 'Đã xác minh tại',
      signIn: en ? 'Sign in' : 'Đăng nhập',
      search: en ? 'Search' : 'Tìm',
      approve: en ? 'Approve' : 'Duyệt',
      decided: en ? 'Decision recorded.' : 'Đã ghi quyết định.',
      accept: en ? 'Agree and create my account' : 'Đồng ý và tạo tài khoản',
      done: en ? 'Registration complete' : 'Đăng ký thành công',
      account: en ? 'Your account' : 'Tài khoản của bạn',
      signOut: en ? 'Sign out' : 'Đăng xuất',
      signInWith: en
        ? 'Sign in with your Vietnam Post account (PostID)'
        : 'Đăng nhập bằng tài khoản Bưu điện (PostID)',
      labels: {
        username: en ? 'Username' : 'Tên đăng nhập',
        password: en ? 'Password' : 'Mật khẩu',
        fullName: en ? 'Full name' : 'Họ và tên',
        female: en ? 'Female' : 'Nữ',
        birthDate: en ? 'Date of birth' : 'Ngày sinh',
        idNumber: en ? 'ID number' : 'Số CCCD/CMND',
        phone: en ? 'Mobile number' : 'Số điện thoại di động',
        address: en ? 'Address' : 'Địa chỉ',
        code: en ? 'Activation code' : 'Mã kích hoạt',
        search: en ? 'Find a pending citizen' : 'Tìm hồ sơ chờ duyệt',
        cccd: en ? 'Citizen ID card (CCCD)' : 'Căn cước / CCCD',
        numberSeen: en ? 'Number on the document' : 'Số trên giấy tờ',
        yes: en ? 'Yes' : 'Có',
      },
    };

    /** A new browser (its own cookies) at the hub in this viewing's language (English through the hub's switch). */
    async function hubPage(path: string): Promise<Page> {
      const context = await openContext(browser, viewing);
      const page = await context.newPage();
      // The machine is shared and loaded: generous waits, the same assertions.
      page.setDefaultTimeout(30_000);
      await page.goto(
        en ? `${system.url}/language/en?next=${encodeURIComponent(path)}` : `${system.url}${path}`,
      );
      return page;
    }

    it(`signs up at PostID from the hub, is approved at the counter, registers and signs in later: ${viewingTitle(viewing)}`, {
      timeout: 300_000,
    }, async () => {
      const issuer = system.system.simulators!.postId.issuer;
      const citizen = {
        username: `do.thi.thu.${viewing.lang}`,
        password: 'Matkhau-Buudien-2026',
        fullName: 'Đỗ Thị Thư',
        birthDate: '04/03/1991',
        idNumber: freshIdNumber(),
        phone: `091355580${n}`,
      };
      const accountsBefore = await accountCount(system);
      const page = await hubPage('/register');
      const field = (label: string) => page.getByLabel(label, { exact: false }).first();
      const check = (step: string) => checked(page, viewing, `vnpost-${step}`);

      // 1. The hub's chooser, Vietnam Post, on to PostID's login page in the hub's language.
      await check('chooser');
      await navigating(page, () => page.getByRole('link', { name: w.method }).click());
      await page.waitForURL(/\/register\/vnpost$/);
      await check('intro');
      await navigating(page, () => page.getByRole('button', { name: w.continue }).click());
      await page.waitForURL((url) => url.href.startsWith(issuer) && url.pathname.startsWith('/interaction/'));
      assert.equal(await page.getAttribute('html', 'lang'), viewing.lang);
      await check('postid-login');

      // 2. No PostID account yet: sign-up from the login page (a mistake first), activation by SMS code.
      await navigating(page, () =>
        page.getByRole('main').getByRole('link', { name: w.createAtPostId, exact: true }).click(),
      );
      await page.waitForURL(/\/signup\?/);
      assert.equal(await page.getAttribute('html', 'lang'), viewing.lang);
      await check('postid-signup');
      await field(w.labels.username).fill('X');
      await submit(page, w.signUp);
      assert.ok(await page.getByText(w.usernameInvalid).first().isVisible());
      await check('postid-signup-errors');
      await field(w.labels.username).fill(citizen.username);
      await field(w.labels.password).fill(citizen.password);
      await field(w.labels.fullName).fill(citizen.fullName);
      await page.getByLabel(w.labels.female, { exact: true }).check();
      await field(w.labels.birthDate).fill(citizen.birthDate);
      await field(w.labels.idNumber).fill(citizen.idNumber);
      await field(w.labels.phone).fill(citizen.phone);
      await field(w.labels.address).fill('1 Tràng Tiền, Hà Nội');
      await submit(page, w.signUp);
      await page.waitForURL(/\/activate$/);
      await check('postid-activate');
      const inbox = await call<Array<{ text: string }>>(
        system.url,
        'GET',
        `/sim/phones/${citizen.phone}/sms?after=0&waitMs=10000`,
      );
      const code = /(\d{6})/.exec(inbox.body.at(-1)!.text)![1]!;
      await field(w.labels.code).fill(code);
      await submit(page, w.activate);

      // 3. Activated, PostID returns to the hub at once: not approved yet, nothing created; PostID's status page.
      await page.waitForURL((url) => url.href.startsWith(`${system.url}/vnpost/callback`));
      assert.ok(await page.getByRole('heading', { name: w.notApproved }).isVisible());
      await check('pending');
      assert.equal(await accountCount(system), accountsBefore, 'nothing created before the counter');
      await page.goto(`${issuer}/account`);
      assert.ok(await page.getByText(w.waiting).isVisible());
      await check('postid-status-pending');

      // 4. At the post office: a clerk (another browser) finds the citizen, records the document check, approves.
      const clerk = (await call(system.url, 'GET', '/sim/postid/clerk')).body as {
        url: string;
        username: string;
        password: string;
      };
      const desk = await (await openContext(browser, viewing)).newPage();
      desk.setDefaultTimeout(30_000);
      const deskField = (label: string) => desk.getByLabel(label, { exact: false }).first();
      const deskCheck = (step: string) => checked(desk, viewing, `vnpost-clerk-${step}`);
      await desk.goto(`${clerk.url}${en ? '?lang=en' : ''}`);
      await deskCheck('signin');
      await deskField(w.labels.username).fill(clerk.username);
      await deskField(w.labels.password).fill(clerk.password);
      await submit(desk, w.signIn);
      await deskCheck('search');
      await deskField(w.labels.search).fill(citizen.idNumber);
      await submit(desk, w.search);
      await deskCheck('results');
      await navigating(desk, () => desk.getByRole('link', { name: citizen.fullName }).click());
      await desk.waitForURL(/\/clerk\/citizens\//);
      assert.ok(await desk.getByText(citizen.idNumber).first().isVisible());
      await deskCheck('record');
      await desk.getByLabel(w.labels.cccd, { exact: true }).check();
      await deskField(w.labels.numberSeen).fill(citizen.idNumber);
      await desk.getByLabel(w.labels.yes, { exact: true }).check();
      await submit(desk, w.approve);
      assert.ok(await desk.getByText(w.decided).isVisible());
      await deskCheck('approved');
      await desk.context().close();

      await page.reload();
      assert.ok(await page.getByText(w.approvedAt).isVisible());
      await check('postid-status-approved');

      // 5. Through the hub again (PostID still knows the citizen): the hub's consent page, then the account.
      await page.goto(`${system.url}/register/vnpost`);
      await navigating(page, () => page.getByRole('button', { name: w.continue }).click());
      await page.waitForURL(/\/register\/vnpost\/consent$/);
      assert.ok(await page.getByText(citizen.idNumber).first().isVisible());
      await check('consent');
      await navigating(page, () => page.getByRole('button', { name: w.accept }).click());
      await page.waitForURL(/\/register\/vnpost\/done$/);
      assert.ok(await page.getByRole('heading', { name: w.done }).isVisible());
      await check('done');
      assert.equal(await accountCount(system), accountsBefore + 1);
      await page.goto(`${system.url}/account`);
      assert.ok(await page.getByRole('heading', { name: w.account }).isVisible());
      await check('account');
      await navigating(page, () => page.getByRole('button', { name: w.signOut }).click());
      await check('signed-out');
      await page.goto(`${system.url}/account`);
      assert.ok(!page.url().endsWith('/account'), 'signed out of the hub');
      await page.context().close();

      // 6. Later, another browser: the hub's sign-in page, PostID's login with the password, signed in.
      const later = await hubPage('/sign-in');
      await checked(later, viewing, 'vnpost-sign-in');
      await navigating(later, () => later.getByRole('button', { name: w.signInWith }).click());
      await later.waitForURL(
        (url) => url.href.startsWith(issuer) && url.pathname.startsWith('/interaction/'),
      );
      await checked(later, viewing, 'vnpost-sign-in-postid-login');
      await later.getByLabel(w.labels.username, { exact: false }).first().fill(citizen.username);
      await later.getByLabel(w.labels.password, { exact: false }).first().fill(citizen.password);
      await navigating(later, () =>
        later.locator('form[action$="/login"] button[type="submit"]').first().click(),
      );
      await later.waitForURL(`${system.url}/account`);
      assert.ok(await later.getByRole('heading', { name: w.account }).isVisible());
      assert.ok(await later.getByText(citizen.idNumber).first().isVisible());
      await checked(later, viewing, 'vnpost-signed-in');
      assert.equal(await accountCount(system), accountsBefore + 1, 'signing in creates nothing');
      await later.context().close();
    });
  }
});
