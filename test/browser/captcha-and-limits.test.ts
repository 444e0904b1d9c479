/**
 * Issue 17 points 3 and 4 in Chromium (vi 360 px with and without JavaScript, en 1280 px; axe on every page
 * with JavaScript): one pass of field errors keeping the entries and the captcha, the recording of the
 * captcha played with the keyboard alone, and the limit page. Screenshots `captcha-*`, `limit-*`.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newIdentity, registerSubscriber, startRegistration } from '../support/journey.ts';
import { checkPage, describeInChromium, openContext, type Viewing } from './browser.ts';
import { captchaAnswer, ddmmyyyy, localPhone, pressEnter } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: false },
];

describeInChromium('captcha and limits in Chromium', (world) => {
  for (const viewing of VIEWINGS) {
    const en = viewing.lang === 'en';
    const name = `${viewing.lang} ${viewing.width}px${viewing.javaScript ? '' : ' without JavaScript'}`;

    it(`one pass of errors keeps the entries and the captcha, whose recording plays from the keyboard: ${name}`, async () => {
      const identity = newIdentity({ fullName: 'Phạm Thị Thu' });
      await registerSubscriber(world.system.url, identity);
      const context = await openContext(world.browser, viewing);
      if (en) await context.addCookies([{ name: 'lang', value: 'en', url: world.system.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${world.system.url}/register/mobile`);
      assert.ok(
        (await page.textContent('main'))?.includes(en ? 'Characters in the image' : 'Ký tự trong ảnh'),
      );
      assert.ok(!(await page.textContent('main'))?.includes('Mã xác thực'));
      await checkPage(page, viewing, 'captcha-01-form');

      // Several mistakes at once, the captcha answered: every error in one pass, nothing lost.
      const answer = await captchaAnswer(world.system, page);
      const captchaId = await page.inputValue('input[name=captchaId]');
      await page.fill('#idNumber', '12345');
      await page.fill('#birthDate', ddmmyyyy(identity.birthDate));
      await page.fill('#phoneNumber', '0123');
      await page.fill('#captchaAnswer', answer);
      await pressEnter(page, '#captchaAnswer');
      assert.equal(await page.locator('.error-summary li').count(), 4, 'ID, name, phone and consent at once');
      assert.equal(await page.inputValue('#idNumber'), '12345');
      assert.equal(await page.inputValue('#birthDate'), ddmmyyyy(identity.birthDate));
      assert.equal(await page.inputValue('input[name=captchaId]'), captchaId, 'the same image');
      assert.equal(await page.inputValue('#captchaAnswer'), answer, 'the answer kept');
      await checkPage(page, viewing, 'captcha-02-one-pass-errors');

      // A citizen who cannot see the image: from the field before it, Tab reaches the recording, Space plays it.
      const clip = page.waitForResponse((response) =>
        response.url().includes(`/captchas/${captchaId}/audio`),
      );
      await page.focus('#phoneNumber');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement && document.activeElement.tagName'), 'AUDIO');
      await page.keyboard.press('Space');
      const response = await clip;
      assert.equal(response.status(), 200);
      assert.equal(response.headers()['content-type'], 'audio/wav');
      assert.ok(response.url().endsWith(`lang=${viewing.lang}`));
      // Space started it; whether the clip then advances depends on the machine's audio clock, not on the page.
      await page.waitForFunction('!document.querySelector("audio").paused');

      // Then the keyboard alone fixes the rest; the kept captcha still starts the registration.
      await page.fill('#idNumber', identity.idNumber);
      await page.fill('#fullName', identity.fullName);
      await page.fill('#phoneNumber', localPhone(identity.phoneNumber));
      await page.focus('#consent');
      await page.keyboard.press('Space');
      await pressEnter(page, '#fullName');
      assert.match(page.url(), /\/register\/mobile\/code$/);
      await context.close();
    });

    it(`says why a limit was met, when to come back and the helpline: ${name}`, async () => {
      const identity = newIdentity();
      await registerSubscriber(world.system.url, identity);
      // Ten codes to one phone through the API, the eleventh through the form.
      for (let i = 0; i < 10; i++)
        assert.equal((await startRegistration(world.system.url, identity)).status, 201);
      const context = await openContext(world.browser, viewing);
      if (en) await context.addCookies([{ name: 'lang', value: 'en', url: world.system.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${world.system.url}/register/mobile`);
      await page.fill('#idNumber', identity.idNumber);
      await page.fill('#fullName', identity.fullName);
      await page.fill('#birthDate', ddmmyyyy(identity.birthDate));
      await page.fill('#phoneNumber', localPhone(identity.phoneNumber));
      await page.fill('#captchaAnswer', await captchaAnswer(world.system, page));
      await page.check('#consent');
      await pressEnter(page, '#captchaAnswer');
      assert.match(page.url(), /\/refused\/RATE_LIMITED\?.*limit=SMS_PER_PHONE/);
      const text = (await page.textContent('main')) ?? '';
      assert.ok(text.includes(en ? 'at most 10 codes in 24 hours' : 'tối đa 10 mã OTP trong 24 giờ'), text);
      assert.ok(
        text.includes(en ? 'try again in 24 hours, that is from' : 'thử lại sau 24 giờ, tức là từ'),
        text,
      );
      assert.ok(!/1440/.test(text));
      assert.equal(await page.locator('a[href="tel:18001096"]').count(), 1);
      await checkPage(page, viewing, 'limit-01-codes-per-phone');
      await context.close();
    });
  }
});
