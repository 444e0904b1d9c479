/**
 * Registration and sign-in by remote signature in a real browser, approving in the virtual phone's signing app:
 * from the method chooser through the form (its errors first), the page waiting for the approval (the display
 * code the app shows too), the approval on the phone's page, the done page and the account; then sign-in by
 * remote signature from the sign-in page; and a refusal with its way forward (declined in the app, no credential
 * at the provider). Vietnamese on a 360×740 phone with and without JavaScript, English on a 1280×800 screen.
 * Every hub page is screenshotted and checked with axe-core (WCAG 2.2 AA) where JavaScript runs.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { person } from '../../src/simulators/population/people.ts';
import { call } from '../support/system.ts';
import { awaitedSignaturePages } from './awaited-signature.ts';
import { describeInChromium, type Viewing } from './browser.ts';
import { captchaAnswer, loadingAfter, submit, viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
];

const FORM = '/register/remote-signature';
const APP_PIN = '5791';

let nextPerson = 0;
const runSalt = Math.floor(Math.random() * 900);

describeInChromium('registration and sign-in by remote signature in Chromium', (world) => {
  /** A person of the population registry with a remote signature at SmartCA, on a phone of their own. */
  async function remoteUser() {
    const n = nextPerson++;
    const p = person(6400 + runSalt + n * 3);
    const user = {
      provider: 'smartca',
      idNumber: p.idNumber,
      fullName: p.fullName,
      phoneNumber: `+8490${String(7_000_000 + runSalt * 10 + n).slice(-7)}`,
      pin: APP_PIN,
    };
    const created = await call(world.system.url, 'POST', '/sim/remote-signing/users', user);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return user;
  }

  for (const viewing of VIEWINGS) {
    const name = viewingTitle(viewing);
    const en = viewing.lang === 'en';
    const words = {
      register: en ? 'Register' : 'Đăng ký',
      method: en ? 'Personal digital signature' : 'Chữ ký số cá nhân',
      submit: en ? 'Send the signature request to my app' : 'Gửi yêu cầu ký tới ứng dụng',
      signInWith: en ? 'Sign in with your remote signature' : 'Đăng nhập bằng chữ ký số từ xa',
      signInSubmit: en ? 'Send the sign-in request to my app' : 'Gửi yêu cầu đăng nhập tới ứng dụng',
      toAccount: en ? 'Go to your account' : 'Đến trang tài khoản',
      startAgain: en ? 'Start again' : 'Bắt đầu lại',
      labels: {
        id: en ? 'Personal ID number' : 'Số định danh cá nhân',
        smartca: 'VNPT SmartCA',
        captcha: en ? 'Characters in the image' : 'Ký tự trong ảnh',
      },
      phone: {
        pin: en ? 'App PIN' : 'Mã PIN ứng dụng',
        approve: en ? 'Approve' : 'Đồng ý ký',
        decline: en ? 'Decline' : 'Từ chối',
      },
    };

    const { newPage, waitingPage, checkAgain } = awaitedSignaturePages(
      () => world.browser,
      viewing,
      'remote',
    );

    /** The request shown in the signing app on the phone's own page: its text, then approve or decline. */
    async function answerOnPhone(
      phonePage: Page,
      phoneNumber: string,
      displayCode: string,
      answer: 'approve' | 'decline',
    ) {
      await phonePage.goto(
        `${world.system.url}/sim/phones/${encodeURIComponent(phoneNumber)}?lang=${viewing.lang}`,
      );
      const request = phonePage.locator('#signing-app .prompt').first();
      assert.ok((await request.textContent())?.includes(`mã ${displayCode}`), 'the app shows the same code');
      if (answer === 'approve') {
        await request.getByLabel(words.phone.pin).fill(APP_PIN);
        await loadingAfter(phonePage, () =>
          request.getByRole('button', { name: words.phone.approve }).click(),
        );
      } else {
        await loadingAfter(phonePage, () =>
          request.getByRole('button', { name: words.phone.decline }).click(),
        );
      }
      assert.equal(
        await phonePage.locator('#signing-app .prompt').count(),
        0,
        'answered, the request is gone',
      );
    }

    it(`registers with a remote signature approved in the app, then signs in with it: ${name}`, async () => {
      const user = await remoteUser();
      const { context, page, field, check } = await newPage();
      const phonePage = await context.newPage();

      await page.goto(`${world.system.url}/`);
      if (en) await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('link', { name: words.register, exact: true }).first().click();
      await page.getByRole('link', { name: words.method }).click();
      assert.equal(new URL(page.url()).pathname, FORM);
      await check('01-form');

      // Nothing filled in: an error summary naming the ID number, the provider, the captcha and the consent.
      await submit(page, words.submit);
      assert.match(await page.title(), en ? /^Error: / : /^Lỗi: /);
      assert.equal(await page.locator('.error-summary li').count(), 4);
      const summary = (await page.textContent('.error-summary')) ?? '';
      // Each error names its field (in the sentence's case), the captcha's too.
      assert.ok(summary.toLowerCase().includes(words.labels.captcha.toLowerCase()), summary);
      assert.equal(await page.getAttribute('#idNumber', 'aria-invalid'), 'true');
      await check('02-form-errors');

      await field(words.labels.id).fill(user.idNumber);
      await page.getByLabel(words.labels.smartca).check();
      await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
      await page.locator('#consent').check();
      await submit(page, words.submit);
      const displayCode = await waitingPage(page, check, '03-waiting');

      await answerOnPhone(phonePage, user.phoneNumber, displayCode, 'approve');
      await checkAgain(page);
      assert.equal(new URL(page.url()).pathname, `${FORM}/done`);
      await check('04-done');
      await page.getByRole('link', { name: words.toAccount }).click();
      assert.equal(new URL(page.url()).pathname, '/account');
      assert.ok(((await page.textContent('main')) ?? '').includes(user.fullName));

      // Signed out, then in again with the remote signature from the sign-in page.
      // (The language is a cookie too: chosen again.)
      await context.clearCookies();
      await page.goto(`${world.system.url}/language/${viewing.lang}?next=/sign-in`);
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await page.getByRole('link', { name: words.signInWith }).click();
      await check('05-sign-in');
      await field(words.labels.id).fill(user.idNumber);
      await page.getByLabel(words.labels.smartca).check();
      await submit(page, words.signInSubmit);
      const signInCode = await waitingPage(page, check, '06-sign-in-waiting');
      await answerOnPhone(phonePage, user.phoneNumber, signInCode, 'approve');
      await checkAgain(page);
      assert.equal(new URL(page.url()).pathname, '/account');
      assert.ok(((await page.textContent('main')) ?? '').includes(user.fullName));
      await context.close();
    });

    it(`refuses with a way forward: declined in the app, no signature at that provider: ${name}`, async () => {
      const user = await remoteUser();
      const { context, page, field, check } = await newPage();
      const phonePage = await context.newPage();
      await page.goto(`${world.system.url}/language/${viewing.lang}?next=${FORM}`);
      const fill = async (provider: string) => {
        await page.goto(`${world.system.url}${FORM}`);
        await field(words.labels.id).fill(user.idNumber);
        await page.getByLabel(provider).check();
        await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
        await page.locator('#consent').check();
        await submit(page, words.submit);
      };

      await fill(words.labels.smartca);
      const displayCode = await waitingPage(page, check, '07-waiting-again');
      await answerOnPhone(phonePage, user.phoneNumber, displayCode, 'decline');
      await checkAgain(page);
      assert.equal(new URL(page.url()).pathname, `${FORM}/refused`);
      assert.ok(
        ((await page.textContent('main')) ?? '').includes(en ? 'You declined to sign' : 'Bạn đã từ chối ký'),
      );
      await check('08-refused-declined');

      await fill('Viettel MySign');
      assert.equal(new URL(page.url()).pathname, `${FORM}/refused`);
      assert.ok(
        ((await page.textContent('main')) ?? '').includes(
          en ? 'No remote signature found' : 'Không tìm thấy chữ ký số từ xa',
        ),
      );
      await check('09-refused-not-found');
      await loadingAfter(page, () => page.getByRole('link', { name: words.startAgain }).click());
      assert.equal(new URL(page.url()).pathname, FORM);
      await context.close();
    });
  }
});
