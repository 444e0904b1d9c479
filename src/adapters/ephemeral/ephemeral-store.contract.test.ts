import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ephemeralVariants } from '../../../test/support/ephemeral-stores.ts';
import { ManualClock } from '../../usecases/ports/clock.ts';
import type { EphemeralStore } from '../../usecases/ports/ephemeral-store.ts';

for (const variant of ephemeralVariants) {
  describe(`EphemeralStore contract: ${variant.name}`, { skip: variant.skip }, () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    let store: EphemeralStore;
    before(async () => {
      store = await variant.open(clock);
    });
    after(() => store.close());

    it('sets, gets and deletes', async () => {
      await store.set('a', 'one', 60_000);
      assert.equal(await store.get('a'), 'one');
      await store.delete('a');
      assert.equal(await store.get('a'), null);
    });

    it('setIfAbsent sets once', async () => {
      assert.equal(await store.setIfAbsent('once', 'x', 60_000), true);
      assert.equal(await store.setIfAbsent('once', 'y', 60_000), false);
      assert.equal(await store.get('once'), 'x');
    });

    it('take hands the value to exactly one of many concurrent callers', async () => {
      await store.set('otp', 'secret-hash', 60_000);
      const results = await Promise.all(Array.from({ length: 25 }, () => store.take('otp')));
      assert.deepEqual(
        results.filter((r) => r !== null),
        ['secret-hash'],
      );
      assert.equal(await store.get('otp'), null);
    });

    it('compareAndDelete succeeds for exactly one concurrent caller and only on the expected value', async () => {
      await store.set('cad', 'v1', 60_000);
      assert.equal(await store.compareAndDelete('cad', 'other'), false);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.compareAndDelete('cad', 'v1')),
      );
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await store.get('cad'), null);
    });

    it('increment counts every concurrent caller once within the window', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, () => store.increment('ctr', 60_000)));
      assert.deepEqual(
        results.map((r) => r.count).sort((a, b) => a - b),
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
      assert.ok(results.every((r) => r.resetInMs > 0 && r.resetInMs <= 60_000));
    });

    it('incrementIfBelow gives exactly `limit` of 200 concurrent callers a slot', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, () => store.incrementIfBelow('slots', 5, 60_000)),
      );
      const allowed = results.filter((r) => r.allowed);
      assert.deepEqual(
        allowed.map((r) => r.count).sort((a, b) => a - b),
        [1, 2, 3, 4, 5],
      );
      assert.ok(results.filter((r) => !r.allowed).every((r) => r.count === 5));
      assert.ok(results.every((r) => r.resetInMs > 0 && r.resetInMs <= 60_000));
      assert.equal((await store.incrementIfBelow('slots', 5, 60_000)).allowed, false);
    });

    it('decrement gives a slot back, never below zero, and keeps the window', async () => {
      await store.decrement('never-claimed');
      assert.equal((await store.incrementIfBelow('never-claimed', 1, 60_000)).count, 1);
      await store.incrementIfBelow('given-back', 2, 60_000);
      await store.incrementIfBelow('given-back', 2, 60_000);
      await store.decrement('given-back');
      const again = await store.incrementIfBelow('given-back', 2, 60_000);
      assert.deepEqual({ allowed: again.allowed, count: again.count }, { allowed: true, count: 2 });
      await Promise.all(Array.from({ length: 5 }, () => store.decrement('given-back')));
      const fromZero = await store.incrementIfBelow('given-back', 2, 60_000);
      assert.equal(fromZero.count, 1);
      assert.ok(fromZero.resetInMs <= 60_000);
    });

    it('reserveInWindow admits exactly `limit` concurrent reservations and says when a slot frees', async () => {
      const now = clock.now().getTime();
      const results = await Promise.all(
        Array.from({ length: 15 }, (_, i) => store.reserveInWindow('sms', `e${i}`, now, 86_400_000, 10)),
      );
      assert.equal(results.filter((r) => r.allowed).length, 10);
      const refused = results.filter((r) => !r.allowed);
      assert.equal(refused.length, 5);
      assert.ok(refused.every((r) => r.retryAfterMs > 86_000_000 && r.retryAfterMs <= 86_400_000));
    });

    it('reserveInWindow slides: old events leave the window, released ones free a slot at once', async () => {
      const start = clock.now().getTime();
      for (let i = 0; i < 3; i++) {
        assert.equal(
          (await store.reserveInWindow('slide', `s${i}`, start + i * 1000, 10_000, 3)).allowed,
          true,
        );
      }
      const refused = await store.reserveInWindow('slide', 'late', start + 5000, 10_000, 3);
      assert.equal(refused.allowed, false);
      assert.equal(refused.retryAfterMs, 5000);
      await store.releaseInWindow('slide', 's2');
      assert.equal(
        (await store.reserveInWindow('slide', 'after-release', start + 5000, 10_000, 3)).allowed,
        true,
      );
      assert.equal((await store.reserveInWindow('slide', 'next', start + 10_001, 10_000, 3)).allowed, true);
    });

    it('keeps a set of members that lives as long as its longest-lived member, and deletes it whole', async () => {
      await store.addToSet('grant-index', 'token-a', 60_000);
      await store.addToSet('grant-index', 'token-b', 60_000);
      await store.addToSet('grant-index', 'token-a', 60_000);
      assert.deepEqual((await store.membersOf('grant-index')).sort(), ['token-a', 'token-b']);
      assert.deepEqual(await store.membersOf('no-such-set'), []);
      await store.delete('grant-index');
      assert.deepEqual(await store.membersOf('grant-index'), []);
    });

    it('ping answers', async () => {
      await store.ping();
    });

    if (variant.name === 'memory') {
      it('expires values by the injected clock', async () => {
        await store.set('ttl', 'v', 1000);
        await store.increment('ttl-counter', 1000);
        clock.advance(999);
        assert.equal(await store.get('ttl'), 'v');
        clock.advance(1);
        assert.equal(await store.get('ttl'), null);
        assert.equal((await store.increment('ttl-counter', 1000)).count, 1);
      });

      it('never shortens a set when a shorter-lived member joins, and ends it by the injected clock', async () => {
        await store.addToSet('ttl-set', 'long', 2000);
        await store.addToSet('ttl-set', 'short', 500);
        clock.advance(1999);
        assert.deepEqual((await store.membersOf('ttl-set')).sort(), ['long', 'short']);
        clock.advance(1);
        assert.deepEqual(await store.membersOf('ttl-set'), []);
      });

      it('opens the slots of incrementIfBelow again when its window ends by the injected clock', async () => {
        await store.incrementIfBelow('ttl-slots', 1, 1000);
        assert.equal((await store.incrementIfBelow('ttl-slots', 1, 1000)).allowed, false);
        clock.advance(1000);
        assert.equal((await store.incrementIfBelow('ttl-slots', 1, 1000)).allowed, true);
      });
    } else {
      it('expires values on the server', async () => {
        await store.set('ttl', 'v', 50);
        await new Promise((resolve) => setTimeout(resolve, 120));
        assert.equal(await store.get('ttl'), null);
      });
    }
  });
}
