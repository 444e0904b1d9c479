/**
 * The registration journey through the real server over HTTP (api.md): every status and code of the
 * captcha and registration endpoints, in Vietnamese and English, with a manual clock for expiry, on the
 * embedded stores and on PostgreSQL + Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import {
  assertNoSecretsIn,
  codeSentTo,
  type Identity,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  smsReceived,
  solvedCaptcha,
  startRegistration,
} from '../support/journey.ts';
import { call, expectProblem, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

const fieldCodes = (body: Record<string, unknown>) =>
  (body.errors as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`).sort();

for (const variant of storeVariants) {
  describe(`registration by mobile subscriber (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
    });
    after(() => t.close());

    async function ready(overrides: Partial<Identity> = {}, subscriber: Record<string, unknown> = {}) {
      const identity = newIdentity(overrides);
      await registerSubscriber(base, identity, subscriber);
      return identity;
    }

    async function startedJourney() {
      const identity = await ready();
      const started = await startRegistration(base, identity);
      assert.equal(started.status, 201, JSON.stringify(started.body));
      return { identity, id: started.body.registrationId as string };
    }

    describe('captcha', () => {
      it('creates a captcha with an SVG image that does not contain the answer', async () => {
        const created = await call(base, 'POST', '/api/v1/captchas');
        assert.equal(created.status, 201);
        assert.ok(Date.parse(created.body.expiresAt as string) > t.clock.now().getTime());
        const image = await fetch(`${base}${created.body.imageUrl}`);
        assert.equal(image.status, 200);
        assert.match(image.headers.get('content-type') ?? '', /image\/svg\+xml/);
        const svg = await image.text();
        const { answer } = (
          await call<{ answer: string }>(base, 'GET', `/sim/captchas/${created.body.captchaId}`)
        ).body;
        assert.match(answer, /^[a-z0-9]{6}$/);
        assert.ok(!svg.includes(answer) && !/<text/i.test(svg));
        expectProblem(
          await call(base, 'GET', '/api/v1/captchas/unknown-captcha-id/image'),
          404,
          'CAPTCHA_NOT_FOUND',
        );
      });
    });

    describe('start', () => {
      it('starts with an owner-registered SIM and sends a code to that phone', async () => {
        const identity = await ready();
        const started = await startRegistration(base, {
          ...identity,
          phoneNumber: `0${identity.phoneNumber.slice(3)}`,
        });
        assert.equal(started.status, 201, JSON.stringify(started.body));
        assert.equal(started.body.step, 'otp');
        assert.match(started.body.maskedPhone as string, /^091\*+\d{3}$/);
        const now = t.clock.now().getTime();
        assert.equal(Date.parse(started.body.otpExpiresAt as string), now + 5 * 60_000);
        assert.equal(Date.parse(started.body.resendAvailableAt as string), now + 60_000);
        const code = await codeSentTo(base, identity.phoneNumber);
        assert.match(code, /^\d{6}$/);
        const status = await call(base, 'GET', `/api/v1/registrations/${started.body.registrationId}`);
        assert.equal(status.status, 200);
        assert.equal(status.body.step, 'otp');
        assert.equal(status.body.method, 'mobile');
      });

      it('reports every invalid field with its own code (422 VALIDATION_FAILED), in Vietnamese and English', async () => {
        const bad = {
          idNumber: '12345',
          fullName: 'Nguyen Van 4n',
          birthDate: '31/02/1990',
          phoneNumber: '0241234567',
        };
        const vi = expectProblem(await startRegistration(base, newIdentity(bad)), 422, 'VALIDATION_FAILED');
        assert.deepEqual(fieldCodes(vi), [
          'birthDate:BIRTHDATE_INVALID',
          'fullName:FULL_NAME_INVALID',
          'idNumber:ID_NUMBER_INVALID',
          'phoneNumber:PHONE_NUMBER_INVALID',
        ]);
        assert.equal(vi.title, 'Thông tin chưa hợp lệ');
        const en = expectProblem(
          await startRegistration(base, newIdentity(bad), {}, { 'accept-language': 'en' }),
          422,
          'VALIDATION_FAILED',
        );
        assert.equal(en.title, 'Some information is not valid');
        assert.match((en.errors as Array<{ message: string }>)[0]!.message, /[a-z]/);

        const identity = newIdentity();
        const mismatch = expectProblem(
          await startRegistration(base, { ...identity, birthDate: '2001-05-17' }),
          422,
          'VALIDATION_FAILED',
        );
        assert.deepEqual(fieldCodes(mismatch), ['idNumber:ID_NUMBER_BIRTHDATE_MISMATCH']);
        const future = expectProblem(
          await startRegistration(base, { ...identity, birthDate: '2099-01-01' }),
          422,
          'VALIDATION_FAILED',
        );
        assert.ok(fieldCodes(future).includes('birthDate:BIRTHDATE_INVALID'));
      });

      it('asks for missing fields and for consent (422 REQUIRED)', async () => {
        const { idNumber: _omitted, ...identity } = newIdentity();
        const missing = expectProblem(
          await call(base, 'POST', '/api/v1/registrations/mobile', {
            ...identity,
            ...(await solvedCaptcha(base)),
            consent: false,
          }),
          422,
          'VALIDATION_FAILED',
        );
        assert.deepEqual(fieldCodes(missing), ['consent:REQUIRED', 'idNumber:REQUIRED']);
      });

      it('refuses unknown fields (400), oversized bodies (413) and other content types (415)', async () => {
        expectProblem(await startRegistration(base, newIdentity(), { isAdmin: true }), 400, 'BAD_REQUEST');
        const big = await fetch(`${base}/api/v1/registrations/mobile`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fullName: 'x'.repeat(20_000) }),
        });
        assert.equal(big.status, 413);
        const form = await fetch(`${base}/api/v1/registrations/mobile`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'hello',
        });
        assert.equal(form.status, 415);
      });

      it('refuses a wrong, reused or expired captcha (422 CAPTCHA_INVALID)', async () => {
        const identity = await ready();
        const captcha = await solvedCaptcha(base);
        expectProblem(
          await startRegistration(base, identity, { captchaId: captcha.captchaId, captchaAnswer: 'wrong1' }),
          422,
          'CAPTCHA_INVALID',
        );
        expectProblem(await startRegistration(base, identity, captcha), 422, 'CAPTCHA_INVALID');
        const late = await solvedCaptcha(base);
        t.clock.advance(2 * 60_000 + 1);
        expectProblem(await startRegistration(base, identity, late), 422, 'CAPTCHA_INVALID');
        const upper = await solvedCaptcha(base);
        const accepted = await startRegistration(base, identity, {
          ...upper,
          captchaAnswer: upper.captchaAnswer.toUpperCase(),
        });
        assert.equal(accepted.status, 201, 'answers are case-insensitive');
      });

      it('refuses a SIM not registered to the citizen, naming the carrier and its hotline (422 SUBSCRIBER_NOT_OWNER)', async () => {
        const identity = await ready();
        const otherName = expectProblem(
          await startRegistration(base, { ...identity, fullName: 'Trần Văn Bình' }),
          422,
          'SUBSCRIBER_NOT_OWNER',
        );
        assert.equal(otherName.carrier, 'vinaphone');
        assert.equal(otherName.carrierHotline, '18001091');
        assert.match(otherName.detail as string, /1414/);
        assert.match(otherName.detail as string, /18001091/);
        const en = expectProblem(
          await startRegistration(
            base,
            { ...identity, fullName: 'Tran Van Binh' },
            {},
            { 'accept-language': 'en' },
          ),
          422,
          'SUBSCRIBER_NOT_OWNER',
        );
        assert.match(en.detail as string, /Text TTTB to 1414/);

        const inactive = await ready({}, { status: 'inactive' });
        expectProblem(await startRegistration(base, inactive), 422, 'SUBSCRIBER_NOT_OWNER');
        const swapped = await ready(
          {},
          { simChangedAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString() },
        );
        expectProblem(await startRegistration(base, swapped), 422, 'SUBSCRIBER_NOT_OWNER');
        const oldSwap = await ready(
          {},
          { simChangedAt: new Date(t.clock.now().getTime() - 30 * 86_400_000).toISOString() },
        );
        assert.equal((await startRegistration(base, oldSwap)).status, 201);
        assert.equal((await smsReceived(base, identity.phoneNumber)).length, 0, 'no code for a refused SIM');
      });

      it('names the new carrier of a ported number', async () => {
        const ported = await ready({}, { carrier: 'viettel' });
        assert.equal((await startRegistration(base, ported)).status, 201);
        const refused = expectProblem(
          await startRegistration(base, { ...ported, fullName: 'Lê Văn Cường' }),
          422,
          'SUBSCRIBER_NOT_OWNER',
        );
        assert.equal(refused.carrier, 'viettel');
        assert.equal(refused.carrierHotline, '18008098');
      });

      it('refuses a number no carrier knows (422 SUBSCRIBER_NOT_FOUND)', async () => {
        expectProblem(await startRegistration(base, newIdentity()), 422, 'SUBSCRIBER_NOT_FOUND');
      });

      it('refuses a citizen who already has an account (409 ACCOUNT_EXISTS)', async () => {
        const identity = await ready();
        await registerCompletely(base, identity);
        const exists = expectProblem(await startRegistration(base, identity), 409, 'ACCOUNT_EXISTS');
        assert.match(exists.title as string, /Tài khoản/);
      });

      it('answers CARRIER_UNAVAILABLE (503) during a carrier outage, keeping nothing', async () => {
        const identity = await ready();
        assert.equal(
          (await call(base, 'POST', '/sim/carriers/vinaphone/outage', { down: true })).status,
          200,
        );
        try {
          expectProblem(await startRegistration(base, identity), 503, 'CARRIER_UNAVAILABLE');
        } finally {
          await call(base, 'POST', '/sim/carriers/vinaphone/outage', { down: false });
        }
        assert.equal((await smsReceived(base, identity.phoneNumber)).length, 0);
      });

      it('limits SMS to 10 per phone number in 24 hours (429 RATE_LIMITED with Retry-After), then frees the slot', async () => {
        const identity = await ready();
        for (let i = 0; i < 10; i++) assert.equal((await startRegistration(base, identity)).status, 201);
        const limited = await startRegistration(base, identity);
        expectProblem(limited, 429, 'RATE_LIMITED');
        assert.ok(Number(limited.headers.get('retry-after')) > 23 * 3600);
        t.clock.advance(24 * 3_600_000 + 1000);
        assert.equal((await startRegistration(base, identity)).status, 201);
      });
    });

    describe('code', () => {
      it('accepts the right code once, then moves to the password step', async () => {
        const { identity, id } = await startedJourney();
        const code = await codeSentTo(base, identity.phoneNumber);
        const ok = await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code });
        assert.equal(ok.status, 200);
        assert.deepEqual(ok.body, { step: 'password' });
        assert.equal((await call(base, 'GET', `/api/v1/registrations/${id}`)).body.step, 'password');
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code }),
          409,
          'STEP_NOT_ALLOWED',
        );
      });

      it('counts wrong answers down and locks the code at the fifth (422 OTP_INVALID, 423 OTP_LOCKED)', async () => {
        const { identity, id } = await startedJourney();
        const code = await codeSentTo(base, identity.phoneNumber);
        const wrong = code === '000000' ? '111111' : '000000';
        for (const left of [4, 3, 2, 1]) {
          const answer = expectProblem(
            await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: wrong }),
            422,
            'OTP_INVALID',
          );
          assert.equal(answer.attemptsLeft, left);
          assert.match(answer.detail as string, new RegExp(String(left)));
        }
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: wrong }),
          423,
          'OTP_LOCKED',
        );
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code }),
          423,
          'OTP_LOCKED',
        );
        t.clock.advance(60_000);
        assert.equal((await call(base, 'POST', `/api/v1/registrations/${id}/otp/resend`)).status, 200);
        const fresh = await codeSentTo(base, identity.phoneNumber, 2);
        assert.equal(
          (await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: fresh })).status,
          200,
        );
      });

      it('expires the code after 5 minutes (422 OTP_EXPIRED) and the registration after 15 (404)', async () => {
        const { identity, id } = await startedJourney();
        const code = await codeSentTo(base, identity.phoneNumber);
        t.clock.advance(5 * 60_000);
        const expired = expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code }, { 'accept-language': 'en' }),
          422,
          'OTP_EXPIRED',
        );
        assert.equal(expired.title, 'Code expired');
        t.clock.advance(10 * 60_000);
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code }),
          404,
          'REGISTRATION_NOT_FOUND',
        );
        expectProblem(await call(base, 'GET', `/api/v1/registrations/${id}`), 404, 'REGISTRATION_NOT_FOUND');
      });

      it('answers 404 for an unknown registration on every step', async () => {
        const unknown = 'AAAAAAAAAAAAAAAAAAAAAAAA';
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${unknown}/otp`, { code: '123456' }),
          404,
          'REGISTRATION_NOT_FOUND',
        );
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${unknown}/otp/resend`),
          404,
          'REGISTRATION_NOT_FOUND',
        );
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${unknown}/password`, {
            password: STRONG_PASSWORD,
            confirmPassword: STRONG_PASSWORD,
          }),
          404,
          'REGISTRATION_NOT_FOUND',
        );
        expectProblem(
          await call(base, 'GET', `/api/v1/registrations/${unknown}`),
          404,
          'REGISTRATION_NOT_FOUND',
        );
      });

      it('of 20 identical correct submissions at once, exactly one succeeds', async () => {
        const { identity, id } = await startedJourney();
        const code = await codeSentTo(base, identity.phoneNumber);
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code })),
        );
        assert.equal(answers.filter((a) => a.status === 200).length, 1);
        // Past the 5 attempt slots a submission is refused unchecked (OTP_LOCKED while the code is live).
        assert.ok(
          answers
            .filter((a) => a.status !== 200)
            .every((a) => a.body.code === 'STEP_NOT_ALLOWED' || a.body.code === 'OTP_LOCKED'),
        );
      });
    });

    describe('resend', () => {
      it('waits 60 s, replaces the code, and stops after 5 codes (429 OTP_RESEND_TOO_SOON, OTP_LIMIT_REACHED)', async () => {
        const { identity, id } = await startedJourney();
        const first = await codeSentTo(base, identity.phoneNumber);
        const tooSoon = expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp/resend`),
          429,
          'OTP_RESEND_TOO_SOON',
        );
        assert.match(tooSoon.detail as string, /60/);
        for (let n = 2; n <= 5; n++) {
          t.clock.advance(60_000);
          const resent = await call(base, 'POST', `/api/v1/registrations/${id}/otp/resend`);
          assert.equal(resent.status, 200, JSON.stringify(resent.body));
          assert.equal(Date.parse(resent.body.resendAvailableAt as string), t.clock.now().getTime() + 60_000);
        }
        t.clock.advance(60_000);
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp/resend`),
          429,
          'OTP_LIMIT_REACHED',
        );
        const latest = await codeSentTo(base, identity.phoneNumber, 5);
        if (latest !== first) {
          expectProblem(
            await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: first }),
            422,
            'OTP_INVALID',
          );
        }
        assert.equal(
          (await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: latest })).status,
          200,
        );
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp/resend`),
          409,
          'STEP_NOT_ALLOWED',
        );
      });
    });

    describe('password', () => {
      async function verifiedJourney() {
        const { identity, id } = await startedJourney();
        const code = await codeSentTo(base, identity.phoneNumber);
        assert.equal((await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code })).status, 200);
        return { identity, id };
      }

      it('is not allowed before the code (409 STEP_NOT_ALLOWED)', async () => {
        const { id } = await startedJourney();
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/password`, {
            password: STRONG_PASSWORD,
            confirmPassword: STRONG_PASSWORD,
          }),
          409,
          'STEP_NOT_ALLOWED',
        );
      });

      it('names every failed rule (422 PASSWORD_POLICY), including the seed example as TOO_COMMON', async () => {
        const { identity, id } = await verifiedJourney();
        const weak = expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/password`, {
            password: 'abc',
            confirmPassword: 'abc',
          }),
          422,
          'PASSWORD_POLICY',
        );
        assert.deepEqual(fieldCodes(weak), [
          'password:NO_DIGIT',
          'password:NO_SPECIAL',
          'password:NO_UPPERCASE',
          'password:TOO_SHORT',
        ]);
        const common = expectProblem(
          await call(
            base,
            'POST',
            `/api/v1/registrations/${id}/password`,
            { password: 'Aa@123456', confirmPassword: 'Aa@123456' },
            { 'accept-language': 'en' },
          ),
          422,
          'PASSWORD_POLICY',
        );
        assert.deepEqual(fieldCodes(common), ['password:TOO_COMMON']);
        assert.match((common.errors as Array<{ message: string }>)[0]!.message, /common/);
        const personal = `Xy#${identity.idNumber}`;
        const mine = expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/password`, {
            password: personal,
            confirmPassword: personal,
          }),
          422,
          'PASSWORD_POLICY',
        );
        assert.ok(fieldCodes(mine).includes('password:CONTAINS_PERSONAL_DATA'));
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/password`, {
            password: STRONG_PASSWORD,
            confirmPassword: `${STRONG_PASSWORD}!`,
          }),
          422,
          'PASSWORD_MISMATCH',
        );
      });

      it('creates the account once: of 10 submissions at once exactly one gets 201, and then the step is closed', async () => {
        const { identity, id } = await verifiedJourney();
        const answers = await Promise.all(
          Array.from({ length: 10 }, () =>
            call(base, 'POST', `/api/v1/registrations/${id}/password`, {
              password: STRONG_PASSWORD,
              confirmPassword: STRONG_PASSWORD,
            }),
          ),
        );
        const created = answers.filter((a) => a.status === 201);
        assert.equal(created.length, 1);
        assert.equal(created[0]!.body.username, identity.idNumber);
        assert.ok(answers.filter((a) => a.status !== 201).every((a) => a.body.code === 'STEP_NOT_ALLOWED'));
        assert.equal((await call(base, 'GET', `/api/v1/registrations/${id}`)).body.step, 'completed');
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/password`, {
            password: STRONG_PASSWORD,
            confirmPassword: STRONG_PASSWORD,
          }),
          409,
          'STEP_NOT_ALLOWED',
        );
      });

      it('answers ACCOUNT_EXISTS (409) when the citizen got an account another way meanwhile', async () => {
        const { identity, id } = await verifiedJourney();
        const db = t.system.database.as<PortalTables>() as Kysely<PortalTables>;
        const row = await db
          .selectFrom('registrations')
          .select('subject_index')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await db
          .insertInto('accounts')
          .values({
            id: crypto.randomUUID(),
            subject_index: row.subject_index,
            id_number_enc: 'x',
            full_name_enc: 'x',
            birth_date_enc: 'x',
            registration_method: 'vnpost',
            created_at: new Date(),
          })
          .execute();
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/password`, {
            password: STRONG_PASSWORD,
            confirmPassword: STRONG_PASSWORD,
          }),
          409,
          'ACCOUNT_EXISTS',
        );
        assert.ok(identity);
      });

      it('two starts racing for one ID leave one live journey, which alone ends in the account', async () => {
        const identity = await ready();
        const starts = await Promise.all([
          startRegistration(base, identity),
          startRegistration(base, identity),
        ]);
        assert.deepEqual(
          starts.map((s) => s.status),
          [201, 201],
        );
        const ids = starts.map((s) => String(s.body.registrationId));
        const found = await Promise.all(ids.map((id) => call(base, 'GET', `/api/v1/registrations/${id}`)));
        assert.deepEqual(found.map((f) => f.status).sort(), [200, 404], 'one superseded the other');
        const live = ids[found.findIndex((f) => f.status === 200)]!;
        const superseded = ids[found.findIndex((f) => f.status === 404)]!;

        // Which of the two texts carries the live code depends on the order the SMS centre took them.
        const inbox = await smsReceived(base, identity.phoneNumber);
        const codes = inbox.slice(-2).map((sms) => /\b(\d{6})\b/.exec(sms.text)?.[1] ?? '');
        const verified = [];
        for (const code of codes)
          verified.push((await call(base, 'POST', `/api/v1/registrations/${live}/otp`, { code })).status);
        assert.ok(verified.includes(200), `one of the two codes opens the live journey (${verified})`);
        const password = { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD };
        const done = await call(base, 'POST', `/api/v1/registrations/${live}/password`, password);
        assert.equal(done.status, 201);
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${superseded}/password`, password),
          404,
          'REGISTRATION_NOT_FOUND',
        );
        expectProblem(await startRegistration(base, identity), 409, 'ACCOUNT_EXISTS');
      });
    });

    it('superseding: a new start replaces the unfinished registration', async () => {
      const { identity, id } = await startedJourney();
      const again = await startRegistration(base, identity);
      assert.equal(again.status, 201);
      expectProblem(await call(base, 'GET', `/api/v1/registrations/${id}`), 404, 'REGISTRATION_NOT_FOUND');
      const code = await codeSentTo(base, identity.phoneNumber, 2);
      assert.equal(
        (await call(base, 'POST', `/api/v1/registrations/${again.body.registrationId}/otp`, { code })).status,
        200,
      );
    });

    it('SMS_UNAVAILABLE (503) within 2 s when the SMS centre is down; nothing counts against the limits', async () => {
      const identity = await ready();
      await call(base, 'POST', '/sim/smsc', { down: true });
      try {
        const began = Date.now();
        expectProblem(await startRegistration(base, identity), 503, 'SMS_UNAVAILABLE');
        assert.ok(Date.now() - began < 2500, `answered in ${Date.now() - began} ms`);
      } finally {
        await call(base, 'POST', '/sim/smsc', { down: false });
      }
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (Date.now() < deadline && status !== 201) {
        status = (await startRegistration(base, identity)).status;
        if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(status, 201, 'the sender reconnects once the SMS centre is back');
    });

    it('keeps personal data, codes and passwords out of the logs', () => {
      const text = t.log.text();
      assert.ok(text.length > 1000, 'the server logged');
      assertNoSecretsIn(text, [STRONG_PASSWORD, 'Aa@123456']);
    });
  });
}
