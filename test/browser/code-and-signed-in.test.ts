/**
 * Issue 17, points 7 to 9 in a real browser: the code page (a code typed as `123 456` or `123-456`, an
 * early resend told as a notice, the resend countdown ending in "now", the "didn't get the code?" section
 * with its ways out), the citizen signed in once registered, and the recovery code's own SMS text. Both
 * languages, with and without JavaScript; every page screenshotted (`code-*`, `done-*`) and, where
 * JavaScript runs, checked with axe-core (WCAG 2.2 AA). The browser's clock is Playwright's fake one, so
 * the countdown is moved, not waited for. Enter in the forgot-password form's captcha field, then in its
 * first field, submits it (screenshot `code-04-recovery-form-error`).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  smsReceived,
} from '../support/journey.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { CHROMIUM_MISSING, checkPage, launchChromium, openContext, type Viewing } from './browser.ts';
import { captchaAnswer, ddmmyyyy, pressEnter, submit, viewingTitle } from './page-actions.ts';

const VIEWINGS: Array<Viewing & { separator: string }> = [
  { lang: 'vi', width: 360, height: 740, javaScript: true, separator: ' ' },
  { lang: 'vi', width: 360, height: 740, javaScript: false, separator: '-' },
  { lang: 'en', width: 1280, height: 800, javaScript: true, separator: '-' },
  { lang: 'en', width: 360, height: 740, javaScript: false, separator: ' ' },
];

const skip = CHROMIUM_MISSING;
const FORM = '/register/mobile';

describe('the code page, signed in after registering, the recovery SMS, in Chromium', {
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

  for (const viewing of VIEWINGS) {
    const name = viewingTitle(viewing);
    const en = viewing.lang === 'en';
    const words = {
      sendCode: en ? 'Send the code' : 'Gửi mã OTP',
      confirm: en ? 'Confirm' : 'Xác nhận',
      resend: en ? 'Send a new code' : 'Gửi lại mã',
      finish: en ? 'Finish registration' : 'Hoàn tất đăng ký',
      signOut: en ? 'Sign out' : 'Đăng xuất',
      noCode: en ? "Didn't get the code?" : 'Không nhận được mã?',
      wait: en ? 'about a minute' : 'khoảng một phút',
      wrongNumber: en ? 'Wrong phone number?' : 'Sai số điện thoại?',
      otherMethods: en ? 'Register another way' : 'Đăng ký bằng cách khác',
      tooSoon: en ? 'The code we sent still works. Please wait' : 'Mã đã gửi vẫn dùng được. Vui lòng đợi',
      resendNow: en ? 'You can ask for a new code now.' : 'Bạn có thể yêu cầu mã mới ngay bây giờ.',
      resent: en ? 'A new code was sent' : 'Đã gửi mã mới',
      signedIn: en ? 'you are signed in' : 'bạn đã đăng nhập',
      toAccount: en ? 'Go to your account' : 'Đến trang tài khoản',
    };

    async function newPage() {
      const context = await openContext(browser, viewing);
      // Timers and Date in the page run on a clock the test moves: countdowns without waiting.
      await context.clock.install();
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${system.url}/language/${viewing.lang}?next=${FORM}`);
      return { context, page, check: (step: string) => checkPage(page, viewing, step) };
    }
    const main = async (page: Page) => (await page.textContent('main')) ?? '';

    /** An early resend: with JavaScript the button waits, so a page left open in another tab is imitated. */
    async function resendEarly(page: Page) {
      if (!viewing.javaScript) return submit(page, words.resend);
      assert.equal(await page.getByRole('button', { name: words.resend }).isDisabled(), true);
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.locator('form.resend').evaluate((form) => (form as { submit(): void }).submit()),
      ]);
    }

    it(`code page, then signed in after registering: ${name}`, async () => {
      const identity = newIdentity({ fullName: 'Phạm Thị Thu Hà' });
      await registerSubscriber(system.url, identity);
      const { context, page, check } = await newPage();
      await page.fill('#idNumber', identity.idNumber);
      await page.fill('#fullName', identity.fullName);
      await page.fill('#birthDate', ddmmyyyy(identity.birthDate));
      await page.fill('#phoneNumber', identity.phoneNumber);
      await page.fill('#captchaAnswer', await captchaAnswer(system, page));
      await page.locator('#consent').check();
      await submit(page, words.sendCode);
      assert.equal(new URL(page.url()).pathname, `${FORM}/code`);

      // What to do when no code came: wait, send again, wrong number, another method.
      const section = page.locator('section.no-code');
      assert.equal(await section.getByRole('heading', { level: 2, name: words.noCode }).count(), 1);
      assert.ok(((await section.textContent()) ?? '').includes(words.wait));
      assert.equal(await section.getByRole('button', { name: words.resend }).count(), 1);
      const wrongNumber = section.locator(`form[action="${FORM}/code/wrong-number"]`);
      assert.equal(await wrongNumber.getByRole('button', { name: words.wrongNumber }).count(), 1);
      assert.equal(await section.locator('a[href="/register"]', { hasText: words.otherMethods }).count(), 1);
      await check('code-01');

      // Asking again too early is a notice, not an error: no error summary, the field is not marked.
      await resendEarly(page);
      const notice = page.locator('.notice[role=status]');
      assert.ok(((await notice.textContent()) ?? '').includes(words.tooSoon), await main(page));
      assert.equal(await page.locator('.error-summary').count(), 0);
      assert.equal(await page.getAttribute('#code', 'aria-invalid'), null);
      assert.equal(await smsReceived(system.url, identity.phoneNumber).then((inbox) => inbox.length), 1);
      await check('code-02-resend-too-soon');

      // The code as the phone shows it or people write it: 123 456 / 123-456.
      const code = await codeSentTo(system.url, identity.phoneNumber, 1);
      const typed = `${code.slice(0, 3)}${viewing.separator}${code.slice(3)}`;
      await page.fill('#code', typed);
      assert.equal(await page.inputValue('#code'), typed, 'the field takes the separator');
      await submit(page, words.confirm);
      assert.equal(new URL(page.url()).pathname, `${FORM}/password`);

      await page.fill('#password', STRONG_PASSWORD);
      await page.fill('#confirmPassword', STRONG_PASSWORD);
      await submit(page, words.finish);
      assert.equal(new URL(page.url()).pathname, `${FORM}/done`);
      assert.ok((await main(page)).includes(words.signedIn), await main(page));
      await check('done-01-signed-in');

      // Signed in: no ID number and password typed again.
      await page.getByRole('link', { name: words.toAccount }).click();
      assert.equal(new URL(page.url()).pathname, '/account');
      assert.ok((await main(page)).includes(identity.fullName));
      await check('done-02-account');
      await page.goto(`${system.url}/sign-in`);
      assert.equal(
        new URL(page.url()).pathname,
        '/account',
        'the sign-in page knows the citizen is signed in',
      );
      await context.close();
    });

    it(`the recovery code: its own SMS, its code page, the countdown ending in "now": ${name}`, async () => {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      await registerCompletely(system.url, identity);
      const { context, page, check } = await newPage();
      await page.goto(`${system.url}/forgot-password`);
      // Enter in the captcha field submits the form (not "new image"): the ID number's error comes back with
      // the captcha and its answer kept; then Enter in the first field sends it.
      const answer = await captchaAnswer(system, page);
      await page.fill('#idNumber', identity.idNumber.slice(0, 5));
      await page.fill('#captchaAnswer', answer);
      await pressEnter(page, '#captchaAnswer');
      assert.equal(new URL(page.url()).pathname, '/forgot-password');
      assert.equal(await page.getAttribute('#idNumber', 'aria-invalid'), 'true');
      assert.equal(await page.inputValue('#captchaAnswer'), answer, 'the captcha and its answer kept');
      await check('code-04-recovery-form-error');
      // Recovery offers the captcha's recording too (WCAG 2.2 SC 3.3.8), as the registration form does.
      if (existsSync('/usr/bin/espeak-ng'))
        assert.equal(await page.locator('audio[controls]').count(), 1, 'the recording of the captcha');
      await page.fill('#idNumber', identity.idNumber);
      await pressEnter(page, '#idNumber');
      assert.equal(new URL(page.url()).pathname, '/forgot-password/code');

      const code = await codeSentTo(system.url, identity.phoneNumber, 2);
      const sms = (await smsReceived(system.url, identity.phoneNumber)).map((m) => m.text);
      assert.match(sms[0] ?? '', /de DANG KY tai khoan/);
      assert.match(sms[1] ?? '', new RegExp(`^DVCQG: Ma xac thuc ${code} de DAT LAI MAT KHAU`));
      assert.doesNotMatch(sms[1] ?? '', /DANG KY/);

      // Recovery has no phone number to get wrong, and no other method: wait, or send again.
      const section = page.locator('section.no-code');
      assert.equal(await section.getByRole('heading', { level: 2, name: words.noCode }).count(), 1);
      assert.equal(await section.locator('a').count(), 0);
      const note = section.locator('p.timer');
      if (viewing.javaScript) {
        // The countdown runs down on the page's own clock and then says "now", and the button wakes up.
        assert.ok(!((await note.textContent()) ?? '').includes(words.resendNow));
        await page.clock.runFor(61_000);
        assert.equal((await note.textContent())?.trim(), words.resendNow);
        assert.equal(await section.getByRole('button', { name: words.resend }).isEnabled(), true);
      }
      await check('code-03-recovery');
      system.clock.advance(61_000);
      if (!viewing.javaScript) {
        await page.reload();
        assert.equal((await note.textContent())?.trim(), words.resendNow, 'the server says "now" too');
      }
      await submit(page, words.resend);
      assert.ok(((await page.locator('.notice-success').textContent()) ?? '').includes(words.resent));
      const second = await codeSentTo(system.url, identity.phoneNumber, 3);
      await page.fill('#code', `${second.slice(0, 3)}${viewing.separator}${second.slice(3)}`);
      await submit(page, words.confirm);
      assert.equal(new URL(page.url()).pathname, '/forgot-password/password');
      await context.close();
    });
  }
});
