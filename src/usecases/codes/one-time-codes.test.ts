import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { ephemeralVariants } from '../../../test/support/ephemeral-stores.ts';
import { createPersonalDataProtector } from '../../adapters/crypto/personal-data-protector.ts';
import { ManualClock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import { cryptoRandom } from '../ports/random.ts';
import { createOneTimeCodes } from './one-time-codes.ts';

for (const variant of ephemeralVariants) {
  describe(`one-time codes (${variant.name} store)`, { skip: variant.skip }, () => {
    const stores: EphemeralStore[] = [];
    after(() => Promise.all(stores.map((store) => store.close())));

    async function setup() {
      const store = await variant.open(new ManualClock());
      stores.push(store);
      const real = createPersonalDataProtector({
        current: { id: 'k', key: randomBytes(32) },
        hmacKey: randomBytes(32),
      });
      const comparisons = { count: 0 };
      const protector = {
        ...real,
        sameHash(a: string, b: string) {
          comparisons.count++;
          return real.sameHash(a, b);
        },
      };
      const codes = createOneTimeCodes({
        purpose: 'test',
        store,
        protector,
        random: cryptoRandom,
        length: 6,
        retentionMs: 60_000,
        maxWrongAnswers: 5,
      });
      return { store, codes, comparisons };
    }
    const wrongFor = (code: string) => (code === '999999' ? '000000' : '999999');

    it('makes 6-digit codes and stores only a keyed hash', async () => {
      const { store, codes } = await setup();
      const code = await codes.issue('reg1', 1);
      assert.match(code, /^\d{6}$/);
      const stored = await store.get('code:test:reg1:1');
      assert.ok(stored && !stored.includes(code));
    });

    it('accepts the right code exactly once under concurrency', async () => {
      const { codes } = await setup();
      const code = await codes.issue('reg1', 1);
      const within = await Promise.all(Array.from({ length: 5 }, () => codes.check('reg1', 1, code)));
      assert.equal(within.filter((r) => r.result === 'accepted').length, 1);
      assert.ok(within.filter((r) => r.result !== 'accepted').every((r) => r.result === 'gone'));

      const next = await codes.issue('reg1', 2);
      const beyond = await Promise.all(Array.from({ length: 20 }, () => codes.check('reg1', 2, next)));
      assert.equal(beyond.filter((r) => r.result === 'accepted').length, 1);
      // Beyond the 5 attempt slots nothing is compared, so those answers cannot know the code was right.
      assert.ok(beyond.every((r) => ['accepted', 'gone', 'locked'].includes(r.result)));
      assert.deepEqual(await codes.check('reg1', 2, next), { result: 'gone' });
    });

    it('counts wrong answers and locks the code at the fifth, even for the right code afterwards', async () => {
      const { codes } = await setup();
      const code = await codes.issue('reg1', 1);
      const lefts = [];
      for (let i = 0; i < 4; i++) lefts.push(await codes.check('reg1', 1, wrongFor(code)));
      assert.deepEqual(
        lefts,
        [4, 3, 2, 1].map((attemptsLeft) => ({ result: 'wrong', attemptsLeft })),
      );
      assert.deepEqual(await codes.check('reg1', 1, wrongFor(code)), { result: 'locked' });
      assert.deepEqual(await codes.check('reg1', 1, code), { result: 'locked' });
    });

    it('compares at most 5 answers with a live code under a burst of 200, and refuses the right one sent last', async () => {
      const { codes, comparisons } = await setup();
      const code = await codes.issue('reg1', 1);
      const burst = [
        ...Array.from({ length: 200 }, () => codes.check('reg1', 1, wrongFor(code))),
        codes.check('reg1', 1, code),
      ];
      const results = await Promise.all(burst);
      assert.equal(comparisons.count, 5);
      assert.deepEqual(results.at(-1), { result: 'locked' });
      assert.equal(results.filter((r) => r.result === 'accepted').length, 0);
      assert.deepEqual(
        results
          .filter((r) => r.result === 'wrong')
          .map((r) => (r.result === 'wrong' ? r.attemptsLeft : 0))
          .sort(),
        [1, 2, 3, 4],
      );
      assert.equal(results.filter((r) => r.result === 'locked').length, 197);
      assert.deepEqual(await codes.check('reg1', 1, code), { result: 'locked' });
      assert.equal(comparisons.count, 5, 'nothing compared after the lock');
    });

    it('treats a decoy like a code that every answer misses', async () => {
      const { codes, comparisons } = await setup();
      await codes.issueDecoy('decoy1', 1);
      const results = await Promise.all(
        ['000000', '123456', '999999', '555555', '424242', '111111'].map((c) => codes.check('decoy1', 1, c)),
      );
      assert.equal(comparisons.count, 5);
      assert.equal(results.filter((r) => r.result === 'wrong').length, 4);
      assert.equal(results.filter((r) => r.result === 'locked').length, 2);
    });

    it('binds a code to its owner and number', async () => {
      const { codes } = await setup();
      const code = await codes.issue('reg1', 1);
      assert.equal((await codes.check('reg2', 1, code)).result, 'gone');
      assert.equal((await codes.check('reg1', 2, code)).result, 'gone');
      await codes.withdraw('reg1', 1);
      assert.equal((await codes.check('reg1', 1, code)).result, 'gone');
    });
  });
}
