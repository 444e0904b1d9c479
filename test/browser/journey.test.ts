/**
 * The whole citizen journey in a real browser: registration (code read from the virtual phone), sign-in,
 * account, password change, sign-out and password recovery, plus the refusal pages; in Vietnamese and
 * English, on a 360×740 phone and a 1280×800 screen, and once with JavaScript off. Every page is
 * screenshotted and checked with axe-core (WCAG 2.2 AA), including pages that show errors.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  codeSentTo,
  type Identity,
  newIdentity,
  registerSubscriber,
  STRONG_PASSWORD,
} from '../support/journey.ts';
import { call } from '../support/system.ts';
import { checkPage, describeInChromium, openContext, type Viewing } from './browser.ts';
import { captchaAnswer, ddmmyyyy, localPhone, pressEnter, submit, viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
  { lang: 'en', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 1280, height: 800, javaScript: true },
];

const NEW_PASSWORD = 'Mây!Trắng2025bay';

describeInChromium('citizen pages in Chromium', (world) => {
  for (const viewing of VIEWINGS) {
    const name = viewingTitle(viewing);
    const en = viewing.lang === 'en';
    const words = {
      register: en ? 'Register' : 'Đăng ký',
      mobile: en ? 'Mobile subscriber' : 'Thuê bao di động',
      start: en ? 'Start registration' : 'Bắt đầu đăng ký',
      sendCode: en ? 'Send the code' : 'Gửi mã OTP',
      confirm: en ? 'Confirm' : 'Xác nhận',
      resend: en ? 'Send a new code' : 'Gửi lại mã',
      finish: en ? 'Finish registration' : 'Hoàn tất đăng ký',
      signIn: en ? 'Sign in' : 'Đăng nhập',
      change: en ? 'Change password' : 'Đổi mật khẩu',
      signOut: en ? 'Sign out' : 'Đăng xuất',
      forgot: en ? 'Forgot your password?' : 'Quên mật khẩu?',
      save: en ? 'Save the new password' : 'Lưu mật khẩu mới',
      problem: en ? 'There is a problem' : 'Có thông tin cần sửa',
      labels: {
        id: en ? 'Citizen ID number' : 'Số CCCD/CMND',
        name: en ? 'Full name' : 'Họ và tên',
        birth: en ? 'Date of birth' : 'Ngày sinh',
        phone: en ? 'Mobile phone number' : 'Số điện thoại di động',
        captcha: en ? 'Characters in the image' : 'Ký tự trong ảnh',
        code: en ? 'Code' : 'Mã OTP',
        password: en ? 'Password' : 'Mật khẩu',
        newPassword: en ? 'New password' : 'Mật khẩu mới',
        confirm: en ? 'Confirm the password' : 'Nhập lại mật khẩu',
        current: en ? 'Current password' : 'Mật khẩu hiện tại',
      },
    };

    it(`registers, signs in, changes and recovers the password: ${name}`, async () => {
      const identity = newIdentity({ fullName: 'Trần Thị Mai Anh' });
      await registerSubscriber(world.system.url, identity);
      const context = await openContext(world.browser, viewing);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const check = (step: string) => checkPage(page, viewing, step);
      const field = (label: string) => page.getByLabel(label, { exact: false }).first();

      // Home, in the chosen language through the visible switch.
      await page.goto(`${world.system.url}/`);
      if (en) await page.getByRole('link', { name: 'English' }).click();
      await check('01-home');
      await page.getByRole('link', { name: words.register, exact: true }).first().click();
      await check('02-methods');
      assert.equal(
        await page.getByText(en ? 'Not available yet' : 'Chưa hỗ trợ').count(),
        0,
        'all six methods are built',
      );
      await page.getByRole('link', { name: words.mobile }).click();
      await check('03-before-you-start');
      assert.ok((await page.textContent('main'))?.includes('1414'));
      await page.getByRole('link', { name: words.start }).click();
      await check('04-mobile-form');

      // Nothing filled in: an error summary linking to each field, the messages at the fields.
      await submit(page, words.sendCode);
      assert.match(await page.title(), en ? /^Error: / : /^Lỗi: /);
      assert.equal(await page.locator('.error-summary li').count(), 6);
      await check('05-mobile-form-errors');

      // A wrong birth date for this ID, and the entries kept.
      await field(words.labels.id).fill(identity.idNumber);
      await field(words.labels.name).fill(identity.fullName);
      await field(words.labels.birth).fill('17/05/1989');
      await field(words.labels.phone).fill(localPhone(identity.phoneNumber));
      await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
      await page.locator('#consent').check();
      await submit(page, words.sendCode);
      assert.equal(await page.inputValue('#idNumber'), identity.idNumber);
      assert.equal(await page.inputValue('#fullName'), identity.fullName);
      assert.notEqual(await page.inputValue('#captchaAnswer'), '', 'the unchecked captcha is kept');
      assert.ok(await page.locator('#idNumber[aria-invalid=true]').count());

      // Enter in the captcha field submits the form (not the "new image" button).
      await field(words.labels.birth).fill(ddmmyyyy(identity.birthDate));
      await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
      await pressEnter(page, '#captchaAnswer');
      assert.match(page.url(), /\/register\/mobile\/code$/);
      await check('06-code');
      assert.equal(await page.getAttribute('#code', 'autocomplete'), 'one-time-code');
      assert.equal(await page.getAttribute('#code', 'inputmode'), 'numeric');
      const code = await codeSentTo(world.system.url, identity.phoneNumber, 1);

      // A wrong code: attempts left. The back button and a later page both go to the step the citizen is at.
      await field(words.labels.code).fill(code === '000000' ? '111111' : '000000');
      await submit(page, words.confirm);
      assert.match((await page.textContent('.error-summary')) ?? '', /4/);
      await check('07-code-wrong');
      await page.goto(`${world.system.url}/register/mobile/password`);
      assert.match(page.url(), /\/register\/mobile\/code$/);

      // A new code once a minute has passed (the clock is the system's own).
      world.system.clock.advance(61_000);
      await page.reload();
      await submit(page, words.resend);
      await check('08-code-resent');
      const secondCode = await codeSentTo(world.system.url, identity.phoneNumber, 2);
      await field(words.labels.code).fill(secondCode);
      await submit(page, words.confirm);
      assert.match(page.url(), /\/register\/mobile\/password$/);
      await page.goBack();
      assert.match(page.url(), /\/register\/mobile\/password$/, 'back from the password page stays there');
      await check('09-password');

      // The seed's own example is too common, and the page says why.
      await field(words.labels.password).fill('Aa@123456');
      if (viewing.javaScript) {
        assert.equal(await page.locator('[data-rule].rule-met').count(), 5);
        assert.equal(await page.locator('.strength').isVisible(), true);
      }
      await field(words.labels.confirm).fill('Aa@123456');
      await submit(page, words.finish);
      assert.match((await page.textContent('.error-summary')) ?? '', /123456/);
      assert.equal(await page.locator('[data-rule=common].rule-unmet').count(), 1);
      await check('10-password-too-common');
      await field(words.labels.password).fill(STRONG_PASSWORD);
      await field(words.labels.confirm).fill(STRONG_PASSWORD);
      await submit(page, words.finish);
      assert.match(page.url(), /\/register\/mobile\/done$/);
      await check('11-done');
      await page.goBack();
      assert.match(page.url(), /\/register\/mobile\/done$/, 'a finished registration cannot be reused');

      // Registering signed the citizen in; signed out, the sign-in page: a wrong password first.
      await page.goto(`${world.system.url}/account`);
      await submit(page, words.signOut);
      await page.goto(`${world.system.url}/sign-in`);
      await check('12-sign-in');
      await field(words.labels.id).fill(identity.idNumber);
      await field(words.labels.password).fill('Wrong#Password1');
      await submit(page, words.signIn);
      await check('13-sign-in-wrong');
      assert.equal(await page.inputValue('#username'), identity.idNumber);
      await field(words.labels.password).fill(STRONG_PASSWORD);
      await submit(page, words.signIn);
      assert.match(page.url(), /\/account$/);
      assert.ok((await page.textContent('main'))?.includes(identity.fullName));
      await check('14-account');

      // Change the password.
      await page.getByRole('link', { name: words.change }).click();
      await check('15-change-password');
      await field(words.labels.current).fill('Not#The1Current');
      await field(words.labels.newPassword).fill(NEW_PASSWORD);
      await field(words.labels.confirm).fill(NEW_PASSWORD);
      await submit(page, words.change);
      assert.match(page.url(), /\/account\/password$/);
      await check('16-change-password-wrong');
      await field(words.labels.current).fill(STRONG_PASSWORD);
      await field(words.labels.newPassword).fill(NEW_PASSWORD);
      await field(words.labels.confirm).fill(NEW_PASSWORD);
      await submit(page, words.change);
      assert.match(page.url(), /\/account$/);

      // Sign out.
      await submit(page, words.signOut);
      assert.equal(new URL(page.url()).pathname, '/');
      await check('17-signed-out');
      await page.goto(`${world.system.url}/account`);
      assert.match(page.url(), /\/sign-in$/);

      // Forgot password: ID + captcha, the code from the phone, a new password, then sign in with it.
      await page.getByRole('link', { name: words.forgot }).click();
      await check('18-forgot-password');
      // Enter in the first field submits the whole form.
      await field(words.labels.captcha).fill(await captchaAnswer(world.system, page));
      await field(words.labels.id).fill(identity.idNumber);
      await pressEnter(page, '#idNumber');
      assert.match(page.url(), /\/forgot-password\/code$/);
      await check('19-forgot-password-code');
      await field(words.labels.code).fill(await codeSentTo(world.system.url, identity.phoneNumber, 3));
      await submit(page, words.confirm);
      await check('20-forgot-password-new');
      await field(words.labels.newPassword).fill(STRONG_PASSWORD);
      await field(words.labels.confirm).fill(STRONG_PASSWORD);
      await submit(page, words.save);
      assert.match(page.url(), /\/forgot-password\/done$/);
      await check('21-forgot-password-done');
      await page.goto(`${world.system.url}/sign-in`);
      await field(words.labels.id).fill(identity.idNumber);
      await field(words.labels.password).fill(STRONG_PASSWORD);
      await submit(page, words.signIn);
      assert.match(page.url(), /\/account$/);
      await context.close();
    });

    it(`refuses with a way forward: ${name}`, async () => {
      const context = await openContext(world.browser, viewing);
      const page = await context.newPage();
      const check = (step: string) => checkPage(page, viewing, step);
      await page.goto(`${world.system.url}/language/${viewing.lang}?next=/register/mobile`);
      const fill = async (identity: Identity) => {
        await page.goto(`${world.system.url}/register/mobile`);
        await page.fill('#idNumber', identity.idNumber);
        await page.fill('#fullName', identity.fullName);
        await page.fill('#birthDate', ddmmyyyy(identity.birthDate));
        await page.fill('#phoneNumber', identity.phoneNumber);
        await page.fill('#captchaAnswer', await captchaAnswer(world.system, page));
        await page.locator('#consent').check();
        await submit(page, words.sendCode);
      };

      // The SIM is registered to somebody else: the carrier, its hotline, and TTTB to 1414.
      const owner = newIdentity();
      await registerSubscriber(world.system.url, owner);
      await fill({ ...newIdentity(), phoneNumber: owner.phoneNumber });
      assert.match(page.url(), /\/refused\/SUBSCRIBER_NOT_OWNER/);
      const text = (await page.textContent('main')) ?? '';
      assert.ok(text.includes('VinaPhone') && text.includes('18001091') && text.includes('1414'), text);
      await check('30-refused-not-owner');
      // Back to the form: the entries are still there.
      await page.getByRole('link', { name: en ? 'Try again' : 'Thử lại' }).click();
      assert.equal(await page.inputValue('#phoneNumber'), owner.phoneNumber);

      // An account already exists: sign in or recover.
      const registered = newIdentity();
      await registerSubscriber(world.system.url, registered);
      const { registerCompletely } = await import('../support/journey.ts');
      await registerCompletely(world.system.url, registered);
      await fill(registered);
      assert.match(page.url(), /\/refused\/ACCOUNT_EXISTS/);
      assert.equal(await page.locator('a[href="/forgot-password"]').count(), 1);
      await check('31-refused-account-exists');

      // The carrier is down: try again later; nothing was kept.
      const outage = newIdentity();
      await registerSubscriber(world.system.url, outage);
      await call(world.system.url, 'POST', '/sim/carriers/vinaphone/outage', { down: true });
      try {
        await fill(outage);
      } finally {
        await call(world.system.url, 'POST', '/sim/carriers/vinaphone/outage', { down: false });
      }
      assert.match(page.url(), /\/refused\/CARRIER_UNAVAILABLE/);
      await check('32-refused-carrier-down');

      // Five wrong codes lock the code; the way forward is a new code.
      const locked = newIdentity();
      await registerSubscriber(world.system.url, locked);
      await fill(locked);
      const good = await codeSentTo(world.system.url, locked.phoneNumber, 1);
      for (let attempt = 0; attempt < 5 && page.url().endsWith('/code'); attempt++) {
        await page.fill('#code', good === '999999' ? '888888' : '999999');
        await submit(page, words.confirm);
      }
      assert.match(page.url(), /\/refused\/OTP_LOCKED/);
      await check('33-refused-code-locked');

      // The other refusals, as their pages show them.
      for (const [code, query, says] of [
        ['SUBSCRIBER_NOT_FOUND', '', en ? 'Check the phone number' : 'Kiểm tra lại số điện thoại'],
        ['SMS_UNAVAILABLE', '', en ? 'a few minutes' : 'ít phút'],
        ['OTP_LIMIT_REACHED', '&retry=540', en ? '9 minutes' : '9 phút'],
        ['RATE_LIMITED', '&retry=420', en ? '7 minutes' : '7 phút'],
      ] as const) {
        await page.goto(`${world.system.url}/refused/${code}?journey=registration${query}`);
        assert.ok((await page.textContent('main'))?.includes(says), `${code}: ${says}`);
        await check(`36-refused-${code.toLowerCase().replaceAll('_', '-')}`);
      }

      // Error pages are pages too, and accessible: an unknown address, and a form whose token expired.
      const missing = await page.goto(`${world.system.url}/no-such-page`);
      assert.equal(missing?.status(), 404);
      await check('34-not-found');
      await page.goto(`${world.system.url}/sign-in`);
      await context.clearCookies({ name: '_csrf' });
      await page.fill('#username', '001190000001');
      await page.fill('#password', 'Any#Password1');
      await submit(page, words.signIn);
      assert.match((await page.textContent('h1')) ?? '', en ? /expired/ : /hết hạn/);
      await check('35-form-expired');
      await context.close();
    });
  }
});
