/**
 * Typed entries survive what used to lose them, through the real system: the language switch of a form page
 * (a button of the form, posted with it) and "wrong phone number?" on the code page (the form refilled from
 * the registration, never with the wrong number). And the password page without JavaScript: the two rules
 * only the server checks say so instead of showing as unmet, and the journey is named for the live check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  codeSentTo,
  type Identity,
  newIdentity,
  registerSubscriber,
} from '../../../../test/support/journey.ts';
import { PageClient, textOf } from '../../../../test/support/page-client.ts';
import { call, startTestSystem, storeVariants, type TestSystem } from '../../../../test/support/system.ts';

const FORM = '/register/mobile';
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const fieldValue = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  (new RegExp(`<input[^>]*name="${name}"`).test(html) ? '' : undefined);

async function filled(system: TestSystem, html: string, identity: Identity) {
  const captchaId = /name="captchaId" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const answer = await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${captchaId}`);
  return {
    idNumber: identity.idNumber,
    fullName: identity.fullName,
    birthDate: ddmmyyyy(identity.birthDate),
    phoneNumber: identity.phoneNumber,
    captchaId,
    captchaAnswer: answer.body.answer,
    consent: 'yes',
  };
}

for (const variant of storeVariants) {
  describe(`kept entries and the password page (${variant.name})`, { skip: variant.skip }, () => {
    let system: TestSystem;
    before(async () => {
      system = await startTestSystem(variant.name);
    });
    after(() => system?.close());

    it("the form's language switch is a button of the form, after a hidden default button", async () => {
      const page = (await new PageClient(system.url).get(FORM)).html;
      const hidden = page.indexOf('<button type="submit" form="entries-form" hidden');
      const language = page.indexOf('value="language-en"');
      const primary = page.indexOf('<form method="post" action="/register/mobile" id="entries-form"');
      assert.ok(
        hidden >= 0 && hidden < language && language < primary,
        'hidden default, switch, then the form',
      );
      assert.match(
        page,
        /<button[^>]*form="entries-form"[^>]*name="action"[^>]*value="language-en"[^>]*>English</,
      );
      // A page without such a form keeps the plain link.
      assert.match(
        (await new PageClient(system.url).get('/register')).html,
        /href="\/language\/en\?next=%2Fregister"/,
      );
    });

    it('switching the language on the registration form keeps the entries, never a password', async () => {
      const client = new PageClient(system.url);
      const form = await client.get(FORM);
      const identity = newIdentity();
      const fields = await filled(system, form.html, identity);
      const switched = await client.post(FORM, {
        ...fields,
        action: 'language-en',
        password: 'Sông#Hồng2024xanh',
      });
      assert.equal(switched.status, 303);
      assert.equal(switched.location, FORM);
      assert.ok(switched.setCookies.some((line) => line.startsWith('lang=en')));
      const english = await client.get(FORM);
      assert.match(english.html, /<html lang="en"/);
      assert.equal(fieldValue(english.html, 'idNumber'), identity.idNumber);
      assert.equal(fieldValue(english.html, 'fullName'), identity.fullName);
      assert.equal(fieldValue(english.html, 'birthDate'), fields.birthDate);
      assert.equal(fieldValue(english.html, 'phoneNumber'), identity.phoneNumber);
      assert.match(english.html, /id="consent"[^>]*checked/);
      assert.equal(english.html.includes('Sông#Hồng2024xanh'), false);
      assert.equal(english.html.includes('error-summary'), false, 'a switch is not a submission');
      // And back to Vietnamese with the same entries, from the English page's own button.
      assert.match(english.html, /value="language-vi"[^>]*>Tiếng Việt</);
      await client.post(FORM, { ...fields, action: 'language-vi' });
      const vietnamese = await client.get(FORM);
      assert.match(vietnamese.html, /<html lang="vi"/);
      assert.equal(fieldValue(vietnamese.html, 'idNumber'), identity.idNumber);
    });

    it('switching the language on the forgot-password form keeps the ID number', async () => {
      const client = new PageClient(system.url);
      await client.get('/forgot-password');
      const switched = await client.post('/forgot-password', {
        idNumber: '001190012345',
        action: 'language-en',
      });
      assert.equal(switched.location, '/forgot-password');
      const english = await client.get('/forgot-password');
      assert.match(english.html, /<html lang="en"/);
      assert.equal(fieldValue(english.html, 'idNumber'), '001190012345');
    });

    it('switching the language on the sign-in form keeps the ID number, never the password, and signs nobody in', async () => {
      const client = new PageClient(system.url);
      const form = await client.get('/sign-in');
      assert.match(
        form.html,
        /<button[^>]*form="sign-in-form"[^>]*name="action"[^>]*value="language-en"[^>]*>English</,
      );
      const switched = await client.post('/sign-in', {
        username: '001190012345',
        password: 'Sông#Hồng2024xanh',
        action: 'language-en',
      });
      assert.equal(switched.location, '/sign-in');
      assert.ok(!switched.setCookies.some((line) => line.startsWith('sid=')), 'no session');
      const english = await client.get('/sign-in');
      assert.match(english.html, /<html lang="en"/);
      assert.equal(fieldValue(english.html, 'username'), '001190012345');
      assert.doesNotMatch(english.html, /Sông#Hồng2024xanh/);
      assert.doesNotMatch(english.html, /class="error-summary"/);
    });

    it('"wrong phone number?" brings the form back filled from the registration, without the phone', async () => {
      const identity = newIdentity({ fullName: 'Trần Thị Bích Ngọc' });
      await registerSubscriber(system.url, identity);
      const client = new PageClient(system.url);
      const form = await client.get(FORM);
      assert.equal(
        (await client.post(FORM, await filled(system, form.html, identity))).location,
        `${FORM}/code`,
      );
      const code = await client.get(`${FORM}/code`);
      assert.match(code.html, /action="\/register\/mobile\/code\/wrong-number"/);

      const back = await client.post(`${FORM}/code/wrong-number`, {});
      assert.equal(back.location, FORM);
      assert.ok(
        back.setCookies.some((line) => /^reg=;|^reg=.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(line)),
      );
      const refilled = await client.get(FORM);
      assert.equal(fieldValue(refilled.html, 'idNumber'), identity.idNumber);
      assert.equal(fieldValue(refilled.html, 'fullName'), identity.fullName);
      assert.equal(fieldValue(refilled.html, 'birthDate'), ddmmyyyy(identity.birthDate));
      assert.equal(
        fieldValue(refilled.html, 'phoneNumber'),
        '',
        'never the number the citizen said was wrong',
      );
      assert.equal(refilled.html.includes(identity.phoneNumber.slice(-7)), false);
      assert.doesNotMatch(
        refilled.html,
        /id="consent"[^>]*checked/,
        'consent is given again for the new number',
      );
      assert.ok(textOf(refilled.html).includes('Các thông tin bạn đã nhập vẫn được giữ'));
      // The code page of that registration is no longer this browser's.
      assert.equal((await client.get(`${FORM}/code`)).location, FORM);
    });

    it('"wrong phone number?" after the code was accepted changes nothing', async () => {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      const client = new PageClient(system.url);
      const form = await client.get(FORM);
      await client.post(FORM, await filled(system, form.html, identity));
      await client.get(`${FORM}/code`);
      const smsCode = await codeSentTo(system.url, identity.phoneNumber);
      assert.equal((await client.post(`${FORM}/code`, { code: smsCode })).location, `${FORM}/password`);
      const late = await client.post(`${FORM}/code/wrong-number`, {});
      assert.equal(late.location, `${FORM}/code`);
      assert.equal((await client.get(`${FORM}/code`)).location, `${FORM}/password`);

      // The password page without JavaScript: the server-only rules say when they are checked.
      const page = await client.get(`${FORM}/password`);
      const notes = page.html.match(/data-rule-note[^>]*>[^<]*được kiểm tra khi bạn tiếp tục/g) ?? [];
      assert.equal(notes.length, 2, 'common passwords and personal data');
      assert.equal(page.html.includes('rule-unmet'), false, 'nothing shows as unmet before a submission');
      assert.match(page.html, /data-check-url="\/api\/v1\/password-checks"/);
      assert.match(page.html, /data-check-journey="\{&#34;registrationId&#34;:&#34;[\w-]+&#34;\}"/);

      // After submitting the seed's example: the common rule is marked, the personal one still waits.
      await client.post(`${FORM}/password`, { password: 'Aa@123456', confirmPassword: 'Aa@123456' });
      const marked = await client.get(`${FORM}/password`);
      assert.match(marked.html, /<li data-rule="common"[^>]*class="rule-unmet"/);
      assert.match(marked.html, /<li data-rule="personal"[^>]*>[^<]*<span class="rule-note"/);
    });
  });
}
