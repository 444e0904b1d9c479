/** The live password check on fakes: the journey's own personal data, the server-only rules, the per-IP limit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registrationDoubles, requestFrom } from '../../../test/support/registration-fakes.ts';
import type { PersonalData } from '../../domain/password.ts';
import { failure, type Outcome, success } from '../outcome.ts';
import { createPasswordChecks, type PasswordJourney } from './password-checks.ts';

const PERSONAL: PersonalData = {
  idNumber: '001190012345',
  birthDate: '1990-05-17',
  phoneNumber: '+84912345678',
};

function setup(limit = 5) {
  const d = registrationDoubles();
  const asked: string[] = [];
  const known =
    (kind: string, id: string) =>
    async (asked_: string): Promise<Outcome<PersonalData>> => {
      asked.push(`${kind}:${asked_}`);
      return asked_ === id
        ? success(PERSONAL)
        : failure(kind === 'account' ? 'UNAUTHENTICATED' : 'STEP_NOT_ALLOWED');
    };
  const check = createPasswordChecks({
    store: d.store,
    protector: d.protector,
    rules: { perIpPer10Minutes: limit },
    personalData: {
      registration: known('registration', 'reg-1'),
      recovery: known('recovery', 'rec-1'),
      account: known('account', 'acc-1'),
    },
  });
  return { d, check, asked };
}

const atRegistration: PasswordJourney = { kind: 'registration', registrationId: 'reg-1' };

describe('live password check (use case on fakes)', () => {
  it("marks the seed's example Aa@123456 as common although it meets the five composition rules", async () => {
    const { check } = setup();
    const answer = await check(atRegistration, 'Aa@123456', requestFrom());
    assert.deepEqual(answer, success({ ok: false, failures: ['TOO_COMMON'], commonBase: 'aa123456' }));
  });

  it("refuses the journey's own ID number, phone and birth date, and nobody else's", async () => {
    const { check } = setup();
    for (const password of ['Xy#001190012345', 'Xy#0912345678', 'Xy#17051990!', 'Sông#1990xanh']) {
      const answer = await check(atRegistration, password, requestFrom());
      assert.ok(answer.ok && answer.value.failures.includes('CONTAINS_PERSONAL_DATA'), password);
    }
    const strangers = await check(atRegistration, 'Sông#Hồng2024xanh', requestFrom());
    assert.deepEqual(strangers, success({ ok: true, failures: [] }));
  });

  it('asks the personal data of the journey it was given: registration, recovery or account', async () => {
    const { check, asked } = setup();
    await check({ kind: 'recovery', recoveryId: 'rec-1' }, 'Sông#Hồng2024xanh', requestFrom());
    await check({ kind: 'account', accountId: 'acc-1' }, 'Sông#Hồng2024xanh', requestFrom());
    await check(atRegistration, 'Sông#Hồng2024xanh', requestFrom());
    assert.deepEqual(asked, ['recovery:rec-1', 'account:acc-1', 'registration:reg-1']);
  });

  it('answers nothing about a journey that is not at its password step', async () => {
    const { check } = setup();
    const answer = await check({ kind: 'registration', registrationId: 'other' }, 'Aa@123456', requestFrom());
    assert.deepEqual(answer, failure('STEP_NOT_ALLOWED'));
  });

  it('limits checks per IP over ten minutes, each address on its own', async () => {
    const { d, check } = setup(3);
    for (let i = 0; i < 3; i++)
      assert.ok((await check(atRegistration, 'Aa@123456', requestFrom('198.51.100.1'))).ok);
    const limited = await check(atRegistration, 'Aa@123456', requestFrom('198.51.100.1'));
    assert.equal(limited.ok, false);
    assert.equal(!limited.ok && limited.failure.code, 'RATE_LIMITED');
    assert.ok(!limited.ok && (limited.failure.retryAfterSeconds ?? 0) > 0);
    assert.ok((await check(atRegistration, 'Aa@123456', requestFrom('198.51.100.2'))).ok, 'another address');
    d.clock.advance(10 * 60_000);
    assert.ok((await check(atRegistration, 'Aa@123456', requestFrom('198.51.100.1'))).ok, 'a new window');
  });

  it('keeps neither the password nor the address in the store', async () => {
    const d = registrationDoubles();
    const written: unknown[] = [];
    const recording = new Proxy(d.store, {
      get: (store, name) => {
        const member = Reflect.get(store, name, store);
        return typeof member === 'function'
          ? (...args: unknown[]) => {
              written.push(name, ...args);
              return member.apply(store, args);
            }
          : member;
      },
    });
    const check = createPasswordChecks({
      store: recording,
      protector: d.protector,
      rules: { perIpPer10Minutes: 5 },
      personalData: {
        registration: async () => success(PERSONAL),
        recovery: async () => success(PERSONAL),
        account: async () => success(PERSONAL),
      },
    });
    await check(atRegistration, 'Sông#Hồng2024xanh', requestFrom('198.51.100.9'));
    const seen = JSON.stringify(written);
    assert.ok(seen.includes('increment'), seen);
    assert.ok(!seen.includes('Sông#Hồng2024xanh') && !seen.includes('198.51.100.9'), seen);
  });
});
