/**
 * A rejection at the post-office counter in Chromium (vi on a 360×740 phone, en on a 1280×800 screen; axe-core
 * WCAG 2.2 AA on each new page, screenshots `postid-*`): sign-up from PostID's own home page (not from a service),
 * activation, then a clerk who rejects: the reason is required (the error shown), the decision and its reason kept
 * in the record's history; the citizen's status page gives the reason, and so does the hub's page when the
 * citizen tries to register there with this PostID account (nothing created). The approval story, from the hub's
 * chooser to signing in later, is test/browser/vnpost.test.ts (screenshots `vnpost-*`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { accountCount, freshIdNumber } from '../api/vnpost-support.ts';
import {
  CHROMIUM_MISSING,
  checkPage,
  launchChromium,
  openContext,
  type Viewing,
} from '../browser/browser.ts';
import { navigating, submit, viewingTitle } from '../browser/page-actions.ts';
import { call, startTestSystem, type TestSystem } from '../support/system.ts';

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

describe('PostID pages in Chromium: a rejection at the counter', { skip, concurrency: false }, () => {
  let system: TestSystem;
  let browser: Browser;
  let issuer: string;

  before(async () => {
    system = await startTestSystem('embedded');
    issuer = system.system.simulators!.postId.issuer;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  for (const [n, viewing] of VIEWINGS.entries()) {
    const en = viewing.lang === 'en';
    const reason = en
      ? 'The photo on the ID card does not match the person at the counter'
      : 'Ảnh trên CCCD không khớp với người đến quầy';
    const w = {
      createAccount: en ? 'Create a PostID account' : 'Đăng ký tài khoản PostID',
      signUp: en ? 'Sign up' : 'Đăng ký',
      activate: en ? 'Activate' : 'Kích hoạt',
      signIn: en ? 'Sign in' : 'Đăng nhập',
      search: en ? 'Search' : 'Tìm',
      reject: en ? 'Reject' : 'Từ chối',
      pending: en ? 'Waiting for counter approval' : 'Đang chờ xác minh tại quầy',
      reasonRequired: en ? 'Give the reason for the rejection.' : 'Hãy ghi lý do từ chối.',
      decided: en ? 'Decision recorded.' : 'Đã ghi quyết định.',
      statusRejected: en ? `Rejected: ${reason}` : `Bị từ chối: ${reason}`,
      continue: en ? 'Continue with PostID' : 'Tiếp tục với PostID',
      hubRejected: en
        ? 'Vietnam Post could not confirm your identity'
        : 'Bưu điện chưa xác nhận được danh tính',
      hubReason: en ? `The reason Vietnam Post gave: ${reason}` : `Lý do bưu điện đưa ra: ${reason}`,
      labels: {
        username: en ? 'Username' : 'Tên đăng nhập',
        password: en ? 'Password' : 'Mật khẩu',
        fullName: en ? 'Full name' : 'Họ và tên',
        male: en ? 'Male' : 'Nam',
        birthDate: en ? 'Date of birth' : 'Ngày sinh',
        idNumber: en ? 'ID number' : 'Số CCCD/CMND',
        phone: en ? 'Mobile number' : 'Số điện thoại di động',
        address: en ? 'Address' : 'Địa chỉ',
        code: en ? 'Activation code' : 'Mã kích hoạt',
        search: en ? 'Find a pending citizen' : 'Tìm hồ sơ chờ duyệt',
        cccd: en ? 'Citizen ID card (CCCD)' : 'Căn cước / CCCD',
        numberSeen: en ? 'Number on the document' : 'Số trên giấy tờ',
        no: en ? 'No' : 'Không',
        reason: en ? 'Reason' : 'Lý do',
      },
    };

    it(`a clerk rejects with a reason; PostID and the hub show it: ${viewingTitle(viewing)}`, {
      timeout: 300_000,
    }, async () => {
      const idNumber = freshIdNumber();
      const phone = `091355570${n}`;
      const context = await openContext(browser, viewing);
      const page = await context.newPage();
      // The machine is shared and loaded: generous waits, the same assertions.
      page.setDefaultTimeout(30_000);
      const field = (label: string) => page.getByLabel(label, { exact: false }).first();
      const check = (step: string) => checked(page, viewing, `postid-${step}`);

      // PostID's own home page: sign-up there leads to PostID's status page (no service to go back to).
      await page.goto(`${issuer}/`);
      if (en) await navigating(page, () => page.getByRole('link', { name: 'English' }).click());
      await check('home');
      await navigating(page, () => page.getByRole('link', { name: w.createAccount }).first().click());
      await page.waitForURL(/\/signup/);
      await field(w.labels.username).fill(`citizen.rejected${n}`);
      await field(w.labels.password).fill('Matkhau-2026');
      await field(w.labels.fullName).fill('Phạm Văn Minh');
      await page.getByLabel(w.labels.male, { exact: true }).check();
      await field(w.labels.birthDate).fill('04/03/1991');
      await field(w.labels.idNumber).fill(idNumber);
      await field(w.labels.phone).fill(phone);
      await field(w.labels.address).fill('2 Đinh Lễ, Hà Nội');
      await submit(page, w.signUp);
      await page.waitForURL(/\/activate$/);
      const inbox = await call<Array<{ text: string }>>(
        system.url,
        'GET',
        `/sim/phones/${phone}/sms?after=0&waitMs=10000`,
      );
      await field(w.labels.code).fill(/(\d{6})/.exec(inbox.body.at(-1)!.text)![1]!);
      await submit(page, w.activate);
      await page.waitForURL(`${issuer}/account`);
      assert.ok(await page.getByText(w.pending).isVisible());

      const clerk = (await call(system.url, 'GET', '/sim/postid/clerk')).body as {
        url: string;
        username: string;
        password: string;
      };
      const desk = await (await openContext(browser, viewing)).newPage();
      desk.setDefaultTimeout(30_000);
      const deskField = (label: string) => desk.getByLabel(label, { exact: false }).first();
      await desk.goto(`${clerk.url}${en ? '?lang=en' : ''}`);
      await deskField(w.labels.username).fill(clerk.username);
      await deskField(w.labels.password).fill(clerk.password);
      await submit(desk, w.signIn);
      await deskField(w.labels.search).fill(idNumber);
      await submit(desk, w.search);
      await navigating(desk, () => desk.getByRole('link', { name: 'Phạm Văn Minh' }).click());
      await desk.waitForURL(/\/clerk\/citizens\//);
      await desk.getByLabel(w.labels.cccd, { exact: true }).check();
      await deskField(w.labels.numberSeen).fill('001091999999');
      await desk.getByLabel(w.labels.no, { exact: true }).check();
      await submit(desk, w.reject);
      assert.ok(await desk.getByText(w.reasonRequired).first().isVisible());
      await checked(desk, viewing, 'postid-clerk-reject-errors');
      await deskField(w.labels.reason).fill(reason);
      await submit(desk, w.reject);
      assert.ok(await desk.getByText(w.decided).isVisible());
      assert.ok(await desk.getByRole('cell', { name: reason }).isVisible(), 'the history keeps the reason');
      await checked(desk, viewing, 'postid-clerk-rejected');
      await desk.context().close();

      await page.reload();
      assert.ok(await page.getByText(w.statusRejected).isVisible());
      await check('status-rejected');

      // At the hub, with this PostID account (still signed in at PostID): the reason, and nothing created.
      const accountsBefore = await accountCount(system);
      await page.goto(
        en
          ? `${system.url}/language/en?next=${encodeURIComponent('/register/vnpost')}`
          : `${system.url}/register/vnpost`,
      );
      await navigating(page, () => page.getByRole('button', { name: w.continue }).click());
      await page.waitForURL((url) => url.href.startsWith(`${system.url}/vnpost/callback`));
      assert.ok(await page.getByRole('heading', { name: w.hubRejected }).isVisible());
      assert.ok(await page.getByText(w.hubReason).isVisible());
      await check('hub-rejected');
      assert.equal(await accountCount(system), accountsBefore);
      await context.close();
    });
  }
});
