/**
 * Registration by social insurance through the real server over HTTP (methods.md, "Social insurance"): the
 * record held by the simulated Vietnam Social Security registry decides, the code goes to the phone on that
 * record, then the shared steps. Every status and code of the contract's table, in Vietnamese and English,
 * with nothing stored after a refusal; on the embedded stores and on PostgreSQL + Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createAccountRepository } from '../../src/adapters/db/account-repository.ts';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import { maskPhone } from '../../src/domain/phone.ts';
import {
  assertNoSecretsIn,
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  smsReceived,
  solvedCaptcha,
} from '../support/journey.ts';
import {
  addInsuranceRecord,
  type InsuredPerson,
  insuranceEntries,
  insuredWithRecord,
  newInsuredPerson,
  registerCompletelyByInsurance,
  startInsuranceRegistration,
} from '../support/social-insurance.ts';
import {
  call,
  expectProblem,
  type JsonResponse,
  startTestSystem,
  storeVariants,
  type TestSystem,
} from '../support/system.ts';

const START = '/api/v1/registrations/social-insurance';
const VSS_HOTLINE = '19009068';
/** Short, so that a registry slower than it is tested without a long wait. */
const REGISTRY_TIMEOUT_MS = 400;
const EN = { 'accept-language': 'en' };

const fieldCodes = (body: Record<string, unknown>) =>
  (body.errors as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`).sort();

/** A problem body without what differs from one request to the next. */
const sameForAnyRequest = (body: Record<string, unknown>) => {
  const { instance: _instance, requestId: _requestId, ...rest } = body;
  return rest;
};

for (const variant of storeVariants) {
  describe(`registration by social insurance (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    let db: Kysely<PortalTables>;
    before(async () => {
      t = await startTestSystem(variant.name, { SOCIAL_INSURANCE_TIMEOUT_MS: String(REGISTRY_TIMEOUT_MS) });
      base = t.url;
      db = t.system.database.as<PortalTables>() as Kysely<PortalTables>;
    });
    after(() => t.close());

    const registrationRows = async () =>
      Number(
        (
          await db
            .selectFrom('registrations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** Runs a refused start and checks that it left no registration behind and sent no code. */
    async function refusedLeavingNothing(insured: InsuredPerson, refuse: () => Promise<JsonResponse>) {
      const rowsBefore = await registrationRows();
      const smsBefore = (await smsReceived(base, insured.phoneNumber)).length;
      const answer = await refuse();
      assert.equal(await registrationRows(), rowsBefore, 'no registration row');
      assert.equal((await smsReceived(base, insured.phoneNumber)).length, smsBefore, 'no code sent');
      return answer;
    }

    /** Asks the same refusal in Vietnamese and in English: both carry the code and a translated title. */
    async function inBothLanguages(
      code: string,
      request: (headers: Record<string, string>) => Promise<JsonResponse>,
    ) {
      const vi = (await request({})).body;
      const en = (await request(EN)).body;
      assert.equal(vi.code, code);
      assert.equal(en.code, code);
      for (const body of [vi, en]) {
        assert.ok(typeof body.title === 'string' && body.title.length > 0, `${code}: a title`);
        assert.ok(typeof body.detail === 'string' && body.detail.length > 0, `${code}: a detail`);
      }
      assert.notEqual(vi.title, en.title, `${code}: the title is translated`);
      return { vi, en };
    }

    it('lists the six methods, all available; only the USB token needs JavaScript and serves organisations', async () => {
      const listed = await call<Array<Record<string, unknown>>>(base, 'GET', '/api/v1/registration-methods');
      assert.equal(listed.status, 200);
      const ids = ['mobile', 'social-insurance', 'vnpost', 'usb-token', 'sim-signature', 'remote-signature'];
      assert.deepEqual(
        listed.body.map((m) => m.id),
        ids,
      );
      assert.deepEqual(
        listed.body.filter((m) => m.available).map((m) => m.id),
        ids,
      );
      assert.deepEqual(
        listed.body.filter((m) => m.requiresJavaScript).map((m) => m.id),
        ['usb-token'],
      );
      assert.deepEqual(
        listed.body.filter((m) => (m.audience as string[]).includes('organisation')).map((m) => m.id),
        ['usb-token'],
      );
      const insurance = listed.body.find((m) => m.id === 'social-insurance')!;
      assert.deepEqual(insurance.audience, ['citizen']);
    });

    it("starts on a matching record and sends the code to the record's phone; code, resend, password, account", async () => {
      // The record's phone is one the citizen never typed: the registry vouches for it.
      const insured = await insuredWithRecord(base, { fullName: 'Phạm Thị Thu Hà' });
      const started = await startInsuranceRegistration(base, insured);
      assert.equal(started.status, 201, JSON.stringify(started.body));
      assert.equal(started.body.step, 'otp');
      assert.equal(started.body.maskedPhone, maskPhone(insured.phoneNumber));
      assert.match(started.body.maskedPhone as string, /^091\*+\d{3}$/);
      const now = t.clock.now().getTime();
      assert.equal(Date.parse(started.body.otpExpiresAt as string), now + 5 * 60_000);
      assert.equal(Date.parse(started.body.resendAvailableAt as string), now + 60_000);
      const id = started.body.registrationId as string;

      const status = await call(base, 'GET', `/api/v1/registrations/${id}`);
      assert.equal(status.status, 200);
      assert.equal(status.body.method, 'social-insurance');
      assert.equal(status.body.step, 'otp');

      const first = await codeSentTo(base, insured.phoneNumber, 1);
      expectProblem(
        await call(base, 'POST', `/api/v1/registrations/${id}/otp/resend`),
        429,
        'OTP_RESEND_TOO_SOON',
      );
      t.clock.advance(60_000);
      const resent = await call(base, 'POST', `/api/v1/registrations/${id}/otp/resend`);
      assert.equal(resent.status, 200, JSON.stringify(resent.body));
      const second = await codeSentTo(base, insured.phoneNumber, 2);
      if (second !== first)
        expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: first }),
          422,
          'OTP_INVALID',
        );
      const verified = await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: second });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.deepEqual(verified.body, { step: 'password' });
      assert.equal((await call(base, 'GET', `/api/v1/registrations/${id}`)).body.step, 'password');

      const done = await call(base, 'POST', `/api/v1/registrations/${id}/password`, {
        password: STRONG_PASSWORD,
        confirmPassword: STRONG_PASSWORD,
      });
      assert.equal(done.status, 201, JSON.stringify(done.body));
      assert.equal(done.body.username, insured.idNumber);
      const completed = await call(base, 'GET', `/api/v1/registrations/${id}`);
      assert.equal(completed.body.step, 'completed');
      assert.equal(completed.body.method, 'social-insurance');

      const signedIn = await call(base, 'POST', '/api/v1/sessions', {
        username: insured.idNumber,
        password: STRONG_PASSWORD,
      });
      assert.equal(signedIn.status, 201, JSON.stringify(signedIn.body));
      const sid = /sid=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1];
      assert.ok(sid, 'a session cookie');
      const me = await call(base, 'GET', '/api/v1/me', undefined, { cookie: `sid=${sid}` });
      assert.equal(me.status, 200);
      assert.equal(me.body.accountId, done.body.accountId);
      assert.equal(me.body.username, insured.idNumber);
      assert.equal(me.body.registrationMethod, 'social-insurance');
      assert.equal(me.body.accountType, 'citizen');
      assert.equal(me.body.displayName, insured.fullName);
      assert.equal(me.body.maskedPhone, maskPhone(insured.phoneNumber));
    });

    it('stores VSS evidence on the account and names the method on every audit row and on journey_step_total', async () => {
      const insured = await insuredWithRecord(base);
      const { registrationId, accountId } = await registerCompletelyByInsurance(base, insured);

      // The hub's loAs come from these rows: the record vouched for the identity and the phone.
      const evidence = await createAccountRepository(db).claimsOf(accountId);
      assert.deepEqual(
        evidence.map((c) => `${c.claim}:${c.source}:${c.level}`),
        ['birthDate:VSS:2', 'fullName:VSS:2', 'idNumber:VSS:2', 'phoneNumber:VSS:2'],
      );
      const account = await db
        .selectFrom('accounts')
        .select(['registration_method', 'kind'])
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(account, { registration_method: 'social-insurance', kind: 'citizen' });

      // The audit trail (as written to the database, group commit and all) says how, and who vouched.
      const trail = await db
        .selectFrom('audit_events')
        .select(['event', 'method', 'partner'])
        .where((eb) => eb.or([eb('registration_id', '=', registrationId), eb('account_id', '=', accountId)]))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        trail.map((row) => row.event),
        [
          'registration.started',
          'registration.code_sent',
          'registration.code_verified',
          'registration.completed',
          'session.signed_in',
        ],
      );
      for (const row of trail) assert.equal(row.method, 'social-insurance', `${row.event}: method`);
      for (const row of trail.filter(
        (r) => r.event !== 'registration.code_verified' && r.event !== 'session.signed_in',
      ))
        assert.equal(row.partner, 'vss', `${row.event}: partner`);

      // The funnel on /metrics: the steps of this method, labelled with it and with its partner.
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const stepLines = metrics
        .split('\n')
        .filter(
          (line) => line.startsWith('journey_step_total{') && line.includes('method="social-insurance"'),
        );
      for (const [step, outcome, partner] of [
        ['start', 'code_sent', 'vss'],
        ['verify', 'verified', ''],
        ['complete', 'completed', 'vss'],
      ])
        assert.ok(
          stepLines.some(
            (line) =>
              line.includes(`step="${step}"`) &&
              line.includes(`outcome="${outcome}"`) &&
              line.includes(`partner="${partner}"`) &&
              Number(line.split(' ').at(-1)) >= 1,
          ),
          `journey_step_total for ${step}/${outcome} with the method:\n${stepLines.join('\n')}`,
        );
    });

    it('compares names as product.md says and takes the birth date as DD/MM/YYYY too', async () => {
      const insured = await insuredWithRecord(base, { fullName: 'Đặng Thị Ngọc Ánh' });
      const started = await startInsuranceRegistration(base, {
        ...insured,
        fullName: '  dang   thi NGOC anh ',
        birthDate: insured.birthDate.split('-').reverse().join('/'),
      });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      expectProblem(
        await startInsuranceRegistration(base, { ...insured, fullName: 'Đặng Thị Ngọc' }),
        422,
        'INSURANCE_RECORD_MISMATCH',
      );
    });

    it('reports every invalid field at once with its own code (422 VALIDATION_FAILED), in Vietnamese and English', async () => {
      const insured = await insuredWithRecord(base);
      const bad = {
        socialInsuranceNumber: '12345',
        idNumber: '12345',
        fullName: 'Nguyen Van 4n',
        birthDate: '31/02/1990',
      };
      const { vi, en } = await inBothLanguages('VALIDATION_FAILED', (headers) =>
        refusedLeavingNothing(insured, () => startInsuranceRegistration(base, insured, bad, headers)),
      );
      assert.deepEqual(fieldCodes(vi), [
        'birthDate:BIRTHDATE_INVALID',
        'fullName:FULL_NAME_INVALID',
        'idNumber:ID_NUMBER_INVALID',
        'socialInsuranceNumber:SOCIAL_INSURANCE_NUMBER_INVALID',
      ]);
      assert.equal(vi.title, 'Thông tin chưa hợp lệ');
      assert.equal(en.title, 'Some information is not valid');
      const messages = (body: Record<string, unknown>) =>
        Object.fromEntries(
          (body.errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]),
        );
      assert.equal(messages(vi).socialInsuranceNumber, 'Mã số bảo hiểm xã hội gồm đúng 10 chữ số.');
      assert.equal(messages(en).socialInsuranceNumber, 'The social insurance number is exactly 10 digits.');

      // Eleven digits, or letters: still the number's own code; spaces inside a number are fine.
      for (const socialInsuranceNumber of ['99123456789', '99a2345678', '']) {
        const answer = expectProblem(
          await startInsuranceRegistration(base, insured, { socialInsuranceNumber }),
          422,
          'VALIDATION_FAILED',
        );
        assert.deepEqual(fieldCodes(answer), ['socialInsuranceNumber:SOCIAL_INSURANCE_NUMBER_INVALID']);
      }
      const spaced = insured.socialInsuranceNumber.replace(/(\d{2})(\d{4})(\d{4})/, '$1 $2 $3');
      assert.equal(
        (await startInsuranceRegistration(base, insured, { socialInsuranceNumber: spaced })).status,
        201,
      );

      const mismatch = expectProblem(
        await startInsuranceRegistration(base, { ...insured, birthDate: '2001-05-17' }),
        422,
        'VALIDATION_FAILED',
      );
      assert.deepEqual(fieldCodes(mismatch), ['idNumber:ID_NUMBER_BIRTHDATE_MISMATCH']);
    });

    it('asks for missing fields and for consent (422 REQUIRED), and refuses unknown fields (400)', async () => {
      const insured = await insuredWithRecord(base);
      const { socialInsuranceNumber: _number, idNumber: _id, ...rest } = insuranceEntries(insured);
      const missing = await refusedLeavingNothing(insured, async () =>
        call(base, 'POST', START, { ...rest, ...(await solvedCaptcha(base)), consent: false }),
      );
      expectProblem(missing, 422, 'VALIDATION_FAILED');
      assert.deepEqual(fieldCodes(missing.body), [
        'consent:REQUIRED',
        'idNumber:REQUIRED',
        'socialInsuranceNumber:REQUIRED',
      ]);
      expectProblem(
        await startInsuranceRegistration(base, insured, { phoneNumber: insured.phoneNumber }),
        400,
        'BAD_REQUEST',
      );
    });

    it('refuses a wrong or reused captcha (422 CAPTCHA_INVALID), keeping nothing', async () => {
      const insured = await insuredWithRecord(base);
      let captcha = await solvedCaptcha(base);
      await inBothLanguages('CAPTCHA_INVALID', async (headers) => {
        captcha = await solvedCaptcha(base);
        const wrong = { captchaId: captcha.captchaId, captchaAnswer: 'wrong1' };
        const answer = await refusedLeavingNothing(insured, () =>
          startInsuranceRegistration(base, insured, wrong, headers),
        );
        expectProblem(answer, 422, 'CAPTCHA_INVALID');
        return answer;
      });
      // A captcha, once tried, is spent even with its right answer.
      expectProblem(await startInsuranceRegistration(base, insured, captcha), 422, 'CAPTCHA_INVALID');
    });

    it('gives one answer for an unknown number and for any differing field (422 INSURANCE_RECORD_MISMATCH), naming VSS and its hotline', async () => {
      const insured = await insuredWithRecord(base);
      const differing: Array<[string, Partial<InsuredPerson>]> = [
        ['unknown number', { socialInsuranceNumber: '9800000001' }],
        ['another name', { fullName: 'Trần Văn Bình' }],
        [
          'another ID number of the same birth date',
          { idNumber: newIdentity({ birthDate: insured.birthDate }).idNumber },
        ],
        ['another birth date', { birthDate: '1990-05-18' }],
      ];
      const answers = [];
      for (const [why, change] of differing) {
        const answer = await refusedLeavingNothing(insured, () =>
          startInsuranceRegistration(base, { ...insured, ...change }),
        );
        const body = expectProblem(answer, 422, 'INSURANCE_RECORD_MISMATCH');
        answers.push([why, sameForAnyRequest(body)] as const);
      }
      for (const [why, body] of answers.slice(1)) assert.deepEqual(body, answers[0]![1], why);
      const vi = answers[0]![1];
      assert.equal(vi.partner, 'vss');
      assert.equal(vi.partnerHotline, VSS_HOTLINE);
      assert.equal(vi.title, 'Không khớp hồ sơ bảo hiểm xã hội');
      const en = expectProblem(
        await startInsuranceRegistration(base, { ...insured, fullName: 'Tran Van Binh' }, {}, EN),
        422,
        'INSURANCE_RECORD_MISMATCH',
      );
      assert.equal(en.title, 'No matching social insurance record');
      assert.match(en.detail as string, /VssID/);
    });

    it('refuses a record without a phone (422 INSURANCE_NO_PHONE), keeping nothing', async () => {
      const insured = newInsuredPerson();
      await addInsuranceRecord(base, insured, { phoneNumber: null });
      const record = await call(
        base,
        'GET',
        `/sim/social-insurance/records/${insured.socialInsuranceNumber}`,
      );
      assert.equal(record.body.phoneNumber, null);
      const { vi, en } = await inBothLanguages('INSURANCE_NO_PHONE', (headers) =>
        refusedLeavingNothing(insured, async () => {
          const answer = await startInsuranceRegistration(base, insured, {}, headers);
          expectProblem(answer, 422, 'INSURANCE_NO_PHONE');
          return answer;
        }),
      );
      assert.equal(vi.title, 'Hồ sơ chưa có số điện thoại');
      assert.equal(en.title, 'Your record has no phone number');
      assert.equal(vi.partnerHotline, VSS_HOTLINE);
      // A wrong entry for that same record is a mismatch, as for any record: its phone is not revealed.
      expectProblem(
        await startInsuranceRegistration(base, { ...insured, fullName: 'Trần Văn Bình' }),
        422,
        'INSURANCE_RECORD_MISMATCH',
      );
    });

    it('says ACCOUNT_EXISTS (409) only once the record matched, whichever method made the account', async () => {
      const insured = await insuredWithRecord(base);
      await registerCompletelyByInsurance(base, insured);
      const { vi, en } = await inBothLanguages('ACCOUNT_EXISTS', (headers) =>
        refusedLeavingNothing(insured, async () => {
          const answer = await startInsuranceRegistration(base, insured, {}, headers);
          expectProblem(answer, 409, 'ACCOUNT_EXISTS');
          return answer;
        }),
      );
      assert.match(vi.title as string, /Tài khoản/);
      assert.match(en.title as string, /account/i);
      // Somebody who knows the ID number but not the record learns nothing about the account.
      expectProblem(
        await startInsuranceRegistration(base, { ...insured, socialInsuranceNumber: '9800000002' }),
        422,
        'INSURANCE_RECORD_MISMATCH',
      );
      expectProblem(
        await startInsuranceRegistration(base, { ...insured, fullName: 'Trần Văn Bình' }),
        422,
        'INSURANCE_RECORD_MISMATCH',
      );

      // An account made by mobile subscriber closes the door of social insurance too.
      const byMobile = newInsuredPerson();
      const { socialInsuranceNumber: _number, ...citizen } = byMobile;
      await registerSubscriber(base, citizen);
      await registerCompletely(base, citizen);
      await addInsuranceRecord(base, byMobile);
      expectProblem(await startInsuranceRegistration(base, byMobile), 409, 'ACCOUNT_EXISTS');
    });

    it('limits codes to 10 per phone in 24 hours (429 RATE_LIMITED with Retry-After)', async () => {
      const insured = await insuredWithRecord(base);
      for (let i = 0; i < 10; i++) {
        const started = await startInsuranceRegistration(base, insured);
        assert.equal(started.status, 201, JSON.stringify(started.body));
      }
      await inBothLanguages('RATE_LIMITED', (headers) =>
        refusedLeavingNothing(insured, async () => {
          const answer = await startInsuranceRegistration(base, insured, {}, headers);
          expectProblem(answer, 429, 'RATE_LIMITED');
          assert.ok(Number(answer.headers.get('retry-after')) > 23 * 3600);
          return answer;
        }),
      );
      t.clock.advance(24 * 3_600_000 + 1000);
      assert.equal((await startInsuranceRegistration(base, insured)).status, 201);
    });

    it('answers SOCIAL_INSURANCE_UNAVAILABLE (503) while the registry is down, keeping nothing', async () => {
      const insured = await insuredWithRecord(base);
      assert.equal((await call(base, 'POST', '/sim/social-insurance/outage', { down: true })).status, 200);
      try {
        const answer = await refusedLeavingNothing(insured, () => startInsuranceRegistration(base, insured));
        expectProblem(answer, 503, 'SOCIAL_INSURANCE_UNAVAILABLE');
        const en = expectProblem(
          await startInsuranceRegistration(base, insured, {}, EN),
          503,
          'SOCIAL_INSURANCE_UNAVAILABLE',
        );
        assert.equal(answer.body.title, 'Bảo hiểm xã hội tạm thời không phản hồi');
        assert.equal(en.title, 'Social insurance is not answering');
      } finally {
        await call(base, 'POST', '/sim/social-insurance/outage', { down: false });
      }
      assert.equal((await startInsuranceRegistration(base, insured)).status, 201, 'back once it is up');
    });

    it('answers SOCIAL_INSURANCE_UNAVAILABLE (503) when the registry answers later than the timeout', async () => {
      const insured = await insuredWithRecord(base);
      await call(base, 'POST', '/sim/social-insurance/latency', { ms: REGISTRY_TIMEOUT_MS * 4 });
      try {
        const began = Date.now();
        const answer = await refusedLeavingNothing(insured, () => startInsuranceRegistration(base, insured));
        const elapsed = Date.now() - began;
        expectProblem(answer, 503, 'SOCIAL_INSURANCE_UNAVAILABLE');
        assert.ok(elapsed < REGISTRY_TIMEOUT_MS * 3, `answered in ${elapsed} ms, not after the registry`);
      } finally {
        await call(base, 'POST', '/sim/social-insurance/latency', { ms: 0 });
      }
      assert.equal((await startInsuranceRegistration(base, insured)).status, 201, 'back once it is fast');
    });

    it('answers SMS_UNAVAILABLE (503) when the SMS centre is down, keeping nothing', async () => {
      const insured = await insuredWithRecord(base);
      await call(base, 'POST', '/sim/smsc', { down: true });
      try {
        await inBothLanguages('SMS_UNAVAILABLE', (headers) =>
          refusedLeavingNothing(insured, async () => {
            const answer = await startInsuranceRegistration(base, insured, {}, headers);
            expectProblem(answer, 503, 'SMS_UNAVAILABLE');
            return answer;
          }),
        );
      } finally {
        await call(base, 'POST', '/sim/smsc', { down: false });
      }
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (Date.now() < deadline && status !== 201) {
        status = (await startInsuranceRegistration(base, insured)).status;
        if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(status, 201, 'the sender reconnects once the SMS centre is back');
    });

    it('keeps personal data, codes and passwords out of the logs', () => {
      const text = t.log.text();
      assert.ok(text.length > 1000, 'the server logged');
      assertNoSecretsIn(text, [STRONG_PASSWORD]);
    });
  });
}
