/**
 * Registration by social insurance in a real browser: from the method chooser through the form (its errors
 * first), the code sent to the phone on the social-insurance record, the password, then sign-in; and the
 * refusals with their way forward. Vietnamese on a 360×740 phone with and without JavaScript, English on a
 * 1280×800 screen. Every page is screenshotted and checked with axe-core (WCAG 2.2 AA) where JavaScript runs.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { maskPhone } from '../../src/domain/phone.ts';
import { codeSentTo, STRONG_PASSWORD } from '../support/journey.ts';
import {
  addInsuranceRecord,
  type InsuredPerson,
  insuredWithRecord,
  newInsuredPerson,
} from '../support/social-insurance.ts';
import { call } from '../support/system.ts';
import { checkPage, describeInChromium, openContext, type Viewing } from './browser.ts';
import { captchaAnswer, ddmmyyyy, pressEnter, submit, viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
];

const FORM = '/register/social-insurance';

describeInChromium('registration by social insurance in Chromium', (world) => {
  for (const viewing of VIEWINGS) {
    const name = viewingTitle(viewing);
    const en = viewing.lang === 'en';
    const words = {
      register: en ? 'Register' : 'Đăng ký',
      method: en ? 'Social insurance number' : 'Mã số bảo hiểm xã hội',
      notYet: en ? 'Not available yet' : 'Chưa hỗ trợ',
      sendCode: en ? 'Send the code' : 'Gửi mã OTP',
      confirm: en ? 'Confirm' : 'Xác nhận',
      finish: en ? 'Finish registration' : 'Hoàn tất đăng ký',
      signIn: en ? 'Sign in' : 'Đăng nhập',
      tryAgain: en ? 'Try again' : 'Thử lại',
      numberInvalid: en
        ? 'The social insurance number is exactly 10 digits.'
        : 'Mã số bảo hiểm xã hội gồm đúng 10 chữ số.',
      labels: {
        number: en ? 'Social insurance number' : 'Mã số bảo hiểm xã hội',
        id: en ? 'Citizen ID number' : 'Số CCCD/CMND',
        name: en ? 'Full name' : 'Họ và tên',
        birth: en ? 'Date of birth' : 'Ngày sinh',
        captcha: en ? 'Characters in the image' : 'Ký tự trong ảnh',
        code: en ? 'Code' : 'Mã OTP',
        password: en ? 'Password' : 'Mật khẩu',
        confirm: en ? 'Confirm the password' : 'Nhập lại mật khẩu',
      },
    };

    async function newPage() {
      const context = await openContext(world.browser, viewing);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const field = (label: string) => page.getByLabel(label, { exact: false }).first();
      return { context, page, field, check: (step: string) => checkPage(page, viewing, `si-${step}`) };
    }

    it(`registers by social insurance, then signs in: ${name}`, async () => {
      const insured = await insuredWithRecord(world.system.url, { fullName: 'Lê Thị Hồng Gấm' });
      const { context, page, field, check } = await newPage();

      await page.goto(`${world.system.url}/`);
      if (en) await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('link', { name: words.register, exact: true }).first().click();
      await check('01-methods');
      assert.equal(await page.getByText(words.notYet).count(), 0, 'all six methods are built');
      await page.getByRole('link', { name: words.method }).click();
      assert.equal(new URL(page.url()).pathname, FORM);
      await check('02-form');

      // Nothing filled in: an error summary linking to each of the six fields.
      await submit(page, words.sendCode);
      assert.match(await page.title(), en ? /^Error: / : /^Lỗi: /);
      assert.equal(await page.locator('.error-summary li').count(), 6);
      await check('03-form-errors');

      // A social-insurance number that is not 10 digits: its own message, the other entries kept.
      await field(words.labels.number).fill('12345');
      await field(words.labels.id).fill(insured.idNumber);
      await field(words.labels.name).fill(insured.fullName);
      await field(words.labels.birth).fill(ddmmyyyy(insured.birthDate));
      await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
      await page.locator('#consent').check();
      await submit(page, words.sendCode);
      assert.ok((await page.textContent('.error-summary'))?.includes(words.numberInvalid));
      assert.equal(await page.inputValue('#idNumber'), insured.idNumber);
      assert.equal(await page.inputValue('#fullName'), insured.fullName);
      assert.notEqual(await page.inputValue('#captchaAnswer'), '', 'the unchecked captcha is kept');
      assert.equal(await page.getAttribute('#socialInsuranceNumber', 'aria-invalid'), 'true');
      await check('04-form-number-invalid');

      // Enter in the captcha field submits the form; the code goes to the phone on the record.
      await field(words.labels.number).fill(insured.socialInsuranceNumber);
      await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
      await pressEnter(page, '#captchaAnswer');
      assert.equal(new URL(page.url()).pathname, `${FORM}/code`);
      assert.ok((await page.textContent('main'))?.includes(maskPhone(insured.phoneNumber)));
      await check('05-code');
      await field(words.labels.code).fill(await codeSentTo(world.system.url, insured.phoneNumber, 1));
      await submit(page, words.confirm);
      assert.equal(new URL(page.url()).pathname, `${FORM}/password`);
      await check('06-password');
      await field(words.labels.password).fill(STRONG_PASSWORD);
      await field(words.labels.confirm).fill(STRONG_PASSWORD);
      await submit(page, words.finish);
      assert.equal(new URL(page.url()).pathname, `${FORM}/done`);
      await check('07-done');

      // Registering signed the citizen in: the done page leads to the account.
      await page.getByRole('link', { name: en ? 'Go to your account' : 'Đến trang tài khoản' }).click();
      assert.equal(new URL(page.url()).pathname, '/account');
      const account = (await page.textContent('main')) ?? '';
      assert.ok(account.includes(insured.fullName), 'the name');
      assert.ok(account.includes(words.method), 'the registration method, by its name');
      await check('08-account');
      await context.close();
    });

    it(`refuses with a way forward: ${name}`, async () => {
      const { context, page, check } = await newPage();
      await page.goto(`${world.system.url}/language/${viewing.lang}?next=${FORM}`);
      const fill = async (insured: InsuredPerson) => {
        await page.goto(`${world.system.url}${FORM}`);
        await page.fill('#socialInsuranceNumber', insured.socialInsuranceNumber);
        await page.fill('#idNumber', insured.idNumber);
        await page.fill('#fullName', insured.fullName);
        await page.fill('#birthDate', ddmmyyyy(insured.birthDate));
        await page.fill('#captchaAnswer', await captchaAnswer(world.system, page));
        await page.locator('#consent').check();
        await submit(page, words.sendCode);
      };
      const main = async () => (await page.textContent('main')) ?? '';

      // No record matches: what to check, VSS's hotline, and back to the entries.
      const insured = await insuredWithRecord(world.system.url);
      await fill({ ...insured, fullName: 'Trần Văn Bình' });
      assert.match(page.url(), /\/refused\/INSURANCE_RECORD_MISMATCH\?/);
      assert.ok((await main()).includes('19009068'));
      assert.equal(await page.locator('a[href="tel:19009068"]').count(), 1);
      await check('10-refused-mismatch');
      await page.getByRole('link', { name: words.tryAgain }).click();
      assert.equal(new URL(page.url()).pathname, FORM);
      assert.equal(await page.inputValue('#socialInsuranceNumber'), insured.socialInsuranceNumber);
      assert.equal(await page.inputValue('#fullName'), 'Trần Văn Bình');

      // The record holds no phone: update it with VSS, or choose another method.
      const noPhone = newInsuredPerson();
      await addInsuranceRecord(world.system.url, noPhone, { phoneNumber: null });
      await fill(noPhone);
      assert.match(page.url(), /\/refused\/INSURANCE_NO_PHONE\?/);
      assert.ok((await main()).includes('VssID'));
      assert.equal(await page.locator('main a[href="/register"]').count(), 1);
      await check('11-refused-no-phone');

      // The registry is down: try again later; nothing was kept.
      await call(world.system.url, 'POST', '/sim/social-insurance/outage', { down: true });
      try {
        await fill(insured);
      } finally {
        await call(world.system.url, 'POST', '/sim/social-insurance/outage', { down: false });
      }
      assert.match(page.url(), /\/refused\/SOCIAL_INSURANCE_UNAVAILABLE\?/);
      assert.equal(await page.locator(`main a[href="${FORM}"]`).count(), 1);
      await check('12-refused-registry-down');
      await context.close();
    });
  }
});
