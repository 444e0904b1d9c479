/**
 * Registration pages through the real system (PGlite + memory, and PostgreSQL + Redis): post/redirect/get,
 * the journey guard, errors kept with the entries, refusals, CSRF, and no personal data in the logs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertNoSecretsIn,
  codeSentTo,
  type Identity,
  newIdentity,
  registerSubscriber,
  STRONG_PASSWORD,
} from '../../../../test/support/journey.ts';
import { PageClient, textOf } from '../../../../test/support/page-client.ts';
import { call, startTestSystem, storeVariants, type TestSystem } from '../../../../test/support/system.ts';
import { createCookieSealer } from '../../../adapters/crypto/cookie-sealer.ts';
import { createPersonalDataProtector } from '../../../adapters/crypto/personal-data-protector.ts';
import { loadConfig } from '../../../config/config.ts';

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

async function formFields(system: TestSystem, html: string, identity: Identity) {
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
  describe(`registration pages (${variant.name})`, { skip: variant.skip }, () => {
    let system: TestSystem;
    before(async () => {
      system = await startTestSystem(variant.name);
    });
    after(() => system?.close());

    it('walks the journey with post/redirect/get while the guard keeps every page at the current step', async () => {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      const client = new PageClient(system.url);

      assert.equal((await client.get('/register/mobile/code')).location, '/register/mobile');

      // Nothing filled in: back to the form with every error, in Vietnamese by default.
      await client.get('/register/mobile');
      const empty = await client.post('/register/mobile', {});
      assert.equal(empty.status, 303);
      assert.equal(empty.location, '/register/mobile');
      const errors = textOf((await client.get('/register/mobile')).html);
      for (const text of ['Vui lòng nhập số CCCD/CMND', 'Vui lòng nhập ngày sinh', 'Bạn cần đồng ý'])
        assert.ok(errors.includes(text), text);

      // A valid start: the registration id lives in an HttpOnly cookie of the registration pages only.
      const form = await client.get('/register/mobile');
      const started = await client.post('/register/mobile', await formFields(system, form.html, identity));
      assert.equal(started.location, '/register/mobile/code');
      const cookie = started.setCookies.find((line) => line.startsWith('reg='));
      assert.match(cookie ?? '', /HttpOnly/i);
      assert.match(cookie ?? '', /Path=\/register/i);

      assert.equal((await client.get('/register/mobile/password')).location, '/register/mobile/code');
      const codePage = await client.get('/register/mobile/code');
      assert.ok(textOf(codePage.html).includes('091****'), 'the masked phone');
      assert.ok(!codePage.html.includes(identity.phoneNumber.slice(3)), 'never the whole number');
      assert.ok(
        /<form method="post" action="\/register\/mobile\/code\/wrong-number">[\s\S]*?Sai số điện thoại\?/.test(
          codePage.html,
        ),
        'a typed phone that was wrong: back to the form (entries kept) to type the right one',
      );

      const code = await codeSentTo(system.url, identity.phoneNumber);
      const wrong = await client.post('/register/mobile/code', {
        code: code === '000000' ? '111111' : '000000',
      });
      assert.equal(wrong.location, '/register/mobile/code');
      assert.ok(textOf((await client.get('/register/mobile/code')).html).includes('Bạn còn 4 lần thử'));

      await client.post('/register/mobile/code/resend', {});
      assert.ok(textOf((await client.get('/register/mobile/code')).html).includes('Vui lòng đợi 1 phút'));

      assert.equal(
        (await client.post('/register/mobile/code', { code: code.split('').join(' ') })).location,
        '/register/mobile/password',
      );
      assert.equal((await client.get('/register/mobile/code')).location, '/register/mobile/password');

      await client.post('/register/mobile/password', { password: STRONG_PASSWORD, confirmPassword: 'other' });
      assert.ok(
        textOf((await client.get('/register/mobile/password')).html).includes('Mật khẩu nhập lại không khớp'),
      );
      const done = await client.post('/register/mobile/password', {
        password: STRONG_PASSWORD,
        confirmPassword: STRONG_PASSWORD,
      });
      assert.equal(done.location, '/register/mobile/done');
      assert.equal((await client.get('/register/mobile/done')).status, 200);
      assert.equal((await client.get('/register/mobile/password')).location, '/register/mobile/done');

      // Once the registration has expired, its pages send the citizen back to the form, saying why.
      system.clock.advance(16 * 60_000);
      const expired = await client.visit('/register/mobile/done');
      assert.equal(expired.path, '/register/mobile');
      assert.ok(textOf(expired.html).includes('hết hạn'));
    });

    it('keeps the entries for the next page in an encrypted cookie, never in clear', async () => {
      const identity = newIdentity({ fullName: 'Lê Văn Tám' });
      const client = new PageClient(system.url);
      const form = await client.get('/register/mobile');
      const fields = await formFields(system, form.html, identity);
      const back = await client.post('/register/mobile', { ...fields, birthDate: '31/02/1990' });
      const flash = back.setCookies.find((line) => line.startsWith('flash=')) ?? '';
      assert.ok(flash.length > 0);
      for (const secret of [identity.idNumber, 'Tám', encodeURIComponent('Tám'), 'L%C3%AA'])
        assert.ok(!flash.includes(secret), secret);
      const again = await client.get('/register/mobile');
      assert.match(again.html, new RegExp(`value="${identity.idNumber}"`));
      assert.ok(textOf(again.html).includes('Ngày sinh không hợp lệ'));
      assert.ok(!flash.includes(fields.captchaAnswer), 'the kept captcha answer is sealed too');
      assert.match(
        again.html,
        new RegExp(`name="captchaAnswer"[^>]*value="${fields.captchaAnswer}"`),
        'the captcha, never checked, is kept with its answer',
      );
    });

    it('seals that cookie with the cookie key (COOKIE_SECRET), never with the personal-data key', async () => {
      const identity = newIdentity();
      const client = new PageClient(system.url);
      const form = await client.get('/register/mobile');
      const fields = await formFields(system, form.html, identity);
      const back = await client.post('/register/mobile', { ...fields, birthDate: '31/02/1990' });
      const line = back.setCookies.find((l) => l.startsWith('flash=')) ?? '';
      const sealed = decodeURIComponent(line.slice('flash='.length).split(';')[0]!);
      // The keys this system was configured with (dev: generated once into its DATA_DIR).
      const { secrets } = loadConfig(system.env);
      assert.notDeepEqual(secrets.cookieKey, secrets.dataKey.key);
      const opened = createCookieSealer(secrets.cookieKey).open(sealed);
      assert.ok(opened, 'the cookie key opens it');
      assert.equal(
        (JSON.parse(opened) as { values: Record<string, string> }).values.idNumber,
        identity.idNumber,
      );
      assert.equal(createCookieSealer(secrets.dataKey.key).open(sealed), undefined, 'the data key does not');
      assert.throws(() =>
        createPersonalDataProtector({ current: secrets.dataKey, hmacKey: secrets.hmacKey }).decrypt(sealed),
      );
    });

    it('refuses a SIM registered to somebody else, naming the carrier and its hotline, in English too', async () => {
      const owner = newIdentity();
      await registerSubscriber(system.url, owner);
      const client = new PageClient(system.url, { 'accept-language': 'en' });
      const form = await client.get('/register/mobile');
      const refused = await client.post('/register/mobile', {
        ...(await formFields(system, form.html, newIdentity())),
        phoneNumber: owner.phoneNumber,
      });
      assert.match(
        refused.location ?? '',
        /^\/refused\/SUBSCRIBER_NOT_OWNER\?journey=registration&method=mobile&partner=vinaphone/,
      );
      const page = textOf((await client.get(refused.location!)).html);
      for (const text of ['VinaPhone', '18001091', 'TTTB', '1414', 'Correct your details and try again'])
        assert.ok(page.includes(text), text);
    });

    it('makes the primary button the first submit button of every captcha form, so Enter submits the form', async () => {
      const client = new PageClient(system.url);
      for (const path of ['/register/mobile', '/forgot-password']) {
        const { html } = await client.get(path);
        const buttons = [...html.matchAll(/<button[^>]*type="submit"[^>]*>/g)].map((m) => m[0]);
        assert.ok(buttons.length >= 2, path);
        assert.doesNotMatch(buttons[0]!, /name="action"/, `${path}: the first submit button is the primary`);
        assert.ok(
          buttons.some((b) => /value="new-captcha"/.test(b)),
          `${path}: the new image button is there`,
        );
      }
    });

    it('answers a form without its CSRF token with a page, and changes nothing', async () => {
      const client = new PageClient(system.url);
      const forged = await client.post('/register/mobile', { _csrf: 'forged', idNumber: '001190000001' });
      assert.equal(forged.status, 403);
      assert.match(forged.headers.get('content-type') ?? '', /^text\/html/);
      assert.ok(textOf(forged.html).includes('Biểu mẫu đã hết hạn'));
    });

    it('writes no personal data, code or password to the logs', () => {
      assertNoSecretsIn(system.log.text(), [STRONG_PASSWORD]);
    });
  });
}
