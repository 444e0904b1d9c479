/**
 * Recovery reveals nothing about which ID numbers have accounts: on the use case with test doubles, a known
 * and an unknown ID number get the same answers, and do the same store, database and crypto work before
 * answering (counted, not timed, so a loaded machine cannot make this flaky). Memory store always, Redis
 * when REDIS_URL is set.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { makePersonalIdNumber } from '../../src/domain/id-number.ts';
import { createRecovery } from '../../src/usecases/accounts/recovery.ts';
import { ManualClock } from '../../src/usecases/ports/clock.ts';
import type { EphemeralStore } from '../../src/usecases/ports/ephemeral-store.ts';
import { noMetrics } from '../../src/usecases/ports/journey-metrics.ts';
import { cryptoRandom } from '../../src/usecases/ports/random.ts';
import { ephemeralVariants } from '../support/ephemeral-stores.ts';
import { accountDoubles, until } from './account-doubles.ts';

const context = { requestId: 'r', clientIp: '203.0.113.7' };
const idNumber = (serial: number) =>
  makePersonalIdNumber({ provinceCode: '001', sex: 'female', birthDate: '1990-05-17', serial });

/** Logs every store call as `method key-kind` (the key's first segment), in call order. */
function recordingStore(store: EphemeralStore, log: string[]): EphemeralStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        log.push(`${String(property)} ${String(args[0]).split(':')[0]}`);
        return value.apply(target, args);
      };
    },
  });
}

for (const variant of ephemeralVariants) {
  describe(`recovery answers the same for every ID number (${variant.name} store)`, {
    skip: variant.skip,
  }, () => {
    const stores: EphemeralStore[] = [];
    after(() => Promise.all(stores.map((store) => store.close())));

    async function setup() {
      const clock = new ManualClock();
      const store = await variant.open(clock);
      stores.push(store);
      const work: string[] = [];
      const doubles = accountDoubles(recordingStore(store, work), { clock });
      /** Logs `label` each time `fn` is called, then calls it. */
      const logged =
        <A extends unknown[], R>(label: (...args: A) => string, fn: (...args: A) => R) =>
        (...args: A): R => {
          work.push(label(...args));
          return fn(...args);
        };
      const { accounts, protector } = doubles.deps;
      doubles.deps.accounts = {
        ...accounts,
        findBySubject: logged((_index: string) => 'db findBySubject', accounts.findBySubject),
        findById: logged((_id: string) => 'db findById', accounts.findById),
      };
      doubles.deps.protector = {
        ...protector,
        blindIndex: logged((purpose) => `hmac ${purpose}`, protector.blindIndex),
        decrypt: logged((_ciphertext: string) => 'decrypt', protector.decrypt),
      };
      doubles.deps.random = {
        int: logged((_max: number) => 'random int', cryptoRandom.int),
        token: logged((_bytes?: number) => 'random token', cryptoRandom.token),
      };
      const steps: string[] = [];
      doubles.deps.metrics = { ...noMetrics, step: (step, outcome) => steps.push(`${step} ${outcome}`) };
      const recovery = createRecovery(doubles.deps);
      /** The work `act` did before it answered. */
      const workOf = async <T>(act: () => Promise<T>) => {
        const from = work.length;
        const answer = await act();
        return { answer, work: work.slice(from) };
      };
      return { ...doubles, recovery, workOf, steps };
    }
    const start = (recovery: ReturnType<typeof createRecovery>, id: string) =>
      recovery.start({ idNumber: id, captchaId: 'c', captchaAnswer: 'a' }, context);
    const idOf = (outcome: Awaited<ReturnType<typeof start>>) => {
      assert.ok(outcome.ok, JSON.stringify(outcome));
      return outcome.value.recoveryId;
    };
    const statusOf = (outcome: { ok: boolean; failure?: { code: string } }) =>
      outcome.ok ? 'started' : outcome.failure!.code;

    it('does the same work before answering a known and an unknown ID number, and texts only the known', async () => {
      const doubles = await setup();
      const known = idNumber(1);
      doubles.addAccount(known);
      const real = await doubles.workOf(() => start(doubles.recovery, known));
      // The SMS goes after the answer; let it finish so that its work is not logged as the decoy's.
      await until(() => doubles.steps.includes('recovery code_sent'));
      assert.equal(doubles.sms.length, 1);
      const decoy = await doubles.workOf(() => start(doubles.recovery, idNumber(2)));
      assert.ok(real.answer.ok && decoy.answer.ok);
      assert.deepEqual(decoy.work, real.work);
      assert.deepEqual(Object.keys(decoy.answer.value).sort(), Object.keys(real.answer.value).sort());

      doubles.clock.advance(61_000);
      const realResend = await doubles.workOf(() => doubles.recovery.resendCode(idOf(real.answer)));
      await until(() => doubles.sms.length === 2);
      const decoyResend = await doubles.workOf(() => doubles.recovery.resendCode(idOf(decoy.answer)));
      assert.ok(realResend.answer.ok && decoyResend.answer.ok);
      assert.deepEqual(decoyResend.work, realResend.work);
      assert.ok(
        doubles.sms.every((m) => m.to === '+84911234567'),
        'nothing is sent for the decoy',
      );
    });

    it('gives a known and an unknown ID number the same statuses over 15 starts', async () => {
      const doubles = await setup();
      const known = idNumber(3);
      doubles.addAccount(known);
      const sequence = async (id: string) => {
        const statuses = [];
        for (let i = 0; i < 15; i++) statuses.push(statusOf(await start(doubles.recovery, id)));
        return statuses;
      };
      const real = await sequence(known);
      const decoy = await sequence(idNumber(4));
      assert.deepEqual(decoy, real);
      assert.deepEqual(real, [...Array(10).fill('started'), ...Array(5).fill('RATE_LIMITED')]);
    });

    it('answers the same when the real phone is over its SMS limit, and then sends nothing', async () => {
      const doubles = await setup();
      const phone = '+84911234567';
      const known = idNumber(5);
      const account = doubles.addAccount(known, phone);
      for (let i = 0; i < 10; i++)
        await doubles.deps.smsQuota.reserve(
          [{ key: `phone:${account.phone?.index}`, perDay: 10, limit: 'SMS_PER_PHONE' }],
          `other-${i}`,
          doubles.clock.now().getTime(),
        );
      const real = await doubles.workOf(() => start(doubles.recovery, known));
      await until(() => doubles.steps.includes('recovery code_not_sent'));
      const decoy = await doubles.workOf(() => start(doubles.recovery, idNumber(6)));
      assert.equal(statusOf(real.answer), 'started');
      assert.deepEqual(decoy.work, real.work);
      assert.equal(doubles.sms.length, 0);
    });

    it('counts and locks the answers to a decoy like those to a real code', async () => {
      const doubles = await setup();
      const started = await start(doubles.recovery, idNumber(7));
      assert.ok(started.ok);
      const answers = [];
      for (let i = 0; i < 6; i++) {
        const outcome = await doubles.recovery.verifyCode(started.value.recoveryId, '123456');
        answers.push(outcome.ok ? 'ok' : `${outcome.failure.code}${outcome.failure.attemptsLeft ?? ''}`);
      }
      assert.deepEqual(answers, [
        'OTP_INVALID4',
        'OTP_INVALID3',
        'OTP_INVALID2',
        'OTP_INVALID1',
        'OTP_LOCKED',
        'OTP_LOCKED',
      ]);
    });
  });
}
