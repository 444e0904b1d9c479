/**
 * A password change or recovery meeting a store failure half-way: the sessions end before the password
 * changes (so a failure never leaves a new password beside old sessions), and what follows the change (audit,
 * lifting the sign-in lock) is best effort, so a change that happened is never answered with an error.
 * Use cases on test doubles with the in-memory store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryEphemeralStore } from '../../src/adapters/ephemeral/memory-store.ts';
import { makePersonalIdNumber } from '../../src/domain/id-number.ts';
import { createAccountUseCases } from '../../src/usecases/accounts/account.ts';
import { createRecovery } from '../../src/usecases/accounts/recovery.ts';
import { ManualClock } from '../../src/usecases/ports/clock.ts';
import { accountDoubles, RIGHT_PASSWORD, until } from '../races/account-doubles.ts';

const context = { requestId: 'r', clientIp: '203.0.113.7' };
const NEW_PASSWORD = 'Mới#Sông2025xanhLá';
const storeDown = () =>
  Promise.reject(Object.assign(new Error('Connection is closed.'), { name: 'StoreDown' }));

function setup() {
  const clock = new ManualClock();
  const doubles = accountDoubles(new MemoryEphemeralStore(clock), { clock });
  const idNumber = makePersonalIdNumber({
    provinceCode: '001',
    sex: 'female',
    birthDate: '1990-05-17',
    serial: 4242,
  });
  const account = doubles.addAccount(idNumber);
  const order: string[] = [];
  const warnings: string[] = [];
  const { sessions, accounts, audit } = doubles.deps;
  doubles.deps.sessions = {
    ...sessions,
    endAllOf: async (id) => {
      order.push('sessions ended');
      return sessions.endAllOf(id);
    },
  };
  doubles.deps.accounts = {
    ...accounts,
    setPassword: async (...args) => {
      order.push('password changed');
      return accounts.setPassword(...args);
    },
  };
  doubles.deps.warn = (message) => warnings.push(message);
  return { ...doubles, account, idNumber, order, warnings, audit };
}

async function verifiedRecovery(doubles: ReturnType<typeof setup>) {
  const recovery = createRecovery(doubles.deps);
  const started = await recovery.start(
    { idNumber: doubles.idNumber, captchaId: 'c', captchaAnswer: 'a' },
    context,
  );
  assert.ok(started.ok);
  await until(() => doubles.sms.length > 0);
  const code = /\d{6}/.exec(doubles.sms[0]!.text)?.[0] ?? '';
  assert.ok((await recovery.verifyCode(started.value.recoveryId, code)).ok);
  return { recovery, recoveryId: started.value.recoveryId };
}

describe('password changes meeting a store failure', () => {
  it('recovery ends the sessions before it changes the password, and changes nothing when that fails', async () => {
    const doubles = setup();
    const { recovery, recoveryId } = await verifiedRecovery(doubles);
    doubles.deps.sessions.endAllOf = storeDown;
    const input = { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    await assert.rejects(recovery.setPassword(recoveryId, input, context), /Connection is closed/);
    assert.deepEqual(doubles.order, []);
  });

  it('recovery answers success when only the audit row or the lock lift fails after the change', async () => {
    const doubles = setup();
    const { recovery, recoveryId } = await verifiedRecovery(doubles);
    doubles.deps.audit = { record: storeDown };
    const input = { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const answer = await recovery.setPassword(recoveryId, input, context);
    assert.ok(answer.ok, JSON.stringify(answer));
    assert.deepEqual(doubles.order, ['sessions ended', 'password changed']);
    assert.deepEqual(doubles.warnings, ['audit of a recovery not written']);
  });

  it('a password change ends the other sessions first and survives a failed audit row', async () => {
    const doubles = setup();
    const account = createAccountUseCases(doubles.deps);
    doubles.deps.audit = { record: storeDown };
    const input = {
      currentPassword: RIGHT_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    };
    const answer = await account.changePassword(doubles.account.id, input, context);
    assert.ok(answer.ok, JSON.stringify(answer));
    assert.deepEqual(doubles.order, ['sessions ended', 'password changed']);
    assert.deepEqual(doubles.warnings, ['audit of a password change not written']);

    const failing = setup();
    failing.deps.sessions.endAllOf = storeDown;
    await assert.rejects(
      createAccountUseCases(failing.deps).changePassword(failing.account.id, input, context),
      /Connection is closed/,
    );
    assert.deepEqual(failing.order, []);
  });
});
