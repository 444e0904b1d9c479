/**
 * Issue 17 points 3 and 4 through the real system (PGlite + memory, and PostgreSQL + Redis): forms checked in
 * one pass that keep the entries and the unchecked captcha, a wrong captcha that brings a new image, the
 * recording of the captcha in both languages (and a clean answer when espeak-ng is missing), and the
 * limit page that says why, when (once, in hours and minutes) and the helpline.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Identity, newIdentity, registerSubscriber } from '../../../../test/support/journey.ts';
import { PageClient, textOf } from '../../../../test/support/page-client.ts';
import { call, startTestSystem, storeVariants, type TestSystem } from '../../../../test/support/system.ts';
import { pageMessages } from '../messages.ts';
import { LIMIT_NAMES } from '../refusal/rate-limited.tsx';

const FORM = '/register/mobile';
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const captchaIdOf = (html: string) => /name="captchaId" value="([^"]+)"/.exec(html)?.[1] ?? '';
const answerIn = (html: string) => /id="captchaAnswer"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? '';
const invalidFields = (html: string) =>
  [...html.matchAll(/id="(\w+)"[^>]*aria-invalid="true"/g)].map((match) => match[1]);
const espeak = existsSync('/usr/bin/espeak-ng') ? undefined : 'espeak-ng is not installed';

async function answerOf(system: TestSystem, captchaId: string) {
  return (await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${captchaId}`)).body.answer;
}

async function filled(system: TestSystem, html: string, identity: Identity) {
  const captchaId = captchaIdOf(html);
  return {
    idNumber: identity.idNumber,
    fullName: identity.fullName,
    birthDate: ddmmyyyy(identity.birthDate),
    phoneNumber: `0${identity.phoneNumber.slice(3)}`,
    captchaId,
    captchaAnswer: await answerOf(system, captchaId),
    consent: 'yes',
  };
}

for (const variant of storeVariants) {
  describe(`captcha and limits (${variant.name})`, { skip: variant.skip }, () => {
    let system: TestSystem;
    before(async () => {
      system = await startTestSystem(variant.name);
    });
    after(() => system?.close());

    it('shows every field error in one pass, keeping the entries and the captcha, which then still works', async () => {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      const client = new PageClient(system.url);
      const form = await client.get(FORM);
      assert.ok(textOf(form.html).includes('Mỗi số điện thoại nhận tối đa 10 mã OTP trong 24 giờ'));
      const fields = await filled(system, form.html, identity);
      const sent = await client.post(FORM, {
        ...fields,
        idNumber: '12345',
        fullName: '',
        birthDate: '31/02/1990',
        phoneNumber: '0123',
        consent: '',
      });
      assert.equal(sent.location, FORM);
      const back = await client.get(FORM);
      assert.deepEqual(invalidFields(back.html), ['idNumber', 'fullName', 'birthDate', 'phoneNumber']);
      assert.equal(
        (back.html.match(/<li><a href="#/g) ?? []).length,
        5,
        'four fields and the consent, at once',
      );
      assert.match(back.html, /value="12345"/);
      assert.equal(captchaIdOf(back.html), fields.captchaId, 'the same captcha');
      assert.equal(answerIn(back.html), fields.captchaAnswer, 'with the answer typed');

      // The kept captcha was never checked: it starts the registration now.
      const started = await client.post(FORM, { ...fields, captchaId: captchaIdOf(back.html) });
      assert.equal(started.location, '/register/mobile/code');
    });

    it('brings a new image after a wrong answer, the entries kept and the answer not', async () => {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      const client = new PageClient(system.url, { 'accept-language': 'en' });
      const form = await client.get(FORM);
      const fields = await filled(system, form.html, identity);
      await client.post(FORM, { ...fields, captchaAnswer: 'wrong1' });
      const back = await client.get(FORM);
      assert.notEqual(captchaIdOf(back.html), fields.captchaId);
      assert.equal(answerIn(back.html), '');
      assert.deepEqual(invalidFields(back.html), ['captchaAnswer']);
      assert.ok(textOf(back.html).includes('The characters were wrong or the image had expired.'));
      assert.match(back.html, new RegExp(`value="${identity.fullName}"`));
      assert.ok(!/Mã xác thực|Captcha\b/.test(textOf(back.html)), 'the captcha has its own name');
    });

    it('keeps the captcha of the forgot-password form sent back for its ID number', async () => {
      const client = new PageClient(system.url);
      const form = await client.get('/forgot-password');
      const captchaId = captchaIdOf(form.html);
      await client.post('/forgot-password', { idNumber: '12', captchaId, captchaAnswer: '' });
      const both = await client.get('/forgot-password');
      assert.deepEqual(invalidFields(both.html), ['idNumber', 'captchaAnswer'], 'both errors at once');
      assert.equal(captchaIdOf(both.html), captchaId);
      const answer = await answerOf(system, captchaId);
      await client.post('/forgot-password', { idNumber: '12', captchaId, captchaAnswer: answer });
      const kept = await client.get('/forgot-password');
      assert.equal(captchaIdOf(kept.html), captchaId);
      assert.equal(answerIn(kept.html), answer);
      assert.match(kept.html, /value="12"/);
    });

    it('speaks the captcha in Vietnamese and English from its own address', { skip: espeak }, async () => {
      const client = new PageClient(system.url);
      const form = await client.get(FORM);
      const captchaId = captchaIdOf(form.html);
      const src = /<audio[^>]*src="([^"]+)"/.exec(form.html)?.[1];
      assert.equal(src, `/api/v1/captchas/${captchaId}/audio?lang=vi`);
      const answer = await answerOf(system, captchaId);
      assert.ok(
        !form.html.includes(answer) && !src?.includes(answer),
        'the answer is in neither page nor address',
      );
      for (const lang of ['vi', 'en']) {
        const clip = await fetch(`${system.url}/api/v1/captchas/${captchaId}/audio?lang=${lang}`);
        assert.equal(clip.status, 200);
        assert.equal(clip.headers.get('content-type'), 'audio/wav');
        assert.equal(clip.headers.get('cache-control'), 'no-store');
        const body = Buffer.from(await clip.arrayBuffer());
        assert.equal(body.toString('ascii', 0, 4), 'RIFF');
      }
      const unknown = await fetch(`${system.url}/api/v1/captchas/not-a-captcha-at-all/audio`, {
        headers: { 'accept-language': 'en' },
      });
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { code: string }).code, 'CAPTCHA_NOT_FOUND');
      assert.equal(await answerOf(system, captchaId), answer, 'listening does not spend the captcha');
    });

    it('tells why a limit was met, when to come back (once, in hours and minutes) and the helpline', async () => {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      const client = new PageClient(system.url);
      let refused: string | undefined;
      for (let start = 1; start <= 11 && !refused; start++) {
        const form = await client.get(FORM);
        const sent = await client.post(FORM, await filled(system, form.html, identity));
        if (sent.location?.startsWith('/refused/')) refused = sent.location;
        else assert.equal(sent.location, '/register/mobile/code', `start ${start}`);
      }
      assert.match(refused ?? '', /^\/refused\/RATE_LIMITED\?.*limit=SMS_PER_PHONE/);
      const vi = await client.get(refused!);
      const text = textOf(vi.html);
      assert.ok(text.includes('Mỗi số điện thoại chỉ nhận tối đa 10 mã OTP trong 24 giờ'), text);
      assert.match(text, /thử lại sau 24 giờ, tức là từ \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\./);
      assert.equal(text.match(/thử lại sau/gi)?.length, 1, 'the wait is said once');
      assert.ok(!/1440|phút/.test(text), 'never 1440 minutes');
      assert.match(vi.html, /<a href="tel:18001096">18001096<\/a>/);
      const en = textOf((await new PageClient(system.url, { 'accept-language': 'en' }).get(refused!)).html);
      assert.ok(en.includes('A phone number receives at most 10 codes in 24 hours'), en);
      assert.match(en, /try again in 24 hours, that is from \d\d:\d\d on \d{1,2} \w+ \d{4}\./);
    });

    it('names each limit with its own reason (its number filled in), the wait once, in vi and en', async () => {
      for (const lang of ['vi', 'en'] as const) {
        const client = new PageClient(system.url, { 'accept-language': lang });
        const reasons = pageMessages[lang].limits as Record<string, string>;
        for (const limit of [...LIMIT_NAMES, 'NO_SUCH_LIMIT']) {
          const page = await client.get(
            `/refused/RATE_LIMITED?journey=registration&limit=${limit}&retry=5400`,
          );
          const text = textOf(page.html);
          const reason = reasons[limit] ?? reasons.other!;
          for (const part of reason.split(/\{max\}/))
            assert.ok(text.includes(part.trim()), `${lang} ${limit}: ${text}`);
          assert.ok(!text.includes('{max}'), `${lang} ${limit}: the number is filled in`);
          const wait = lang === 'vi' ? /thử lại sau 1 giờ 30 phút/gi : /try again in 1 hour 30 minutes/gi;
          assert.equal(text.match(wait)?.length, 1, `${lang} ${limit}: the wait said once: ${text}`);
        }
      }
    });
  });
}

describe('captcha without espeak-ng', () => {
  let system: TestSystem;
  before(async () => {
    system = await startTestSystem('embedded', { CAPTCHA_SPEECH_COMMAND: '/nonexistent/espeak-ng' });
  });
  after(() => system?.close());

  it('offers no recording but the helpline, answers the recording address cleanly, and says so once', async () => {
    const form = await new PageClient(system.url).get(FORM);
    assert.doesNotMatch(form.html, /<audio/);
    assert.match(form.html, /alt="[^"]*gọi tổng đài 18001096/);
    assert.ok(textOf(form.html).includes('Không xem được ảnh và không nghe được? Gọi tổng đài 18001096'));
    const clip = await fetch(`${system.url}/api/v1/captchas/${captchaIdOf(form.html)}/audio?lang=vi`);
    assert.equal(clip.status, 404);
    const problem = (await clip.json()) as { code: string; title: string };
    assert.equal(problem.code, 'CAPTCHA_AUDIO_UNAVAILABLE');
    assert.equal(problem.title, 'Chưa có bản nghe');
    assert.equal(system.log.lines.filter((line) => line.includes('espeak-ng is not installed')).length, 1);
  });
});
