/**
 * Step-up to LoA2 on fakes: the code goes to the verified phone once per step-up, counts against the daily
 * SMS limits, is checked by the one-time-code rules, and only an accepted code replaces the session with one
 * at LoA2. Time by the manual clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aCitizen, registrationDoubles, requestFrom } from '../../../test/support/registration-fakes.ts';
import { vouchedBy } from '../../domain/identity-claims.ts';
import { cryptoRandom } from '../ports/random.ts';
import type { RegistrationRules } from '../registration/rules.ts';
import { createSessions, PASSWORD_SIGN_IN } from './sessions.ts';
import { createStepUp } from './step-up.ts';

function stepUpDoubles(rules: Partial<RegistrationRules> = {}) {
  const d = registrationDoubles({ rules });
  const sessions = createSessions({
    store: d.store,
    protector: d.protector,
    random: cryptoRandom,
    clock: d.clock,
  });
  const stepUp = createStepUp({ ...d.deps, sessions, codeRules: d.rules });
  /** An account made by the mobile method: its phone is verified. */
  function anAccount(options: { phone?: boolean } = {}) {
    const citizen = aCitizen();
    const id = crypto.randomUUID();
    d.accounts.insert({
      id,
      kind: 'citizen',
      subjectIndex: d.protector.blindIndex('id', citizen.idNumber),
      idNumberEnc: d.protector.encrypt(citizen.idNumber),
      fullNameEnc: d.protector.encrypt(citizen.fullName),
      birthDateEnc: d.protector.encrypt(citizen.birthDate),
      registrationMethod: options.phone === false ? 'vnpost' : 'mobile',
      phone:
        options.phone === false
          ? null
          : {
              index: d.protector.blindIndex('phone', citizen.phoneNumber),
              enc: d.protector.encrypt(citizen.phoneNumber),
            },
      claims: vouchedBy('CARRIER', 2, ['idNumber', 'fullName', 'birthDate', 'phoneNumber']),
      credential: { type: 'password', identifier: id, secret: 'fake-hash:x' },
      createdAt: d.clock.now(),
    });
    return { id, citizen };
  }
  const signedIn = (accountId: string, authentication = PASSWORD_SIGN_IN) =>
    sessions.create(accountId, authentication);
  return { ...d, sessions, stepUp, anAccount, signedIn };
}

describe('step-up to LoA2', () => {
  it('sends one step-up SMS to the verified phone, however often the step-up begins', async () => {
    const d = stepUpDoubles();
    const { id, citizen } = d.anAccount();
    const session = await d.signedIn(id);

    const first = await d.stepUp.begin(session);
    const again = await d.stepUp.begin(session);

    assert.ok(first.ok && first.value.kind === 'code_sent', JSON.stringify(first));
    assert.deepEqual(again, first);
    assert.equal(d.sms.sent.length, 1);
    assert.equal(d.sms.sent[0]?.to, citizen.phoneNumber);
    assert.match(d.sms.sent[0]?.text ?? '', /XAC NHAN DANG NHAP/);
    assert.equal(
      first.value.maskedPhone,
      `0${citizen.phoneNumber.slice(3, 5)}****${citizen.phoneNumber.slice(-3)}`,
    );
    assert.equal(first.value.otpExpiresAt.getTime() - d.clock.now().getTime(), d.rules.codeTtlMs);
  });

  it('replaces the session by one at LoA2 (pwd + sms, authenticated now) once the code is accepted', async () => {
    const d = stepUpDoubles();
    const { id, citizen } = d.anAccount();
    const session = await d.signedIn(id);
    await d.stepUp.begin(session);
    d.clock.advance(30_000);

    const raised = await d.stepUp.verify(session, d.sms.lastCodeTo(citizen.phoneNumber), requestFrom());

    assert.ok(raised.ok, JSON.stringify(raised));
    assert.equal(raised.value.session.acr, 'LoA2');
    assert.deepEqual(raised.value.session.amr, ['pwd', 'sms']);
    assert.equal(raised.value.session.authTime.getTime(), d.clock.now().getTime());
    assert.notEqual(raised.value.session.token, session.token);
    assert.equal(await d.sessions.resume(session.token), undefined, 'the LoA1 session ended');
    assert.equal((await d.sessions.resume(raised.value.session.token))?.acr, 'LoA2');
    assert.equal(d.audit.named('session.stepped_up').length, 1);
    const replay = await d.stepUp.verify(session, d.sms.lastCodeTo(citizen.phoneNumber), requestFrom());
    assert.equal(replay.ok, false, 'the code is accepted once');
  });

  it('takes a PostID sign-in (fed) as the first factor: only the SMS code is asked, and the session is fed + sms', async () => {
    const d = stepUpDoubles();
    const { id, citizen } = d.anAccount();
    const session = await d.signedIn(id, { amr: ['fed'], acr: 'LoA1' });

    const begun = await d.stepUp.begin(session);
    assert.equal(begun.ok && begun.value.kind, 'code_sent');
    const raised = await d.stepUp.verify(session, d.sms.lastCodeTo(citizen.phoneNumber), requestFrom());

    assert.ok(raised.ok, JSON.stringify(raised));
    assert.deepEqual(raised.value.session.amr, ['fed', 'sms']);
    assert.equal(raised.value.session.acr, 'LoA2');
  });

  it('a wrong code says how many tries are left and locks after the fifth; separators are allowed', async () => {
    const d = stepUpDoubles();
    const { id, citizen } = d.anAccount();
    const session = await d.signedIn(id);
    await d.stepUp.begin(session);
    const right = d.sms.lastCodeTo(citizen.phoneNumber);
    const wrong = right === '000000' ? '111111' : '000000';

    const first = await d.stepUp.verify(session, wrong, requestFrom());
    assert.deepEqual(first, { ok: false, failure: { code: 'OTP_INVALID', attemptsLeft: 4 } });
    for (let i = 0; i < 4; i++) await d.stepUp.verify(session, wrong, requestFrom());
    const afterLock = await d.stepUp.verify(session, `${right.slice(0, 3)} ${right.slice(3)}`, requestFrom());
    assert.deepEqual(afterLock, { ok: false, failure: { code: 'OTP_LOCKED' } });
  });

  it('an expired code is refused; a new one only after the resend wait, and the old one then fails', async () => {
    const d = stepUpDoubles();
    const { id, citizen } = d.anAccount();
    const session = await d.signedIn(id);
    await d.stepUp.begin(session);
    const firstCode = d.sms.lastCodeTo(citizen.phoneNumber);

    const early = await d.stepUp.resend(session);
    assert.equal(!early.ok && early.failure.code, 'OTP_RESEND_TOO_SOON');
    d.clock.advance(d.rules.codeTtlMs);
    assert.deepEqual(await d.stepUp.verify(session, firstCode, requestFrom()), {
      ok: false,
      failure: { code: 'OTP_EXPIRED' },
    });

    const resent = await d.stepUp.resend(session);
    assert.ok(resent.ok && resent.value.kind === 'code_sent');
    assert.equal(d.sms.sent.length, 2);
    const secondCode = d.sms.lastCodeTo(citizen.phoneNumber);
    if (secondCode !== firstCode)
      assert.equal((await d.stepUp.verify(session, firstCode, requestFrom())).ok, false);
    assert.ok((await d.stepUp.verify(session, secondCode, requestFrom())).ok);
  });

  it("counts against the phone's daily SMS limit, and an SMS that could not leave counts for nothing", async () => {
    const d = stepUpDoubles({ smsPerPhonePerDay: 1 });
    const { id } = d.anAccount();
    const onPhone = await d.signedIn(id);
    const onLaptop = await d.signedIn(id);

    d.sms.down = true;
    const down = await d.stepUp.begin(onPhone);
    assert.equal(!down.ok && down.failure.code, 'SMS_UNAVAILABLE');
    d.sms.down = false;
    assert.ok((await d.stepUp.begin(onPhone)).ok, 'the failed send neither counted nor kept a step-up');
    const overLimit = await d.stepUp.begin(onLaptop);
    assert.deepEqual(!overLimit.ok && [overLimit.failure.code, overLimit.failure.limit], [
      'RATE_LIMITED',
      'SMS_PER_PHONE',
    ]);
    assert.equal(d.sms.sent.length, 1);
  });

  it('asks nothing of a session at LoA2, the password first of a session without one (an SMS code only), and sends nothing without a verified phone', async () => {
    const d = stepUpDoubles();
    const withPhone = d.anAccount();
    const withoutPhone = d.anAccount({ phone: false });

    const loa2 = await d.signedIn(withPhone.id, { amr: ['pwd', 'sms'], acr: 'LoA2' });
    const codeOnly = await d.signedIn(withPhone.id, { amr: ['sms'], acr: 'LoA1' });
    const noPhone = await d.signedIn(withoutPhone.id);

    assert.deepEqual(await d.stepUp.begin(loa2), { ok: true, value: { kind: 'not_needed' } });
    assert.deepEqual(await d.stepUp.begin(codeOnly), { ok: true, value: { kind: 'password_first' } });
    assert.deepEqual(await d.stepUp.begin(noPhone), { ok: true, value: { kind: 'no_phone' } });
    assert.equal(d.sms.sent.length, 0);
    const verify = await d.stepUp.verify(noPhone, '123456', requestFrom());
    assert.equal(!verify.ok && verify.failure.code, 'STEP_NOT_ALLOWED');
  });

  it('a step-up belongs to its session: another session of the account has none to answer', async () => {
    const d = stepUpDoubles();
    const { id, citizen } = d.anAccount();
    const mine = await d.signedIn(id);
    const other = await d.signedIn(id);
    await d.stepUp.begin(mine);

    const answered = await d.stepUp.verify(other, d.sms.lastCodeTo(citizen.phoneNumber), requestFrom());

    assert.deepEqual(answered, { ok: false, failure: { code: 'CODE_NOT_FOUND' } });
    assert.equal((await d.stepUp.status(other)).ok, false);
    assert.ok((await d.stepUp.status(mine)).ok);
  });
});
