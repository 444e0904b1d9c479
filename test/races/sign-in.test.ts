/**
 * Sign-in limits under bursts, on the use case with test doubles: every password verification is held at a
 * gate until the whole burst has either reached a verification or been refused, so the race is as wide as
 * it can be and the outcome is deterministic. Memory store always, Redis when REDIS_URL is set.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { makePersonalIdNumber } from '../../src/domain/id-number.ts';
import type { SignInRules } from '../../src/usecases/accounts/dependencies.ts';
import { createSignIn } from '../../src/usecases/accounts/sign-in.ts';
import { ManualClock } from '../../src/usecases/ports/clock.ts';
import type { EphemeralStore } from '../../src/usecases/ports/ephemeral-store.ts';
import { ephemeralVariants } from '../support/ephemeral-stores.ts';
import { accountDoubles, gate, RIGHT_PASSWORD, until } from './account-doubles.ts';

const context = { requestId: 'r', clientIp: '203.0.113.7' };
const idNumber = (serial: number) =>
  makePersonalIdNumber({ provinceCode: '001', sex: 'female', birthDate: '1990-05-17', serial });

for (const variant of ephemeralVariants) {
  describe(`sign-in limits under bursts (${variant.name} store)`, { skip: variant.skip }, () => {
    const stores: EphemeralStore[] = [];
    after(() => Promise.all(stores.map((store) => store.close())));

    async function setup(signInRules: Partial<SignInRules> = {}) {
      const clock = new ManualClock();
      const store = await variant.open(clock);
      stores.push(store);
      const doubles = accountDoubles(store, { clock, signInRules });
      return { ...doubles, signIn: createSignIn(doubles.deps) };
    }

    /** Starts every attempt at once; verifications wait until each attempt is verifying or answered. */
    async function burst<T>(doubles: Awaited<ReturnType<typeof setup>>, attempts: Array<() => Promise<T>>) {
      const held = gate();
      doubles.verification.gate = held.opened;
      let answered = 0;
      const results = attempts.map((attempt) =>
        attempt().finally(() => {
          answered++;
        }),
      );
      await until(() => doubles.verification.entered + answered === attempts.length);
      held.open();
      doubles.verification.gate = undefined;
      return Promise.all(results);
    }

    it('verifies at most 5 of 100 wrong passwords and refuses the right one sent last; the lock holds', async () => {
      const doubles = await setup();
      const username = idNumber(1);
      doubles.addAccount(username);
      const results = await burst(doubles, [
        ...Array.from(
          { length: 100 },
          () => () => doubles.signIn({ username, password: 'Wrong#Pass1' }, context),
        ),
        () => doubles.signIn({ username, password: RIGHT_PASSWORD }, context),
      ]);
      assert.equal(doubles.verification.entered, 5);
      const codes = results.map((r) => (r.ok ? 'signed_in' : r.failure.code));
      assert.equal(codes.at(-1), 'RATE_LIMITED', 'the right password sent last is refused');
      assert.equal(codes.filter((c) => c === 'INVALID_CREDENTIALS').length, 5);
      assert.equal(codes.filter((c) => c === 'RATE_LIMITED').length, 96);

      const later = await doubles.signIn({ username, password: RIGHT_PASSWORD }, context);
      assert.equal(later.ok ? 'signed_in' : later.failure.code, 'RATE_LIMITED', 'the lock is set');
      assert.equal(doubles.verification.entered, 5);
      doubles.clock.advance(15 * 60_000 + 1);
      assert.ok((await doubles.signIn({ username, password: RIGHT_PASSWORD }, context)).ok);
    });

    it('gives unknown users the same limit and the same work', async () => {
      const doubles = await setup();
      const results = await burst(
        doubles,
        Array.from(
          { length: 50 },
          () => () => doubles.signIn({ username: idNumber(2), password: 'x' }, context),
        ),
      );
      assert.equal(doubles.verification.entered, 5);
      assert.equal(results.filter((r) => !r.ok && r.failure.code === 'INVALID_CREDENTIALS').length, 5);
    });

    it('never verifies more failures from one IP than its budget, however many race', async () => {
      const doubles = await setup({ failuresPerIpPer10Minutes: 20 });
      const results = await burst(
        doubles,
        Array.from(
          { length: 60 },
          (_, i) => () => doubles.signIn({ username: idNumber(100 + i), password: 'x' }, context),
        ),
      );
      assert.equal(doubles.verification.entered, 20);
      assert.equal(results.filter((r) => !r.ok && r.failure.code === 'RATE_LIMITED').length, 40);
      const fromElsewhere = await doubles.signIn(
        { username: idNumber(999), password: 'x' },
        { ...context, clientIp: '198.51.100.1' },
      );
      assert.equal(fromElsewhere.ok ? 'signed_in' : fromElsewhere.failure.code, 'INVALID_CREDENTIALS');
    });

    it('a success resets the consecutive failures and does not use the IP budget', async () => {
      const doubles = await setup({ failuresPerIpPer10Minutes: 6 });
      const username = idNumber(3);
      doubles.addAccount(username);
      const attempt = async (password: string) => {
        const result = await doubles.signIn({ username, password }, context);
        return result.ok ? 'signed_in' : result.failure.code;
      };
      for (let i = 0; i < 4; i++) assert.equal(await attempt('Wrong#Pass1'), 'INVALID_CREDENTIALS');
      for (let i = 0; i < 3; i++) assert.equal(await attempt(RIGHT_PASSWORD), 'signed_in');
      for (let i = 0; i < 2; i++) assert.equal(await attempt('Wrong#Pass1'), 'INVALID_CREDENTIALS');
      assert.equal(await attempt(RIGHT_PASSWORD), 'RATE_LIMITED', 'the IP budget of 6 failures is used');
    });
  });
}
