import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type BreakerState, CircuitBreaker } from './circuit-breaker.ts';

function breaker(failureThreshold = 3, resetAfterMs = 1000) {
  let ms = Date.parse('2026-01-15T08:00:00Z');
  const changes: BreakerState[] = [];
  const b = new CircuitBreaker({
    failureThreshold,
    resetAfterMs,
    now: () => new Date(ms),
    onStateChange: (s) => changes.push(s),
  });
  return { b, changes, advance: (by: number) => (ms += by) };
}

function failOnce(b: CircuitBreaker) {
  const permit = b.tryAcquire();
  assert.ok(permit, 'expected a permit');
  permit.fail();
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and then refuses calls', () => {
    const { b, changes } = breaker(3);
    failOnce(b);
    failOnce(b);
    assert.equal(b.state, 'closed');
    failOnce(b);
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), undefined);
    assert.deepEqual(changes, ['open']);
  });

  it('counts only consecutive failures: a success in between resets the count', () => {
    const { b } = breaker(3);
    failOnce(b);
    failOnce(b);
    b.tryAcquire()!.succeed();
    failOnce(b);
    failOnce(b);
    assert.equal(b.state, 'closed');
    failOnce(b);
    assert.equal(b.state, 'open');
  });

  it('lets exactly one trial through after resetAfterMs and closes when it succeeds', () => {
    const { b, changes, advance } = breaker(1, 1000);
    failOnce(b);
    advance(999);
    assert.equal(b.tryAcquire(), undefined);
    advance(1);
    const trial = b.tryAcquire();
    assert.ok(trial);
    assert.equal(b.state, 'half_open');
    assert.equal(b.tryAcquire(), undefined, 'a second call during the trial is refused');
    trial.succeed();
    assert.equal(b.state, 'closed');
    assert.ok(b.tryAcquire());
    assert.deepEqual(changes, ['open', 'half_open', 'closed']);
  });

  it('re-opens for a full resetAfterMs when the trial fails', () => {
    const { b, advance } = breaker(2, 1000);
    failOnce(b);
    failOnce(b);
    advance(5000);
    b.tryAcquire()!.fail();
    assert.equal(b.state, 'open');
    advance(999);
    assert.equal(b.tryAcquire(), undefined);
    advance(1);
    assert.ok(b.tryAcquire());
  });

  it('ignores late reports from calls admitted before the state changed', () => {
    const { b, advance } = breaker(2, 1000);
    const slow = b.tryAcquire()!;
    failOnce(b);
    failOnce(b);
    assert.equal(b.state, 'open');
    slow.succeed();
    assert.equal(b.state, 'open', 'a success admitted while closed does not close an open circuit');
    advance(1000);
    const trial = b.tryAcquire()!;
    const stale = slow;
    stale.fail();
    assert.equal(b.state, 'half_open');
    trial.succeed();
    assert.equal(b.state, 'closed');
  });

  it('takes only the first report of a permit', () => {
    const { b } = breaker(1);
    const permit = b.tryAcquire()!;
    permit.succeed();
    permit.fail();
    assert.equal(b.state, 'closed');
  });

  it('rejects nonsensical settings', () => {
    assert.throws(() => new CircuitBreaker({ failureThreshold: 0, resetAfterMs: 1, now: () => new Date() }));
    assert.throws(() => new CircuitBreaker({ failureThreshold: 1, resetAfterMs: -1, now: () => new Date() }));
  });

  it('never lets a call out while open before resetAfterMs, whatever the history (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.record({ ok: fc.boolean(), wait: fc.integer({ min: 0, max: 600 }) }), { maxLength: 60 }),
        (threshold, steps) => {
          const { b, advance } = breaker(threshold, 1000);
          let openedAt: number | undefined;
          let clock = 0;
          let failures = 0;
          for (const step of steps) {
            advance(step.wait);
            clock += step.wait;
            const permit = b.tryAcquire();
            if (openedAt !== undefined && clock - openedAt < 1000) assert.equal(permit, undefined);
            if (!permit) continue;
            if (step.ok) {
              permit.succeed();
              failures = 0;
              openedAt = undefined;
              assert.equal(b.state, 'closed');
            } else {
              permit.fail();
              failures += 1;
              const wasTrial = openedAt !== undefined;
              if (wasTrial || failures >= threshold) {
                openedAt = clock;
                assert.equal(b.state, 'open');
              } else assert.equal(b.state, 'closed');
            }
          }
        },
      ),
    );
  });
});
