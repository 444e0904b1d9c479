import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createPersonalDataProtector } from '../adapters/crypto/personal-data-protector.ts';
import { MemoryEphemeralStore } from '../adapters/ephemeral/memory-store.ts';
import { createOneTimeCodes } from './one-time-codes.ts';
import { ManualClock } from './ports/clock.ts';
import { cryptoRandom } from './ports/random.ts';

function setup() {
  const store = new MemoryEphemeralStore(new ManualClock());
  const protector = createPersonalDataProtector({
    current: { id: 'k', key: randomBytes(32) },
    hmacKey: randomBytes(32),
  });
  const codes = createOneTimeCodes({
    purpose: 'test',
    store,
    protector,
    random: cryptoRandom,
    length: 6,
    retentionMs: 60_000,
    maxWrongAnswers: 5,
  });
  return { store, codes };
}

describe('one-time codes', () => {
  it('makes 6-digit codes and stores only a keyed hash', async () => {
    const { store, codes } = setup();
    const code = await codes.issue('reg1', 1);
    assert.match(code, /^\d{6}$/);
    const stored = await store.get('code:test:reg1:1');
    assert.ok(stored && !stored.includes(code));
  });

  it('accepts the right code exactly once under concurrency', async () => {
    const { codes } = setup();
    const code = await codes.issue('reg1', 1);
    const results = await Promise.all(Array.from({ length: 20 }, () => codes.check('reg1', 1, code)));
    assert.equal(results.filter((r) => r.result === 'accepted').length, 1);
    assert.ok(results.filter((r) => r.result !== 'accepted').every((r) => r.result === 'gone'));
  });

  it('counts wrong answers and locks the code at the fifth, even for the right code afterwards', async () => {
    const { codes } = setup();
    const code = await codes.issue('reg1', 1);
    const wrong = code === '999999' ? '000000' : '999999';
    const lefts = [];
    for (let i = 0; i < 4; i++) lefts.push(await codes.check('reg1', 1, wrong));
    assert.deepEqual(
      lefts,
      [4, 3, 2, 1].map((attemptsLeft) => ({ result: 'wrong', attemptsLeft })),
    );
    assert.deepEqual(await codes.check('reg1', 1, wrong), { result: 'locked' });
    assert.deepEqual(await codes.check('reg1', 1, code), { result: 'locked' });
  });

  it('binds a code to its owner and number', async () => {
    const { codes } = setup();
    const code = await codes.issue('reg1', 1);
    assert.equal((await codes.check('reg2', 1, code)).result, 'gone');
    assert.equal((await codes.check('reg1', 2, code)).result, 'gone');
    await codes.withdraw('reg1', 1);
    assert.equal((await codes.check('reg1', 1, code)).result, 'gone');
  });
});
