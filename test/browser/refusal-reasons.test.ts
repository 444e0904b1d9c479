/**
 * The pages of a SIM that did not prove its owner, one per reason, in a real browser: entries that do not
 * match the carrier's record (check what you typed first, with a button back to the form, then TTTB to 1414
 * and the carrier; the note on an old 9-digit CMND), a line not in service, a SIM changed lately (and from
 * when it can register). Each page brings the form back with the entries kept and never says which detail
 * differed. Vietnamese on a 360×740 phone and English on a 1280×800 screen, each with and without JavaScript;
 * every page screenshotted (`refusal-*`) and checked with axe-core (WCAG 2.2 AA) where JavaScript runs.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { calendarDate, clockTime } from '../../src/web/pages/kit/time.ts';
import { type Identity, newIdentity, registerSubscriber } from '../support/journey.ts';
import { checkPage, describeInChromium, openContext, type Viewing } from './browser.ts';
import { captchaAnswer, ddmmyyyy, loadingAfter, localPhone, viewingTitle } from './page-actions.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: false },
];

const HOUR = 3_600_000;

describeInChromium('SIM refusal pages, one per reason, in Chromium', (world) => {
  for (const viewing of VIEWINGS) {
    const name = viewingTitle(viewing);
    const en = viewing.lang === 'en';
    const words = {
      sendCode: en ? 'Send the code' : 'Gửi mã OTP',
      fix: en ? 'Correct your details and try again' : 'Sửa thông tin và thử lại',
      otherMethod: en ? 'Or choose another way to register' : 'Hoặc chọn cách đăng ký khác',
      titles: {
        DETAILS_MISMATCH: en
          ? "Your details do not match the SIM's owner"
          : 'Thông tin chưa khớp với chủ thuê bao',
        SIM_INACTIVE: en ? 'This SIM is not in service' : 'SIM đang bị khóa hoặc ngừng hoạt động',
        SIM_RECENTLY_CHANGED: en ? 'This SIM was changed recently' : 'SIM vừa được đổi',
      },
      oldCmnd: en ? 'old 9-digit CMND' : 'CMND 9 số cũ',
    };

    async function openPage() {
      const context = await openContext(world.browser, viewing);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${world.system.url}/language/${viewing.lang}?next=/register/mobile`);
      return { context, page };
    }

    /** Fills the mobile form as a citizen types it and sends it; returns what was typed. */
    async function submitForm(page: Page, typed: Identity) {
      const entries = {
        idNumber: typed.idNumber,
        fullName: typed.fullName,
        birthDate: ddmmyyyy(typed.birthDate),
        phoneNumber: localPhone(typed.phoneNumber),
      };
      await page.goto(`${world.system.url}/register/mobile`);
      for (const [field, value] of Object.entries(entries)) await page.fill(`#${field}`, value);
      await page.fill('#captchaAnswer', await captchaAnswer(world.system, page));
      await page.locator('#consent').check();
      await loadingAfter(page, () => page.getByRole('button', { name: words.sendCode }).first().click());
      return entries;
    }

    /** The refusal page's reason and title, then the button back to the form: every entry is still there. */
    async function expectRefusal(
      page: Page,
      reason: keyof typeof words.titles,
      entries: Record<string, string>,
    ) {
      const url = new URL(page.url());
      assert.equal(url.pathname, '/refused/SUBSCRIBER_NOT_OWNER');
      assert.equal(url.searchParams.get('reason'), reason);
      assert.equal(await page.textContent('h1'), words.titles[reason]);
      assert.match(await page.title(), new RegExp(`^${words.titles[reason]}`));
      const main = (await page.textContent('main')) ?? '';
      for (const value of Object.values(entries))
        assert.ok(!main.includes(value), 'the page does not repeat the entries');
      return main;
    }

    async function backToTheForm(page: Page, entries: Record<string, string>) {
      await loadingAfter(page, () => page.getByRole('link', { name: words.fix }).click());
      assert.equal(new URL(page.url()).pathname, '/register/mobile');
      for (const [field, value] of Object.entries(entries))
        assert.equal(await page.inputValue(`#${field}`), value, `${field} kept`);
      assert.equal(await page.inputValue('#captchaAnswer'), '', 'a new captcha to answer');
      assert.equal(await page.locator('.error-summary').count(), 0, 'no error: the form is simply back');
    }

    it(`a mistyped birth date: check what you typed first, then 1414 and the carrier: ${name}`, async () => {
      const { context, page } = await openPage();
      const citizen = newIdentity({ fullName: 'Trần Văn Nam' });
      await registerSubscriber(world.system.url, citizen);

      const entries = await submitForm(page, { ...citizen, birthDate: '1990-07-15' });
      const main = await expectRefusal(page, 'DETAILS_MISMATCH', entries);
      await checkPage(page, viewing, 'refusal-details-mismatch');

      const steps = await page.locator('main ol.steps > li').allTextContents();
      assert.equal(steps.length, 3);
      assert.ok(steps[0]!.includes(words.fix), 'checking the entries comes first, with the button');
      assert.ok(steps[1]!.includes('TTTB') && steps[1]!.includes('1414'), steps[1]);
      assert.ok(steps[2]!.includes('VinaPhone') && steps[2]!.includes('18001091'), steps[2]);
      assert.equal(await page.locator('a[href="tel:18001091"]').count(), 1);
      assert.ok(main.includes(words.oldCmnd), 'the note on a SIM registered to an old CMND');

      // Which detail differed is never said: a wrong name gives the very same page.
      await backToTheForm(page, entries);
      const otherName = await submitForm(page, { ...citizen, fullName: 'Trần Văn Bình' });
      const sameMain = await expectRefusal(page, 'DETAILS_MISMATCH', otherName);
      assert.equal(sameMain, main);
      await context.close();
    });

    it(`a blocked line: the carrier reopens it, or the number was mistyped: ${name}`, async () => {
      const { context, page } = await openPage();
      const citizen = newIdentity();
      await registerSubscriber(world.system.url, citizen, { status: 'inactive' });

      const entries = await submitForm(page, citizen);
      const main = await expectRefusal(page, 'SIM_INACTIVE', entries);
      assert.ok(main.includes('VinaPhone') && main.includes('18001091'));
      assert.equal(
        await page.getByRole('link', { name: words.otherMethod }).getAttribute('href'),
        '/register',
      );
      await checkPage(page, viewing, 'refusal-sim-inactive');
      await backToTheForm(page, entries);
      await context.close();
    });

    it(`a SIM changed lately: from when it can register, and what to do if it was not you: ${name}`, async () => {
      const { context, page } = await openPage();
      const citizen = newIdentity();
      const changedAt = world.system.clock.now().getTime() - 5 * HOUR;
      await registerSubscriber(world.system.url, citizen, {
        simChangedAt: new Date(changedAt).toISOString(),
      });

      const entries = await submitForm(page, citizen);
      const main = await expectRefusal(page, 'SIM_RECENTLY_CHANGED', entries);
      const waitEnds = new Date(changedAt + 72 * HOUR);
      const from = [clockTime(waitEnds, viewing.lang), calendarDate(waitEnds, viewing.lang)];
      assert.ok(
        from.every((part) => main.includes(part)),
        `${from.join(' ')} in: ${main}`,
      );
      assert.ok(main.includes('72'));
      assert.equal(await page.locator('a[href="tel:18001091"]').count(), 1);
      await checkPage(page, viewing, 'refusal-sim-recently-changed');
      await backToTheForm(page, entries);

      // The same address once the wait is over (a reload after 72 hours) says so.
      const refusalUrl = `${world.system.url}/refused/SUBSCRIBER_NOT_OWNER?journey=registration&method=mobile&partner=vinaphone&reason=SIM_RECENTLY_CHANGED&until=${encodeURIComponent(new Date(world.system.clock.now().getTime() - 1000).toISOString())}`;
      await page.goto(refusalUrl);
      assert.ok(
        ((await page.textContent('main')) ?? '').includes(en ? 'register again now' : 'đăng ký lại ngay'),
      );
      await checkPage(page, viewing, 'refusal-sim-change-over');
      await context.close();
    });
  }
});
