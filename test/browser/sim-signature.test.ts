/**
 * Registration and sign-in by SIM signature in a real browser, approving on the virtual phone's SIM Toolkit
 * screen: from the method chooser through the form (its errors first), the page waiting for the signature (the
 * display code the SIM shows too), the PIN on the phone's page (a wrong one first: asked again), the done page
 * and the account; then sign-in by SIM signature from the sign-in page; and the refusals with their way forward
 * (cancelled on the phone, a SIM without the service). Vietnamese on a 360×740 phone with and without JavaScript,
 * English on a 1280×800 screen. Every hub page is screenshotted and checked with axe-core (WCAG 2.2 AA) where
 * JavaScript runs.
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

const FORM = '/register/sim-signature';
const SIM_PIN = '3579';

let nextPerson = 0;
const runSalt = Math.floor(Math.random() * 900);

describeInChromium('registration and sign-in by SIM signature in Chromium', (world) => {
  /** A person of the population registry whose SIM holds a signature (or not: `service: false`). */
  async function simSubscriber(service = true) {
    const n = nextPerson++;
    const p = person(5200 + runSalt + n * 3);
    const subscriber = {
      idNumber: p.idNumber,
      fullName: p.fullName,
      phoneNumber: `+8491${String(8_000_000 + runSalt * 10 + n).slice(-7)}`,
      pin: SIM_PIN,
      service,
    };
    const created = await call(world.system.url, 'POST', '/sim/mssp/subscribers', subscriber);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return subscriber;
  }

  for (const viewing of VIEWINGS) {
    const name = viewingTitle(viewing);
    const en = viewing.lang === 'en';
    const words = {
      register: en ? 'Register' : 'Đăng ký',
      method: en ? 'SIM digital signature' : 'Sim ký số',
      submit: en ? 'Send the signature request to my SIM' : 'Gửi yêu cầu ký tới SIM',
      signInWith: en ? 'Sign in with your SIM signature' : 'Đăng nhập bằng chữ ký số trên SIM',
      signInSubmit: en ? 'Send the sign-in request to my SIM' : 'Gửi yêu cầu đăng nhập tới SIM',
      toAccount: en ? 'Go to your account' : 'Đến trang tài khoản',
      startAgain: en ? 'Start again' : 'Bắt đầu lại',
      otherMethods: en ? 'Choose another way to register' : 'Chọn cách đăng ký khác',
      labels: {
        phone: en ? 'Phone number' : 'Số điện thoại',
        captcha: en ? 'Characters in the image' : 'Ký tự trong ảnh',
      },
      phone: {
        pin: en ? 'SIM signature PIN' : 'Mã PIN ký số của SIM',
        ok: 'OK',
        cancel: en ? 'Cancel' : 'Hủy',
      },
    };

    const { newPage, waitingPage, checkAgain } = awaitedSignaturePages(() => world.browser, viewing, 'sim');

    /** The SIM Toolkit prompt on the phone's own page: its text, then a PIN (OK) or Cancel. */
    async function answerOnPhone(
      phonePage: Page,
      phoneNumber: string,
      displayCode: string,
      answer: { pin: string } | 'cancel',
    ) {
      await phonePage.goto(
        `${world.system.url}/sim/phones/${encodeURIComponent(phoneNumber)}?lang=${viewing.lang}`,
      );
      const prompt = phonePage.locator('#sim-toolkit .prompt').first();
      assert.ok((await prompt.textContent())?.includes(`mã ${displayCode}`), 'the SIM shows the same code');
      if (answer === 'cancel')
        await loadingAfter(phonePage, () => prompt.getByRole('button', { name: words.phone.cancel }).click());
      else {
        await prompt.getByLabel(words.phone.pin).fill(answer.pin);
        await loadingAfter(phonePage, () => prompt.getByRole('button', { name: words.phone.ok }).click());
      }
    }

    it(`registers with the SIM signature approved on the phone, then signs in with it: ${name}`, async () => {
      const sim = await simSubscriber();
      const { context, page, field, check } = await newPage();
      const phonePage = await context.newPage();

      await page.goto(`${world.system.url}/`);
      if (en) await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('link', { name: words.register, exact: true }).first().click();
      await page.getByRole('link', { name: words.method }).click();
      assert.equal(new URL(page.url()).pathname, FORM);
      await check('01-form');

      // Nothing filled in: an error summary naming the phone number, the captcha and the consent.
      await submit(page, words.submit);
      assert.match(await page.title(), en ? /^Error: / : /^Lỗi: /);
      assert.equal(await page.locator('.error-summary li').count(), 3);
      assert.equal(await page.getAttribute('#phoneNumber', 'aria-invalid'), 'true');
      await check('02-form-errors');

      await field(words.labels.phone).fill(`0${sim.phoneNumber.slice(3)}`);
      await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
      await page.locator('#consent').check();
      await submit(page, words.submit);
      const displayCode = await waitingPage(page, check, '03-waiting');
      assert.equal(
        (await page.request.head(`${world.system.url}${FORM}/waiting`)).headers().refresh,
        '3',
        'the page reloads itself every 3 s unless stopped',
      );

      // A wrong PIN: the SIM asks again, the page still waits; then the right one.
      await answerOnPhone(phonePage, sim.phoneNumber, displayCode, { pin: '0000' });
      await checkAgain(page);
      assert.match(new URL(page.url()).pathname, /\/waiting$/);
      await answerOnPhone(phonePage, sim.phoneNumber, displayCode, { pin: SIM_PIN });
      await checkAgain(page);
      assert.equal(new URL(page.url()).pathname, `${FORM}/done`);
      await check('04-done');
      await page.getByRole('link', { name: words.toAccount }).click();
      assert.equal(new URL(page.url()).pathname, '/account');
      assert.ok(((await page.textContent('main')) ?? '').includes(sim.fullName));

      // Signed out, then in again with the SIM signature from the sign-in page.
      await context.clearCookies();
      await page.goto(`${world.system.url}/language/${viewing.lang}?next=/sign-in`);
      await page.getByRole('link', { name: words.signInWith }).click();
      await check('05-sign-in');
      await field(words.labels.phone).fill(`0${sim.phoneNumber.slice(3)}`);
      await submit(page, words.signInSubmit);
      const signInCode = await waitingPage(page, check, '06-sign-in-waiting');
      await answerOnPhone(phonePage, sim.phoneNumber, signInCode, { pin: SIM_PIN });
      await checkAgain(page);
      assert.equal(new URL(page.url()).pathname, '/account');
      assert.ok(((await page.textContent('main')) ?? '').includes(sim.fullName));
      await context.close();
    });

    it(`refuses with a way forward: cancelled on the phone, a SIM without the service: ${name}`, async () => {
      const sim = await simSubscriber();
      const without = await simSubscriber(false);
      const { context, page, field, check } = await newPage();
      const phonePage = await context.newPage();
      await page.goto(`${world.system.url}/language/${viewing.lang}?next=${FORM}`);
      const fill = async (phoneNumber: string) => {
        await page.goto(`${world.system.url}${FORM}`);
        await field(words.labels.phone).fill(phoneNumber);
        await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
        await page.locator('#consent').check();
        await submit(page, words.submit);
      };

      await fill(sim.phoneNumber);
      const displayCode = await waitingPage(page, check, '07-waiting-again');
      await answerOnPhone(phonePage, sim.phoneNumber, displayCode, 'cancel');
      await checkAgain(page);
      assert.equal(new URL(page.url()).pathname, `${FORM}/refused`);
      assert.ok(
        ((await page.textContent('main')) ?? '').includes(en ? 'You declined to sign' : 'Bạn đã từ chối ký'),
      );
      await check('08-refused-cancelled');

      await fill(without.phoneNumber);
      assert.equal(new URL(page.url()).pathname, `${FORM}/refused`);
      assert.ok(
        ((await page.textContent('main')) ?? '').includes(
          en ? 'This SIM has no digital signature' : 'SIM chưa có chữ ký số',
        ),
      );
      await check('09-refused-not-enabled');
      await loadingAfter(page, () => page.getByRole('link', { name: words.otherMethods }).click());
      assert.equal(new URL(page.url()).pathname, '/register');
      await context.close();
    });
  }
});
