/**
 * The password step's last act: the citizen who just registered is signed in (a session in the store,
 * as sign-in makes one), and each journey's SMS says what its code is for. On fakes, time by the clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aCitizen,
  registrationDoubles,
  requestFrom,
  STRONG_PASSWORD,
} from '../../../test/support/registration-fakes.ts';
import { vouchedBy } from '../../domain/identity-claims.ts';
import { createSessions } from '../accounts/sessions.ts';
import { success } from '../outcome.ts';
import { createRegistrationJourney } from './index.ts';
import type { CaptchaAnswer, CitizenEntries, CodeRegistrationMethod } from './method.ts';

/** A method whose source vouches for whatever phone was typed: the shared steps are what is tested. */
const vouchingMethod: CodeRegistrationMethod<
  CitizenEntries & CaptchaAnswer & { phoneNumber: string },
  CitizenEntries & { phoneNumber: string }
> = {
  id: 'vouching',
  validate: ({ idNumber, fullName, birthDate, phoneNumber }) =>
    success({ idNumber, fullName, birthDate, phoneNumber }),
  prove: async (entries) => ({
    proven: true,
    identity: { ...entries, claims: vouchedBy('CARRIER', 2, ['idNumber', 'phoneNumber']) },
    partner: 'test',
  }),
};

const passwords = { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD };

/** A registration at its password step, the code accepted `minutesAgo` before now. */
async function atPasswordStep(options: { minutesAgo?: number; sessions?: 'failing' } = {}) {
  const d = registrationDoubles();
  const journey =
    options.sessions === 'failing'
      ? createRegistrationJourney({
          ...d.deps,
          sessions: {
            create: async () => {
              throw new Error('the session store is down');
            },
          },
        })
      : d.journey;
  const citizen = aCitizen();
  const started = await journey.startWithCode(vouchingMethod)(
    { ...citizen, ...d.captchas.solved() },
    requestFrom(),
  );
  assert.ok(started.ok, JSON.stringify(started));
  const { registrationId } = started.value;
  const codeAcceptedAt = d.clock.now();
  const code = d.sms.lastCodeTo(citizen.phoneNumber);
  assert.ok((await journey.verifyCode(registrationId, code, requestFrom())).ok);
  d.clock.advance((options.minutesAgo ?? 0) * 60_000);
  const sessions = createSessions({
    store: d.store,
    protector: d.protector,
    random: d.deps.random,
    clock: d.clock,
  });
  return { d, journey, citizen, registrationId, codeAcceptedAt, sessions };
}

describe('finishing a registration signs the citizen in', () => {
  it('opens a session for the new account as a sign-in with the new password: amr pwd, LoA1, authenticated now', async () => {
    const { d, journey, citizen, registrationId, codeAcceptedAt, sessions } = await atPasswordStep({
      minutesAgo: 3,
    });
    const done = await journey.setPassword(registrationId, passwords, requestFrom());
    assert.ok(done.ok, JSON.stringify(done));
    const { accountId, username, session } = done.value;
    assert.equal(username, citizen.idNumber);
    assert.ok(session, 'a session');
    assert.equal(session.accountId, accountId);
    assert.deepEqual(session.amr, ['pwd']);
    assert.equal(session.acr, 'LoA1');
    assert.equal(session.authTime.getTime(), d.clock.now().getTime());
    assert.ok(session.authTime > codeAcceptedAt);

    const resumed = await sessions.resume(session.token);
    assert.equal(resumed?.accountId, accountId, 'the session is in the store, usable by the next request');
    assert.deepEqual(resumed?.amr, ['pwd']);
    const [signedIn] = d.audit.named('session.signed_in');
    assert.deepEqual(
      { accountId: signedIn?.accountId, method: signedIn?.method, subject: signedIn?.subject },
      { accountId, method: 'vouching', subject: d.protector.blindIndex('id', citizen.idNumber) },
    );
  });

  it('opens no session when the password is refused, nor for a second submission', async () => {
    const { d, journey, registrationId } = await atPasswordStep();
    const refused = await journey.setPassword(
      registrationId,
      { password: STRONG_PASSWORD, confirmPassword: 'something else' },
      requestFrom(),
    );
    assert.equal(refused.ok, false);
    assert.ok((await journey.setPassword(registrationId, passwords, requestFrom())).ok);
    const again = await journey.setPassword(registrationId, passwords, requestFrom());
    assert.equal(again.ok, false);
    assert.equal(d.audit.named('session.signed_in').length, 1);
  });

  it('still answers with the account when the session store fails after it was made; the citizen signs in', async () => {
    const { d, journey, registrationId } = await atPasswordStep({ sessions: 'failing' });
    const done = await journey.setPassword(registrationId, passwords, requestFrom());
    assert.ok(done.ok, JSON.stringify(done));
    assert.equal(done.value.session, undefined);
    assert.equal(d.accounts.all().length, 1);
    assert.deepEqual(
      d.warnings.map((w) => w.message),
      ['no session after a completed registration'],
    );
    assert.equal(d.audit.named('session.signed_in').length, 0);
  });

  it('sends registration codes (first and resent) with the registration text', async () => {
    const { d, citizen } = await atPasswordStep();
    const texts = d.sms.to(citizen.phoneNumber).map((m) => m.text);
    assert.equal(texts.length, 1);
    assert.match(texts[0] ?? '', /de DANG KY tai khoan/);
  });
});
