/**
 * The social-insurance form through the real system (PGlite + memory, and PostgreSQL + Redis), as a browser
 * without JavaScript uses it: post/redirect/get, every error at once with the entries kept, the new-image
 * button, consent; a valid post leads to the shared steps; each refusal has its own page naming Vietnam
 * Social Security and its hotline; the method chooser.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertNoSecretsIn,
  codeSentTo,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  smsReceived,
} from '../../../../../../test/support/journey.ts';
import { PageClient, textOf } from '../../../../../../test/support/page-client.ts';
import {
  addInsuranceRecord,
  type InsuredPerson,
  insuredWithRecord,
  newInsuredPerson,
} from '../../../../../../test/support/social-insurance.ts';
import {
  call,
  startTestSystem,
  storeVariants,
  type TestSystem,
} from '../../../../../../test/support/system.ts';
import { maskPhone } from '../../../../../domain/phone.ts';

const FORM = '/register/social-insurance';
const VSS_HOTLINE = '19009068';
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const captchaIdOf = (html: string) => /name="captchaId" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The `<input>` tag of a field. */
const inputOf = (html: string, id: string) =>
  new RegExp(`<input[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0] ?? '';
const enteredIn = (html: string, id: string) => /\svalue="([^"]*)"/.exec(inputOf(html, id))?.[1];
const isMarkedInvalid = (html: string, id: string) => /aria-invalid="true"/.test(inputOf(html, id));
const FIELDS = ['socialInsuranceNumber', 'idNumber', 'fullName', 'birthDate', 'captchaAnswer'];

for (const variant of storeVariants) {
  describe(`registration by social insurance: pages (${variant.name})`, { skip: variant.skip }, () => {
    let system: TestSystem;
    before(async () => {
      system = await startTestSystem(variant.name);
    });
    after(() => system?.close());

    /** The form's fields for this person, with the answer to the captcha of the page just shown. */
    async function filledForm(html: string, insured: InsuredPerson) {
      const captchaId = captchaIdOf(html);
      const answer = await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${captchaId}`);
      return {
        socialInsuranceNumber: insured.socialInsuranceNumber,
        idNumber: insured.idNumber,
        fullName: insured.fullName,
        birthDate: ddmmyyyy(insured.birthDate),
        captchaId,
        captchaAnswer: answer.body.answer,
        consent: 'yes',
      };
    }

    /** Posts the form for this person (with changes) and returns where it sent the citizen. */
    async function submitted(
      client: PageClient,
      insured: InsuredPerson,
      changes: Record<string, string> = {},
    ): Promise<string> {
      const form = await client.get(FORM);
      const answer = await client.post(FORM, { ...(await filledForm(form.html, insured)), ...changes });
      assert.equal(answer.status, 303);
      return answer.location ?? '';
    }

    it('renders the form in Vietnamese and English', async () => {
      const vi = await new PageClient(system.url).get(FORM);
      assert.equal(vi.status, 200);
      assert.match(vi.html, /<html[^>]*lang="vi"/);
      const viText = textOf(vi.html);
      for (const text of [
        'Đăng ký bằng mã số bảo hiểm xã hội',
        'Mã số bảo hiểm xã hội',
        '10 chữ số, in trên thẻ BHYT hoặc trong ứng dụng VssID',
        'Số CCCD/CMND',
        'Họ và tên',
        'Ngày sinh',
        'Ký tự trong ảnh',
        'Bảo hiểm xã hội Việt Nam',
        'Gửi mã OTP',
        'Đổi ảnh khác',
      ])
        assert.ok(viText.includes(text), text);
      for (const field of FIELDS)
        assert.match(vi.html, new RegExp(`<label[^>]*for="${field}"`), `${field} has a label`);
      assert.match(inputOf(vi.html, 'socialInsuranceNumber'), /inputmode="numeric"/);
      assert.match(vi.html, /<img[^>]*src="\/api\/v1\/captchas\/[^"]+\/image"/);
      assert.doesNotMatch(
        vi.html,
        /name="phoneNumber"/,
        'the phone comes from the record, never from the form',
      );

      const en = await new PageClient(system.url, { 'accept-language': 'en' }).get(FORM);
      assert.match(en.html, /<html[^>]*lang="en"/);
      const enText = textOf(en.html);
      for (const text of [
        'Register with your social insurance number',
        'Social insurance number',
        'Citizen ID number',
        'Vietnam Social Security',
        'Send the code',
        'New image',
      ])
        assert.ok(enText.includes(text), text);
    });

    it('shows every missing entry and the consent at once', async () => {
      const client = new PageClient(system.url);
      await client.get(FORM);
      const empty = await client.post(FORM, {});
      assert.equal(empty.status, 303);
      assert.equal(empty.location, FORM);
      const page = (await client.get(FORM)).html;
      const summary = [...page.matchAll(/<li[^>]*>\s*<a href="#(\w+)"/g)].map((m) => m[1]).sort();
      assert.deepEqual(summary, [
        'birthDate',
        'captchaAnswer',
        'consent',
        'fullName',
        'idNumber',
        'socialInsuranceNumber',
      ]);
      const text = textOf(page);
      for (const message of [
        'Vui lòng nhập mã số bảo hiểm xã hội',
        'Vui lòng nhập số CCCD/CMND',
        'Vui lòng nhập họ và tên',
        'Vui lòng nhập ngày sinh',
        'Bạn cần đồng ý',
      ])
        assert.ok(text.includes(message), message);
    });

    it('shows every invalid entry at once, keeping the entries and the unchecked captcha with its answer', async () => {
      const insured = await insuredWithRecord(system.url);
      const client = new PageClient(system.url, { 'accept-language': 'en' });
      const back = await submitted(client, insured, {
        socialInsuranceNumber: '12345',
        idNumber: '12345',
        fullName: 'Nguyen Van 4n',
        birthDate: '31/02/1990',
      });
      assert.equal(back, FORM);
      const page = await client.get(FORM);
      const text = textOf(page.html);
      for (const message of ['The social insurance number is exactly 10 digits.', 'There is a problem'])
        assert.ok(text.includes(message), message);
      const invalid = FIELDS.filter((field) => isMarkedInvalid(page.html, field)).sort();
      assert.deepEqual(invalid, ['birthDate', 'fullName', 'idNumber', 'socialInsuranceNumber']);
      assert.equal(enteredIn(page.html, 'socialInsuranceNumber'), '12345');
      assert.equal(enteredIn(page.html, 'fullName'), 'Nguyen Van 4n');
      assert.equal(enteredIn(page.html, 'birthDate'), '31/02/1990');
      assert.notEqual(
        enteredIn(page.html, 'captchaAnswer'),
        '',
        'the captcha, never checked, is kept with its answer',
      );
      assert.match(inputOf(page.html, 'consent'), /\schecked/, 'the consent is kept');
      assert.equal((await smsReceived(system.url, insured.phoneNumber)).length, 0);

      // A wrong captcha answer: shown at the captcha, the entries still there.
      const wrongCaptcha = await submitted(client, insured, { captchaAnswer: 'wrong1' });
      assert.equal(wrongCaptcha, FORM);
      const again = await client.get(FORM);
      assert.deepEqual(
        FIELDS.filter((field) => isMarkedInvalid(again.html, field)),
        ['captchaAnswer'],
      );
      assert.equal(enteredIn(again.html, 'socialInsuranceNumber'), insured.socialInsuranceNumber);
      assert.equal(enteredIn(again.html, 'idNumber'), insured.idNumber);
    });

    it('gives a new captcha image on request, keeping the entries and showing no error', async () => {
      const insured = newInsuredPerson();
      const client = new PageClient(system.url);
      const form = await client.get(FORM);
      const before = captchaIdOf(form.html);
      const answer = await client.post(FORM, {
        socialInsuranceNumber: insured.socialInsuranceNumber,
        idNumber: insured.idNumber,
        action: 'new-captcha',
      });
      assert.equal(answer.location, FORM);
      const page = await client.get(FORM);
      assert.notEqual(captchaIdOf(page.html), before);
      assert.equal(enteredIn(page.html, 'socialInsuranceNumber'), insured.socialInsuranceNumber);
      assert.equal(enteredIn(page.html, 'idNumber'), insured.idNumber);
      assert.doesNotMatch(page.html, /aria-invalid="true"/);
      const buttons = [...page.html.matchAll(/<button[^>]*type="submit"[^>]*>/g)].map((m) => m[0]);
      assert.doesNotMatch(buttons[0]!, /name="action"/, 'Enter submits the form, not the new-image button');
      assert.ok(buttons.some((b) => /value="new-captcha"/.test(b)));
    });

    it('starts nothing without consent', async () => {
      const insured = await insuredWithRecord(system.url);
      const client = new PageClient(system.url);
      assert.equal(await submitted(client, insured, { consent: '' }), FORM);
      const page = await client.get(FORM);
      assert.ok(textOf(page.html).includes('Bạn cần đồng ý'));
      assert.equal(enteredIn(page.html, 'idNumber'), insured.idNumber);
      assert.equal((await smsReceived(system.url, insured.phoneNumber)).length, 0, 'no code sent');
      assert.equal((await client.get(`${FORM}/code`)).location, FORM, 'no registration begun');
    });

    it("goes from a valid form through the shared steps under the method's own paths", async () => {
      const insured = await insuredWithRecord(system.url, { fullName: 'Võ Thị Sáu' });
      const client = new PageClient(system.url);
      assert.equal((await client.get(`${FORM}/code`)).location, FORM, 'no step before the form');
      assert.equal(await submitted(client, insured), `${FORM}/code`);

      const codePage = await client.get(`${FORM}/code`);
      assert.equal(codePage.status, 200);
      const masked = maskPhone(insured.phoneNumber);
      assert.ok(textOf(codePage.html).includes(masked), `the record's phone, masked (${masked})`);
      assert.ok(!codePage.html.includes(insured.phoneNumber.slice(3)), 'never the whole number');
      assert.ok(
        textOf(codePage.html).includes('Cập nhật số điện thoại trong ứng dụng VssID'),
        'a phone from the record is changed at VSS, not by typing another',
      );
      assert.ok(codePage.html.includes('href="/register"'), 'and another method may do meanwhile');
      assert.ok(!textOf(codePage.html).includes('Sai số điện thoại'));
      assert.equal((await client.get(`${FORM}/password`)).location, `${FORM}/code`);

      const code = await codeSentTo(system.url, insured.phoneNumber);
      assert.equal((await client.post(`${FORM}/code`, { code })).location, `${FORM}/password`);
      const done = await client.post(`${FORM}/password`, {
        password: STRONG_PASSWORD,
        confirmPassword: STRONG_PASSWORD,
      });
      assert.equal(done.location, `${FORM}/done`);
      const donePage = await client.get(`${FORM}/done`);
      assert.equal(donePage.status, 200);
      assert.ok(textOf(donePage.html).includes('Đăng ký thành công'));
      assert.equal((await client.get(`${FORM}/code`)).location, `${FORM}/done`);
    });

    it('sends a record mismatch to its own page, naming VSS and its hotline, and back to the kept entries', async () => {
      const insured = await insuredWithRecord(system.url);
      for (const [lang, says, again] of [
        ['vi', 'Kiểm tra lại mã số BHXH (10 chữ số) trong ứng dụng VssID', 'Thử lại'],
        ['en', 'Check your social insurance number (10 digits) in the VssID app', 'Try again'],
      ] as const) {
        const client = new PageClient(system.url, { 'accept-language': lang });
        const refused = await submitted(client, insured, { fullName: 'Trần Văn Bình' });
        assert.equal(
          refused,
          '/refused/INSURANCE_RECORD_MISMATCH?journey=registration&method=social-insurance&partner=vss',
        );
        const page = await client.get(refused);
        const text = textOf(page.html);
        for (const expected of [says, 'BHXH Việt Nam', VSS_HOTLINE, again])
          assert.ok(text.includes(expected), expected);
        assert.match(page.html, new RegExp(`href="tel:${VSS_HOTLINE}"`));
        assert.match(page.html, new RegExp(`<a href="${FORM}">`), 'try again on this method');
        const back = await client.get(FORM);
        assert.equal(enteredIn(back.html, 'socialInsuranceNumber'), insured.socialInsuranceNumber);
        assert.equal(enteredIn(back.html, 'fullName'), 'Trần Văn Bình');
      }
      // An unknown number ends on the very same page.
      const client = new PageClient(system.url);
      assert.equal(
        await submitted(client, insured, { socialInsuranceNumber: '9800000003' }),
        '/refused/INSURANCE_RECORD_MISMATCH?journey=registration&method=social-insurance&partner=vss',
      );
    });

    it('sends a record without a phone to its own page: VssID, the hotline, another method', async () => {
      const insured = newInsuredPerson();
      await addInsuranceRecord(system.url, insured, { phoneNumber: null });
      const client = new PageClient(system.url);
      const refused = await submitted(client, insured);
      assert.equal(
        refused,
        '/refused/INSURANCE_NO_PHONE?journey=registration&method=social-insurance&partner=vss',
      );
      const page = await client.get(refused);
      const text = textOf(page.html);
      for (const expected of [
        'Hồ sơ chưa có số điện thoại',
        'VssID',
        VSS_HOTLINE,
        'Hoặc chọn cách đăng ký khác',
      ])
        assert.ok(text.includes(expected), expected);
      assert.match(page.html, /<a href="\/register">/, 'the other methods');
    });

    it('sends an existing account to sign-in or recovery, said only for a matching record', async () => {
      const insured = newInsuredPerson();
      const { socialInsuranceNumber: _number, ...citizen } = insured;
      await registerSubscriber(system.url, citizen);
      await registerCompletely(system.url, citizen);
      await addInsuranceRecord(system.url, insured);
      const client = new PageClient(system.url, { 'accept-language': 'en' });
      const refused = await submitted(client, insured);
      assert.match(refused, /^\/refused\/ACCOUNT_EXISTS\?journey=registration&method=social-insurance/);
      const page = await client.get(refused);
      assert.ok(textOf(page.html).includes('Account already exists'));
      assert.match(page.html, /href="\/sign-in"/);
      assert.match(page.html, /href="\/forgot-password"/);
      assert.match(
        await submitted(client, insured, { birthDate: '18/05/1990' }),
        /^\/refused\/INSURANCE_RECORD_MISMATCH/,
      );
    });

    it('sends a registry outage to its own page, with the way back to this form', async () => {
      const insured = await insuredWithRecord(system.url);
      const client = new PageClient(system.url);
      await call(system.url, 'POST', '/sim/social-insurance/outage', { down: true });
      let refused: string;
      try {
        refused = await submitted(client, insured);
      } finally {
        await call(system.url, 'POST', '/sim/social-insurance/outage', { down: false });
      }
      assert.match(
        refused,
        /^\/refused\/SOCIAL_INSURANCE_UNAVAILABLE\?journey=registration&method=social-insurance/,
      );
      const page = await client.get(refused);
      const text = textOf(page.html);
      for (const expected of ['Bảo hiểm xã hội tạm thời không phản hồi', 'Chưa có gì được lưu', 'Thử lại'])
        assert.ok(text.includes(expected), expected);
      assert.match(page.html, new RegExp(`<a href="${FORM}">`));
      assert.equal((await smsReceived(system.url, insured.phoneNumber)).length, 0);
    });

    it('sends an SMS centre outage and the code limit to their own pages', async () => {
      const insured = await insuredWithRecord(system.url);
      const client = new PageClient(system.url, { 'accept-language': 'en' });
      await call(system.url, 'POST', '/sim/smsc', { down: true });
      let unavailable: string;
      try {
        unavailable = await submitted(client, insured);
      } finally {
        await call(system.url, 'POST', '/sim/smsc', { down: false });
      }
      assert.match(unavailable, /^\/refused\/SMS_UNAVAILABLE\?journey=registration&method=social-insurance/);
      assert.ok(textOf((await client.get(unavailable)).html).includes('The text message could not be sent'));

      // The sender reconnects by itself; then ten codes to this phone in a day, and the eleventh is refused.
      let sent = 0;
      const deadline = Date.now() + 10_000;
      while (sent < 10 && Date.now() < deadline) {
        const where = await submitted(client, insured);
        if (where === `${FORM}/code`) sent++;
        else await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(sent, 10);
      const limited = await submitted(client, insured);
      assert.match(limited, /^\/refused\/RATE_LIMITED\?journey=registration&method=social-insurance/);
      assert.ok(
        textOf((await client.get(limited)).html).includes(
          'A phone number receives at most 10 codes in 24 hours',
        ),
        'the limit met, said once, with its reason',
      );
    });

    it('lists the six methods, each linking to its own start, none marked not available', async () => {
      for (const [lang, notYet, insurance] of [
        ['vi', 'Chưa hỗ trợ', 'Mã số bảo hiểm xã hội'],
        ['en', 'Not available yet', 'Social insurance number'],
      ] as const) {
        const page = await new PageClient(system.url, { 'accept-language': lang }).get('/register');
        assert.equal(page.status, 200);
        const items = [...page.html.matchAll(/<li class="method[^"]*">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
        assert.equal(items.length, 6);
        const links = items.map((item) => /<a[^>]*href="([^"]+)"/.exec(item)?.[1]);
        assert.deepEqual(links, [
          '/register/mobile/before-you-start',
          FORM,
          '/register/vnpost',
          '/register/usb-token',
          '/register/sim-signature',
          '/register/remote-signature',
        ]);
        assert.ok(textOf(items[1]!).includes(insurance));
        assert.ok(!page.html.includes(notYet), `${lang}: nothing is marked not available`);
      }
    });

    it('writes no personal data, code or password to the logs', () => {
      assertNoSecretsIn(system.log.text(), [STRONG_PASSWORD]);
    });
  });
}
