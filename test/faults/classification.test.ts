/**
 * Driver failures that mean "the store is away" become one DependencyUnavailableError (answered 503 by the
 * web layer); other errors keep their identity, so real bugs still surface as 500 and get logged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectRedisStore } from '../../src/adapters/ephemeral/redis-store.ts';
import { classifyFailure, DependencyUnavailableError } from '../../src/lib/dependency-unavailable.ts';
import { hasRedisServer, OwnRedis } from './own-redis.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('dependency failures are classified', () => {
  it('PostgreSQL, socket, ioredis and PGlite connection failures; nothing else', () => {
    const unavailable = [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      new Error('Connection is closed.'),
      new Error('Command timed out'),
      new Error('PGlite is closed'),
    ];
    for (const error of unavailable) {
      const classified = classifyFailure('store', error);
      assert.ok(classified instanceof DependencyUnavailableError, error.message);
      assert.equal(classified.cause, error);
    }
    const others = [
      withCode('duplicate key value violates unique constraint', '23505'),
      new TypeError('cannot read properties of undefined'),
    ];
    for (const error of others) assert.equal(classifyFailure('store', error), error);
  });

  it('the Redis store fails fast with DependencyUnavailableError while Redis is down, then works again', {
    skip: hasRedisServer ? undefined : 'redis-server is not installed',
  }, async () => {
    const redis = await OwnRedis.start();
    const store = await connectRedisStore({ url: redis.url, keyPrefix: 'classify:' });
    try {
      await store.set('k', 'v', 60_000);
      await redis.kill();
      const started = performance.now();
      await assert.rejects(store.get('k'), DependencyUnavailableError);
      assert.ok(performance.now() - started < 500, 'no waiting for a connection that is gone');
      await redis.restart();
      const deadline = Date.now() + 10_000;
      while (
        (await store.get('k').then(
          () => 'ok',
          () => 'down',
        )) === 'down'
      ) {
        assert.ok(Date.now() < deadline, 'the store reconnects by itself');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await store.set('k', 'again', 60_000);
      assert.equal(await store.get('k'), 'again');
    } finally {
      await store.close();
      await redis.kill();
    }
  });
});
