/**
 * Adding a password to an account without one, on fakes: the policy with the account's personal data, only within
 * ten minutes of a sign-in, once (the password's identifier is the account id), and never over an existing one.
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
import { cryptoRandom } from '../ports/random.ts';
import { createAddPassword, RECENT_SIGN_IN_MS } from './add-password.ts';
import { createSessions, FEDERATED_SIGN_IN } from './sessions.ts';

function doubles() {
  const d = registrationDoubles();
  const sessions = createSessions({
    store: d.store,
    protector: d.protector,
    random: cryptoRandom,
    clock: d.clock,
  });
  const addPassword = createAddPassword({ ...d.deps, accounts: d.accounts });
  const citizen = aCitizen();
  const id = crypto.randomUUID();
  d.accounts.insert({
    id,
    kind: 'citizen',
    subjectIndex: d.protector.blindIndex('id', citizen.idNumber),
    idNumberEnc: d.protector.encrypt(citizen.idNumber),
    fullNameEnc: d.protector.encrypt(citizen.fullName),
    birthDateEnc: d.protector.encrypt(citizen.birthDate),
    registrationMethod: 'vnpost',
    phone: null,
    claims: vouchedBy('VNPOST', 3, ['idNumber', 'fullName', 'birthDate']),
    credential: { type: 'federated', identifier: 'vnpost:s1', secret: '' },
    createdAt: d.clock.now(),
  });
  return { ...d, sessions, addPassword, citizen, id };
}

describe('adding a password to an account without one', () => {
  it('adds it within ten minutes of the sign-in, by the password policy, once', async () => {
    const d = doubles();
    const session = await d.sessions.create(d.id, FEDERATED_SIGN_IN);
    assert.deepEqual(await d.addPassword.status(session), { ok: true, value: 'ready' });

    const weak = await d.addPassword.add(
      session,
      { password: d.citizen.idNumber, confirmPassword: d.citizen.idNumber },
      requestFrom(),
    );
    assert.equal(weak.ok || weak.failure.code, 'PASSWORD_POLICY');
    const mismatch = await d.addPassword.add(
      session,
      { password: STRONG_PASSWORD, confirmPassword: 'x' },
      requestFrom(),
    );
    assert.equal(mismatch.ok || mismatch.failure.code, 'PASSWORD_MISMATCH');

    assert.deepEqual(
      await d.addPassword.add(
        session,
        { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
        requestFrom(),
      ),
      { ok: true, value: undefined },
    );
    const account = d.accounts.all()[0];
    assert.deepEqual(account?.credentials.map((c) => c.type).sort(), ['federated', 'password']);
    assert.equal(d.audit.named('account.credential_added').length, 1);
    assert.deepEqual(await d.addPassword.status(session), { ok: true, value: 'has_password' });
    const again = await d.addPassword.add(
      session,
      { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
      requestFrom(),
    );
    assert.equal(again.ok || again.failure.code, 'STEP_NOT_ALLOWED');
  });

  it('asks for a fresh sign-in once the last one is more than ten minutes old', async () => {
    const d = doubles();
    const session = await d.sessions.create(d.id, FEDERATED_SIGN_IN);
    d.clock.advance(RECENT_SIGN_IN_MS + 1000);
    const resumed = await d.sessions.resume(session.token);
    assert.ok(resumed);
    assert.deepEqual(await d.addPassword.status(resumed), { ok: true, value: 'sign_in_again' });
    const refused = await d.addPassword.add(
      resumed,
      { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
      requestFrom(),
    );
    assert.equal(refused.ok || refused.failure.code, 'STEP_NOT_ALLOWED');
    assert.equal(d.accounts.all()[0]?.credentials.length, 1);
  });
});
