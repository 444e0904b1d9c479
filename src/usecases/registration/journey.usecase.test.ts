/**
 * The shared registration journey as use cases on fakes (test/support/registration-fakes.ts), driven by
 * the smallest method that sends a code: no HTTP, no database, time moved by the clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gate, until } from '../../../test/races/account-doubles.ts';
import {
  aCitizen,
  type Citizen,
  type RegistrationDoubles,
  registrationDoubles,
  requestFrom,
  STRONG_PASSWORD,
} from '../../../test/support/registration-fakes.ts';
import { vouchedBy } from '../../domain/identity-claims.ts';
import { carrierContact } from '../../domain/partners.ts';
import { failure, type Outcome, success } from '../outcome.ts';
import { validateCitizenEntries } from './citizen-entries.ts';
import type { CaptchaAnswer, CitizenEntries, CodeRegistrationMethod, Proof } from './index.ts';
import type { RegistrationRules } from './rules.ts';

type Refusal = Extract<Proof, { proven: false }>;

/** A method whose source is a map of ID numbers to the phone it vouches for; a test may make it refuse. */
function tinyMethod(id: string, partner: string) {
  const phones = new Map<string, string>();
  const proved: CitizenEntries[] = [];
  const claims = [
    ...vouchedBy('VSS', 2, ['idNumber', 'fullName', 'birthDate']),
    ...vouchedBy('CARRIER', 2, ['phoneNumber']),
  ];
  let refusal: Refusal | undefined;
  const method: CodeRegistrationMethod<CitizenEntries & CaptchaAnswer, CitizenEntries> = {
    id,
    validate(input, today) {
      const { entries, errors } = validateCitizenEntries(input, today);
      return entries ? success(entries) : failure('VALIDATION_FAILED', { fieldErrors: errors });
    },
    async prove(entries) {
      proved.push(entries);
      if (refusal) return refusal;
      const phoneNumber = phones.get(entries.idNumber);
      if (!phoneNumber)
        return {
          proven: false,
          failure: { code: 'INSURANCE_RECORD_MISMATCH' },
          partner,
          detail: 'no_record',
        };
      return { proven: true, identity: { ...entries, phoneNumber, claims }, partner };
    },
  };
  return {
    method,
    proved,
    claims,
    knows: (citizen: Citizen) => phones.set(citizen.idNumber, citizen.phoneNumber),
    refuseWith: (proof: Refusal) => {
      refusal = proof;
    },
  };
}

type Tiny = ReturnType<typeof tinyMethod>;

function setup(rules: Partial<RegistrationRules> = {}) {
  const d = registrationDoubles({ rules });
  const tiny = tinyMethod('tiny', 'registry-x');
  return { d, tiny, start: d.journey.startWithCode(tiny.method) };
}

/** What the citizen types: the tiny method asks for no phone, its source vouches for one. */
const typed = (citizen: Citizen) => ({
  idNumber: citizen.idNumber,
  fullName: citizen.fullName,
  birthDate: citizen.birthDate,
});

function failureOf<T>(outcome: Outcome<T>) {
  assert.equal(outcome.ok, false, `expected a failure, got ${JSON.stringify(outcome)}`);
  return (outcome as Extract<Outcome<T>, { ok: false }>).failure;
}

async function started(d: RegistrationDoubles, tiny: Tiny, citizen: Citizen, clientIp?: string) {
  const outcome = await d.journey.startWithCode(tiny.method)(
    { ...typed(citizen), ...d.captchas.solved() },
    requestFrom(clientIp),
  );
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.value.registrationId;
}

async function verified(d: RegistrationDoubles, tiny: Tiny, citizen: Citizen) {
  const registrationId = await started(d, tiny, citizen);
  const code = d.sms.lastCodeTo(citizen.phoneNumber);
  assert.deepEqual(
    await d.journey.verifyCode(registrationId, code, requestFrom()),
    success({ step: 'password' }),
  );
  return registrationId;
}

const setPassword = (d: RegistrationDoubles, registrationId: string, password = STRONG_PASSWORD) =>
  d.journey.setPassword(registrationId, { password, confirmPassword: password }, requestFrom());

const wrongFor = (code: string) => (code === '999999' ? '000000' : '999999');

describe('registration journey (use cases on fakes)', () => {
  describe('start', () => {
    it('sends the first code to the phone the source vouches for and keeps the identity sealed', async () => {
      const { d, tiny, start } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const now = d.clock.now().getTime();

      const outcome = await start({ ...typed(citizen), ...d.captchas.solved() }, requestFrom());

      assert.ok(outcome.ok, JSON.stringify(outcome));
      const { registrationId, maskedPhone, otpExpiresAt, resendAvailableAt } = outcome.value;
      assert.equal(maskedPhone, `091****${citizen.phoneNumber.slice(-3)}`);
      assert.equal(otpExpiresAt.getTime(), now + 5 * 60_000);
      assert.equal(resendAvailableAt.getTime(), now + 60_000);
      assert.equal(d.sms.to(citizen.phoneNumber).length, 1);
      assert.match(d.sms.sent[0]!.text, /^Cổng thử: .*\b\d{6}\b.*5 phut/);

      const [registration] = d.registrations.all();
      assert.equal(registration?.id, registrationId);
      assert.equal(registration.method, 'tiny');
      assert.equal(registration.partner, 'registry-x');
      assert.equal(registration.state, 'code_sent');
      assert.equal(registration.codesSent, 1);
      assert.equal(registration.subjectIndex, d.protector.blindIndex('id', citizen.idNumber));
      assert.ok(!registration.identityEnc.includes(citizen.idNumber));
      assert.deepEqual(
        d.audit.events.map((e) => [e.event, e.method, e.partner, e.registrationId, e.maskedPhone]),
        [
          ['registration.started', 'tiny', 'registry-x', registrationId, maskedPhone],
          ['registration.code_sent', 'tiny', 'registry-x', registrationId, maskedPhone],
        ],
      );
      assert.deepEqual(d.metrics.steps, [
        { step: 'start', outcome: 'code_sent', labels: { method: 'tiny', partner: 'registry-x' } },
      ]);
      const status = await d.journey.status(registrationId);
      assert.ok(status.ok);
      assert.deepEqual(
        { step: status.value.step, method: status.value.method, codesSent: status.value.codesSent },
        { step: 'otp', method: 'tiny', codesSent: 1 },
      );
    });

    it('reports every invalid entry at once, before spending the captcha or asking the source', async () => {
      const { d, tiny, start } = setup();
      const outcome = await start(
        { idNumber: '123', fullName: 'Nguyen Van 2', birthDate: '31/02/1990', ...d.captchas.solved() },
        requestFrom(),
      );
      assert.deepEqual(failureOf(outcome), {
        code: 'VALIDATION_FAILED',
        fieldErrors: [
          { field: 'birthDate', code: 'BIRTHDATE_INVALID' },
          { field: 'idNumber', code: 'ID_NUMBER_INVALID' },
          { field: 'fullName', code: 'FULL_NAME_INVALID' },
        ],
      });
      assert.equal(d.captchas.checks, 0);
      assert.equal(tiny.proved.length, 0);
      assert.deepEqual(d.metrics.steps, [
        { step: 'start', outcome: 'invalid', labels: { method: 'tiny', reason: 'VALIDATION_FAILED' } },
      ]);
    });

    it('limits starts per IP address in 10 minutes, before the captcha is spent', async () => {
      const { d, tiny, start } = setup({ startsPerIpPer10Minutes: 2 });
      const [first, second, third, fourth, fifth] = Array.from({ length: 5 }, () => aCitizen());
      for (const citizen of [first, second, third, fourth, fifth]) tiny.knows(citizen!);
      await started(d, tiny, first!, '198.51.100.1');
      d.clock.advance(60_000);
      await started(d, tiny, second!, '198.51.100.1');

      const refused = await start({ ...typed(third!), ...d.captchas.solved() }, requestFrom('198.51.100.1'));

      assert.deepEqual(failureOf(refused), {
        code: 'RATE_LIMITED',
        limit: 'STARTS_PER_IP',
        retryAfterSeconds: 540,
      });
      assert.equal(d.captchas.checks, 2);
      assert.equal(tiny.proved.length, 2);
      assert.deepEqual(d.metrics.steps.at(-1), {
        step: 'start',
        outcome: 'refused',
        labels: { method: 'tiny', reason: 'RATE_LIMITED' },
      });
      await started(d, tiny, fourth!, '198.51.100.2');
      d.clock.advance(9 * 60_000);
      await started(d, tiny, fifth!, '198.51.100.1');
    });

    it('refuses a wrong or spent captcha without asking the source', async () => {
      const { d, tiny, start } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const captcha = d.captchas.solved();
      const wrong = await start({ ...typed(citizen), ...captcha, captchaAnswer: 'wrong' }, requestFrom());
      const spent = await start({ ...typed(citizen), ...captcha }, requestFrom());
      assert.deepEqual(failureOf(wrong), { code: 'CAPTCHA_INVALID' });
      assert.deepEqual(failureOf(spent), { code: 'CAPTCHA_INVALID' });
      assert.equal(tiny.proved.length, 0);
      assert.deepEqual(d.metrics.steps.at(-1)?.labels, { method: 'tiny', reason: 'CAPTCHA_INVALID' });
    });

    it("answers the source's refusal and records it with method, partner and finding; nothing is kept", async () => {
      const { d, tiny, start } = setup();
      const citizen = aCitizen();
      const refusal: Refusal = {
        proven: false,
        failure: { code: 'SUBSCRIBER_NOT_OWNER', partner: carrierContact('viettel') },
        partner: 'viettel',
        detail: 'name',
      };
      tiny.refuseWith(refusal);

      const outcome = await start({ ...typed(citizen), ...d.captchas.solved() }, requestFrom('198.51.100.9'));

      assert.deepEqual(failureOf(outcome), refusal.failure);
      assert.deepEqual(d.audit.events, [
        {
          event: 'registration.refused',
          at: d.clock.now(),
          method: 'tiny',
          subject: d.protector.blindIndex('id', citizen.idNumber),
          requestId: 'req-1',
          clientIp: '198.51.100.9',
          reason: 'SUBSCRIBER_NOT_OWNER:name',
          partner: 'viettel',
        },
      ]);
      assert.deepEqual(d.metrics.steps, [
        {
          step: 'start',
          outcome: 'refused',
          labels: { method: 'tiny', reason: 'SUBSCRIBER_NOT_OWNER', partner: 'viettel' },
        },
      ]);
      assert.deepEqual(d.registrations.all(), []);
      assert.deepEqual(d.sms.sent, []);
    });

    it('says ACCOUNT_EXISTS only once the source has vouched for the citizen', async () => {
      const { d, tiny, start } = setup();
      const citizen = aCitizen();
      d.addAccount(citizen);
      tiny.knows(citizen);

      const proven = await start({ ...typed(citizen), ...d.captchas.solved() }, requestFrom());
      assert.deepEqual(failureOf(proven), { code: 'ACCOUNT_EXISTS' });
      assert.deepEqual(
        d.audit.events.map((e) => [e.event, e.reason, e.partner, e.maskedPhone]),
        [['registration.refused', 'ACCOUNT_EXISTS', 'registry-x', `091****${citizen.phoneNumber.slice(-3)}`]],
      );
      assert.deepEqual(d.metrics.steps.at(-1)?.labels, {
        method: 'tiny',
        reason: 'ACCOUNT_EXISTS',
        partner: 'registry-x',
      });

      const impostor = { ...citizen, fullName: 'Trần Văn Nam' };
      tiny.refuseWith({
        proven: false,
        failure: { code: 'SUBSCRIBER_NOT_OWNER', partner: carrierContact('mobifone') },
        partner: 'mobifone',
      });
      const refused = await start({ ...typed(impostor), ...d.captchas.solved() }, requestFrom());
      assert.equal(failureOf(refused).code, 'SUBSCRIBER_NOT_OWNER');
      assert.equal(tiny.proved.length, 2);
      assert.deepEqual(d.registrations.all(), []);
      assert.deepEqual(d.sms.sent, []);
    });

    it('SMS centre down: SMS_UNAVAILABLE, nothing kept, and the daily SMS given back', async () => {
      const { d, tiny, start } = setup({ smsPerPhonePerDay: 1 });
      const citizen = aCitizen();
      tiny.knows(citizen);
      d.sms.down = true;

      const outcome = await start({ ...typed(citizen), ...d.captchas.solved() }, requestFrom());

      assert.deepEqual(failureOf(outcome), { code: 'SMS_UNAVAILABLE', retryAfterSeconds: 30 });
      assert.deepEqual(d.registrations.all(), []);
      assert.deepEqual(
        d.audit.events.map((e) => [e.event, e.reason]),
        [
          ['registration.code_send_failed', undefined],
          ['registration.refused', 'SMS_UNAVAILABLE'],
        ],
      );
      assert.deepEqual(d.metrics.partnerCalls, [{ call: 'sms_handover', outcome: 'failed' }]);

      d.sms.down = false;
      await started(d, tiny, citizen);
      const overLimit = await start({ ...typed(citizen), ...d.captchas.solved() }, requestFrom());
      assert.equal(
        failureOf(overLimit).code,
        'RATE_LIMITED',
        'the one SMS a day was spent by the second start',
      );
      assert.equal(d.sms.sent.length, 1);
    });
  });

  describe('code', () => {
    it('expires by the clock: the code after 5 minutes, the registration after 15', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await started(d, tiny, citizen);
      const first = d.sms.lastCodeTo(citizen.phoneNumber);

      d.clock.advance(5 * 60_000);
      assert.deepEqual(failureOf(await d.journey.verifyCode(registrationId, first, requestFrom())), {
        code: 'OTP_EXPIRED',
      });
      assert.deepEqual(d.metrics.steps.at(-1), {
        step: 'verify',
        outcome: 'expired',
        labels: { method: 'tiny' },
      });

      assert.ok((await d.journey.resendCode(registrationId, requestFrom())).ok);
      d.clock.advance(5 * 60_000 - 1);
      const second = d.sms.lastCodeTo(citizen.phoneNumber);
      assert.ok((await d.journey.verifyCode(registrationId, second, requestFrom())).ok);

      d.clock.advance(5 * 60_000 + 1);
      assert.equal(failureOf(await d.journey.status(registrationId)).code, 'REGISTRATION_NOT_FOUND');
      assert.equal(failureOf(await setPassword(d, registrationId)).code, 'REGISTRATION_NOT_FOUND');
    });

    it('counts wrong answers down and locks the code at the fifth, the right code included', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await started(d, tiny, citizen);
      const code = d.sms.lastCodeTo(citizen.phoneNumber);

      const answers = [];
      for (const typedCode of ['12 34', wrongFor(code), wrongFor(code), wrongFor(code), wrongFor(code), code])
        answers.push(failureOf(await d.journey.verifyCode(registrationId, typedCode, requestFrom())));

      assert.deepEqual(answers, [
        { code: 'OTP_INVALID', attemptsLeft: 4 },
        { code: 'OTP_INVALID', attemptsLeft: 3 },
        { code: 'OTP_INVALID', attemptsLeft: 2 },
        { code: 'OTP_INVALID', attemptsLeft: 1 },
        { code: 'OTP_LOCKED' },
        { code: 'OTP_LOCKED' },
      ]);
      assert.deepEqual(
        d.audit.events
          .filter((e) => e.event !== 'registration.started' && e.event !== 'registration.code_sent')
          .map((e) => [e.event, e.reason]),
        [
          ['registration.code_failed', 'attempts_left=4'],
          ['registration.code_failed', 'attempts_left=3'],
          ['registration.code_failed', 'attempts_left=2'],
          ['registration.code_failed', 'attempts_left=1'],
          ['registration.code_locked', undefined],
          ['registration.code_locked', undefined],
        ],
      );
      assert.equal(d.registrations.all()[0]?.state, 'code_sent');
    });

    it('accepts the right code once: of five submissions at once exactly one moves on', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await started(d, tiny, citizen);
      const code = d.sms.lastCodeTo(citizen.phoneNumber);

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => d.journey.verifyCode(registrationId, code, requestFrom())),
      );

      assert.equal(answers.filter((a) => a.ok).length, 1);
      assert.ok(answers.filter((a) => !a.ok).every((a) => failureOf(a).code === 'STEP_NOT_ALLOWED'));
      assert.equal(d.registrations.all()[0]?.state, 'code_verified');
      assert.equal(d.audit.named('registration.code_verified').length, 1);
    });
  });

  describe('resend', () => {
    it('waits 60 s, replaces the code, and stops at 5 codes per registration', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const startedAt = d.clock.now().getTime();
      const registrationId = await started(d, tiny, citizen);
      const first = d.sms.lastCodeTo(citizen.phoneNumber);
      const resend = () => d.journey.resendCode(registrationId, requestFrom());

      assert.deepEqual(failureOf(await resend()), { code: 'OTP_RESEND_TOO_SOON', retryAfterSeconds: 60 });
      d.clock.advance(59_500);
      assert.deepEqual(failureOf(await resend()), { code: 'OTP_RESEND_TOO_SOON', retryAfterSeconds: 1 });
      d.clock.advance(500);
      const second = await resend();
      assert.deepEqual(
        second,
        success({
          otpExpiresAt: new Date(d.clock.now().getTime() + 5 * 60_000),
          resendAvailableAt: new Date(d.clock.now().getTime() + 60_000),
        }),
      );
      assert.equal(d.sms.to(citizen.phoneNumber).length, 2);
      // The old code no longer opens the step (unless the random new code happens to be the same digits).
      if (d.sms.lastCodeTo(citizen.phoneNumber) !== first)
        assert.equal(
          failureOf(await d.journey.verifyCode(registrationId, first, requestFrom())).code,
          'OTP_INVALID',
        );

      for (let number = 3; number <= 5; number++) {
        d.clock.advance(60_000);
        assert.ok((await resend()).ok, `code ${number}`);
      }
      d.clock.advance(60_000);
      const elapsedSeconds = (d.clock.now().getTime() - startedAt) / 1000;
      assert.deepEqual(failureOf(await resend()), {
        code: 'OTP_LIMIT_REACHED',
        retryAfterSeconds: 15 * 60 - elapsedSeconds,
      });
      assert.equal(d.sms.to(citizen.phoneNumber).length, 5);
      assert.deepEqual(
        d.audit.named('registration.code_sent').map((e) => e.reason),
        [undefined, 'code=2', 'code=3', 'code=4', 'code=5'],
      );
      assert.equal(d.metrics.steps.filter((s) => s.step === 'resend' && s.outcome === 'code_sent').length, 4);

      const last = d.sms.lastCodeTo(citizen.phoneNumber);
      assert.ok((await d.journey.verifyCode(registrationId, last, requestFrom())).ok);
    });

    it('sends nothing new while the SMS centre is down, and the current code still counts', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await started(d, tiny, citizen);
      const first = d.sms.lastCodeTo(citizen.phoneNumber);
      d.clock.advance(60_000);
      d.sms.down = true;

      assert.deepEqual(failureOf(await d.journey.resendCode(registrationId, requestFrom())), {
        code: 'SMS_UNAVAILABLE',
        retryAfterSeconds: 30,
      });

      assert.equal(d.registrations.all()[0]?.codesSent, 1);
      assert.ok((await d.journey.verifyCode(registrationId, first, requestFrom())).ok);
    });
  });

  describe('password', () => {
    it("checks the policy with the identity's own data, the phone the source vouched for included", async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await verified(d, tiny, citizen);
      const phoneDigits = citizen.phoneNumber.slice(-9);

      for (const personal of [`Sông#${phoneDigits}x`, 'Sông#17051990x', `Sông#${citizen.idNumber}x`]) {
        assert.deepEqual(failureOf(await setPassword(d, registrationId, personal)), {
          code: 'PASSWORD_POLICY',
          fieldErrors: [{ field: 'password', code: 'CONTAINS_PERSONAL_DATA' }],
        });
      }
      assert.deepEqual(
        failureOf(
          await d.journey.setPassword(
            registrationId,
            { password: STRONG_PASSWORD, confirmPassword: `${STRONG_PASSWORD}!` },
            requestFrom(),
          ),
        ),
        { code: 'PASSWORD_MISMATCH', fieldErrors: [{ field: 'confirmPassword', code: 'PASSWORD_MISMATCH' }] },
      );
      assert.deepEqual(d.metrics.steps.at(-1), {
        step: 'password',
        outcome: 'policy',
        labels: { method: 'tiny' },
      });
      assert.deepEqual(d.accounts.all(), []);
      assert.ok((await setPassword(d, registrationId)).ok, 'the step stays open after a refused password');
    });

    it('is not allowed before the code', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await started(d, tiny, citizen);
      assert.deepEqual(failureOf(await setPassword(d, registrationId)), { code: 'STEP_NOT_ALLOWED' });
    });
  });

  describe('completion', () => {
    it("creates the account with the method's claims, the verified phone and a password credential", async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await verified(d, tiny, citizen);

      const done = await setPassword(d, registrationId);

      assert.ok(done.ok, JSON.stringify(done));
      const { accountId, username } = done.value;
      assert.equal(username, citizen.idNumber);
      const [account] = d.accounts.all();
      assert.ok(account);
      const open = (sealed: string) => d.protector.decrypt(sealed);
      assert.deepEqual(
        {
          id: account.id,
          method: account.registrationMethod,
          subject: account.subjectIndex,
          idNumber: open(account.idNumberEnc),
          fullName: open(account.fullNameEnc),
          birthDate: account.birthDateEnc && open(account.birthDateEnc),
          phone: account.phone && { index: account.phone.index, number: open(account.phone.enc) },
          claims: account.claims,
        },
        {
          id: accountId,
          method: 'tiny',
          subject: d.protector.blindIndex('id', citizen.idNumber),
          idNumber: citizen.idNumber,
          fullName: citizen.fullName,
          birthDate: citizen.birthDate,
          phone: { index: d.protector.blindIndex('phone', citizen.phoneNumber), number: citizen.phoneNumber },
          claims: tiny.claims,
        },
      );
      assert.equal(account.credentials.length, 1);
      const [credential] = account.credentials;
      assert.deepEqual(
        { type: credential?.type, identifier: credential?.identifier },
        {
          type: 'password',
          identifier: accountId,
        },
      );
      assert.ok(await d.deps.passwords.verify(credential!.secret, STRONG_PASSWORD));
      assert.deepEqual(await d.accounts.claimsOf(accountId), tiny.claims);

      const registration = d.registrations.all()[0];
      assert.deepEqual([registration?.state, registration?.accountId], ['completed', accountId]);
      assert.deepEqual(d.audit.named('registration.completed'), [
        {
          event: 'registration.completed',
          at: d.clock.now(),
          method: 'tiny',
          registrationId,
          accountId,
          subject: d.protector.blindIndex('id', citizen.idNumber),
          partner: 'registry-x',
          requestId: 'req-1',
          clientIp: '203.0.113.7',
        },
      ]);
      assert.deepEqual(d.metrics.steps.at(-1), {
        step: 'complete',
        outcome: 'completed',
        labels: { method: 'tiny', partner: 'registry-x' },
      });
      const status = await d.journey.status(registrationId);
      assert.equal(status.ok && status.value.step, 'completed');
    });

    it('closes the step: a second completion, or a code, is STEP_NOT_ALLOWED', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await verified(d, tiny, citizen);
      assert.ok((await setPassword(d, registrationId)).ok);

      assert.deepEqual(failureOf(await setPassword(d, registrationId)), { code: 'STEP_NOT_ALLOWED' });
      assert.deepEqual(failureOf(await d.journey.verifyCode(registrationId, '123456', requestFrom())), {
        code: 'STEP_NOT_ALLOWED',
      });
      assert.equal(d.accounts.all().length, 1);
    });

    it('of ten password submissions at once, exactly one creates the account', async () => {
      const { d, tiny } = setup();
      const citizen = aCitizen();
      tiny.knows(citizen);
      const registrationId = await verified(d, tiny, citizen);

      const answers = await Promise.all(Array.from({ length: 10 }, () => setPassword(d, registrationId)));

      assert.equal(answers.filter((a) => a.ok).length, 1);
      assert.ok(answers.filter((a) => !a.ok).every((a) => failureOf(a).code === 'STEP_NOT_ALLOWED'));
      assert.equal(d.accounts.all().length, 1);
    });

    it('two registrations for one citizen by two methods at once: one stays live; were both live, the first to finish would win', async () => {
      const d = registrationDoubles();
      const mobileLike = tinyMethod('tiny-a', 'carrier-a');
      const insuranceLike = tinyMethod('tiny-b', 'registry-b');
      const citizen = aCitizen();
      const otherPhone = aCitizen().phoneNumber;
      mobileLike.knows(citizen);
      insuranceLike.knows({ ...citizen, phoneNumber: otherPhone });
      const commits = gate();
      d.registrations.holdCommitsUntil(commits.opened);

      const starting = [mobileLike, insuranceLike].map((tiny) =>
        d.journey.startWithCode(tiny.method)({ ...typed(citizen), ...d.captchas.solved() }, requestFrom()),
      );
      await until(() => d.registrations.waitingToCommit === 2);
      commits.open();
      const [viaA, viaB] = await Promise.all(starting);
      assert.ok(viaA?.ok && viaB?.ok, 'both starts answered');
      const a = viaA.value.registrationId;
      const b = viaB.value.registrationId;
      assert.deepEqual(
        d.registrations.all().map((r) => [r.method, r.state]),
        [
          ['tiny-a', 'superseded'],
          ['tiny-b', 'code_sent'],
        ],
        'the start that committed last superseded the other',
      );
      // Two live journeys cannot be reached any more; the account's own exactly-once is tested from there.
      d.registrations.reopen(a);
      for (const [id, phone] of [
        [a, citizen.phoneNumber],
        [b, otherPhone],
      ] as const)
        assert.ok((await d.journey.verifyCode(id, d.sms.lastCodeTo(phone), requestFrom())).ok);

      assert.ok((await setPassword(d, b)).ok);
      assert.deepEqual(failureOf(await setPassword(d, a)), { code: 'ACCOUNT_EXISTS' });

      const accounts = d.accounts.all();
      assert.deepEqual(
        accounts.map((account) => [account.registrationMethod, account.claims]),
        [['tiny-b', insuranceLike.claims]],
      );
      assert.equal(d.protector.decrypt(accounts[0]!.phone!.enc), otherPhone);
      assert.deepEqual(d.metrics.steps.at(-1), {
        step: 'complete',
        outcome: 'account_exists',
        labels: { method: 'tiny-a', partner: 'carrier-a' },
      });
      assert.deepEqual(
        d.registrations.all().map((r) => [r.method, r.state]),
        [
          ['tiny-a', 'code_verified'],
          ['tiny-b', 'completed'],
        ],
      );
      const again = await d.journey.startWithCode(mobileLike.method)(
        { ...typed(citizen), ...d.captchas.solved() },
        requestFrom(),
      );
      assert.equal(failureOf(again).code, 'ACCOUNT_EXISTS');
    });

    it('a new start, by any method, supersedes the unfinished registration', async () => {
      const d = registrationDoubles();
      const first = tinyMethod('tiny-a', 'carrier-a');
      const second = tinyMethod('tiny-b', 'registry-b');
      const citizen = aCitizen();
      first.knows(citizen);
      second.knows(citizen);
      const old = await verified(d, first, citizen);

      const replacement = await started(d, second, citizen);

      assert.equal(failureOf(await d.journey.status(old)).code, 'REGISTRATION_NOT_FOUND');
      assert.equal(failureOf(await setPassword(d, old)).code, 'REGISTRATION_NOT_FOUND');
      assert.deepEqual(
        d.registrations.all().map((r) => [r.id, r.state]),
        [
          [old, 'superseded'],
          [replacement, 'code_sent'],
        ],
      );
      const code = d.sms.lastCodeTo(citizen.phoneNumber);
      assert.ok((await d.journey.verifyCode(replacement, code, requestFrom())).ok);
      assert.ok((await setPassword(d, replacement)).ok);
      assert.equal(d.accounts.all()[0]?.registrationMethod, 'tiny-b');
    });

    it('answers REGISTRATION_NOT_FOUND for unknown or malformed ids on every step', async () => {
      const { d } = setup();
      for (const id of ['0123456789abcdef0123', 'x', '../../etc/passwd']) {
        assert.equal(failureOf(await d.journey.status(id)).code, 'REGISTRATION_NOT_FOUND');
        assert.equal(
          failureOf(await d.journey.verifyCode(id, '123456', requestFrom())).code,
          'REGISTRATION_NOT_FOUND',
        );
        assert.equal(failureOf(await d.journey.resendCode(id, requestFrom())).code, 'REGISTRATION_NOT_FOUND');
        assert.equal(failureOf(await setPassword(d, id)).code, 'REGISTRATION_NOT_FOUND');
      }
    });
  });
});
