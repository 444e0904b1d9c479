/**
 * PostID's sign-up and clerk pages in Chromium (vi on a 360×740 phone, en on a 1280×800 screen; axe-core WCAG
 * 2.2 AA on each page, screenshots `postid-*`): the sign-up form and its errors, activation with the code from
 * the virtual phone, the status page waiting for the counter, the clerk's sign-in, search, record and approval,
 * then the citizen's status approved.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { CHROMIUM, checkPage, launchChromium, openContext, type Viewing } from '../browser/browser.ts';
import { submit, viewingTitle } from '../browser/page-actions.ts';
import { call, startTestSystem, type TestSystem } from '../support/system.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
];

const skip = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install -y chromium)`;

describe('PostID pages in Chromium', { skip, concurrency: false }, () => {
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
    const w = {
      signUp: en ? 'Sign up' : 'Đăng ký',
      activate: en ? 'Activate' : 'Kích hoạt',
      signIn: en ? 'Sign in' : 'Đăng nhập',
      search: en ? 'Search' : 'Tìm',
      approve: en ? 'Approve' : 'Duyệt',
      pending: en ? 'Waiting for counter approval' : 'Đang chờ xác minh tại quầy',
      approved: en ? 'Approved at' : 'Đã xác minh tại',
      decided: en ? 'Decision recorded.' : 'Đã ghi quyết định.',
      usernameInvalid: en ? 'The username is not valid.' : 'Tên đăng nhập không hợp lệ.',
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
        yes: en ? 'Yes' : 'Có',
      },
    };
    const idNumber = `00108800070${n}`;
    const phone = `091355570${n}`;

    it(`signs up, activates, and a clerk approves: ${viewingTitle(viewing)}`, async () => {
      const context = await openContext(browser, viewing);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const field = (label: string) => page.getByLabel(label, { exact: false }).first();
      const check = (step: string) => checkPage(page, viewing, `postid-${step}`);

      await page.goto(`${issuer}/`);
      if (en)
        await Promise.all([
          page.waitForLoadState('load'),
          page.getByRole('link', { name: 'English' }).click(),
        ]);
      await check('home');
      await Promise.all([
        page.waitForLoadState('load'),
        page
          .getByRole('link', { name: en ? 'Create a PostID account' : 'Đăng ký tài khoản PostID' })
          .first()
          .click(),
      ]);
      await page.waitForURL(/\/signup/);
      await check('signup');
      await field(w.labels.username).fill('X');
      await submit(page, w.signUp);
      assert.ok(await page.getByText(w.usernameInvalid).first().isVisible());
      await check('signup-errors');

      await field(w.labels.username).fill(`citizen.browser${n}`);
      await field(w.labels.password).fill('Matkhau-2026');
      await field(w.labels.fullName).fill('Đỗ Thị Thư');
      await page.getByLabel(w.labels.male, { exact: true }).check();
      await field(w.labels.birthDate).fill('12/05/1988');
      await field(w.labels.idNumber).fill(idNumber);
      await field(w.labels.phone).fill(phone);
      await field(w.labels.address).fill('1 Tràng Tiền, Hà Nội');
      await submit(page, w.signUp);
      await page.waitForURL(/\/activate$/);
      await check('activate');
      const inbox = await call<Array<{ text: string }>>(
        system.url,
        'GET',
        `/sim/phones/${phone}/sms?after=0&waitMs=5000`,
      );
      const code = /(\d{6})/.exec(inbox.body.at(-1)!.text)![1]!;
      await field(w.labels.code).fill(code);
      await submit(page, w.activate);
      await page.waitForURL(/\/account$/);
      assert.ok(await page.getByText(w.pending).isVisible());
      await check('status-pending');

      const clerk = (await call(system.url, 'GET', '/sim/postid/clerk')).body as {
        url: string;
        username: string;
        password: string;
      };
      const console = await (await openContext(browser, viewing)).newPage();
      console.setDefaultTimeout(10_000);
      const clerkField = (label: string) => console.getByLabel(label, { exact: false }).first();
      const clerkCheck = (step: string) => checkPage(console, viewing, `postid-clerk-${step}`);
      await console.goto(`${clerk.url}${en ? '?lang=en' : ''}`);
      await clerkCheck('signin');
      await clerkField(w.labels.username).fill(clerk.username);
      await clerkField(w.labels.password).fill(clerk.password);
      await submit(console, w.signIn);
      await clerkCheck('search');
      await clerkField(w.labels.search).fill(idNumber);
      await submit(console, w.search);
      await clerkCheck('results');
      await Promise.all([
        console.waitForLoadState('load'),
        console.getByRole('link', { name: 'Đỗ Thị Thư' }).click(),
      ]);
      await console.waitForURL(/\/clerk\/citizens\//);
      await clerkCheck('record');
      await console.getByLabel(w.labels.cccd, { exact: true }).check();
      await clerkField(w.labels.numberSeen).fill(idNumber);
      await console.getByLabel(w.labels.yes, { exact: true }).check();
      await submit(console, w.approve);
      assert.ok(await console.getByText(w.decided).isVisible());
      await clerkCheck('approved');

      await page.reload();
      assert.ok(await page.getByText(w.approved).isVisible());
      await check('status-approved');
      await context.close();
    });
  }
});
