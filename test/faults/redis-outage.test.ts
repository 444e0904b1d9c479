/**
 * Redis goes away (crash, network cut, failover): every journey step answers 503 problem+json with
 * Retry-After within about a second, never 500, on the API and on the pages; the service recovers by
 * itself when an empty Redis is back; and Redis vanishing between the account's commit and the release of
 * the password lock never hides a saved account behind a 5xx.
 * Uses a Redis of its own (see own-redis.ts), never the machine's shared one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { eventually } from '../support/eventually.ts';
import {
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  startRegistration,
} from '../support/journey.ts';
import {
  call,
  expectProblem,
  type JsonResponse,
  startTestSystem,
  type TestSystem,
} from '../support/system.ts';
import { hasRedisServer, OwnRedis } from './own-redis.ts';

const KEY_PREFIX = 'faults:';
/** "About a second", with room for a machine shared by several test runs. */
const FAST_ANSWER_MS = 1500;

async function timed<T>(request: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await request();
  return { answer, ms: performance.now() - started };
}

describe('Redis goes away', { skip: hasRedisServer ? undefined : 'redis-server is not installed' }, () => {
  let redis: OwnRedis;
  let test: TestSystem;

  before(async () => {
    redis = await OwnRedis.start();
    test = await startTestSystem('embedded', { REDIS_URL: redis.url, REDIS_KEY_PREFIX: KEY_PREFIX });
  });
  after(async () => {
    await test?.close();
    await redis?.kill();
  });

  const accountsCount = async () => {
    const result = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(
      test.system.database.as(),
    );
    return result.rows[0]!.n;
  };

  it('answers 503 with Retry-After at once on every step, then recovers by itself when Redis is back', async () => {
    const base = test.url;
    const citizen = newIdentity();
    await registerSubscriber(base, citizen);
    const started = await startRegistration(base, citizen);
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const registrationId = started.body.registrationId as string;

    await redis.kill();
    const requests: Record<string, () => Promise<JsonResponse>> = {
      captcha: () => call(base, 'POST', '/api/v1/captchas'),
      start: () =>
        call(base, 'POST', '/api/v1/registrations/mobile', {
          ...newIdentity(),
          captchaId: 'c0ffee00-0000-4000-8000-000000000000',
          captchaAnswer: 'ABCDE',
          consent: true,
        }),
      verify: () => call(base, 'POST', `/api/v1/registrations/${registrationId}/otp`, { code: '123456' }),
      signIn: () =>
        call(base, 'POST', '/api/v1/sessions', { username: citizen.idNumber, password: STRONG_PASSWORD }),
    };
    for (const [step, request] of Object.entries(requests)) {
      const { answer, ms } = await timed(request);
      expectProblem(answer, 503, 'SERVICE_UNAVAILABLE');
      assert.ok(ms < FAST_ANSWER_MS, `${step} answered in ${Math.round(ms)} ms`);
    }

    const { answer: page, ms } = await timed(() =>
      fetch(`${base}/register/mobile`, { headers: { accept: 'text/html' } }),
    );
    assert.equal(page.status, 503, await page.text());
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.ok(Number(page.headers.get('retry-after')) > 0, 'the page says when to retry');
    assert.ok(ms < FAST_ANSWER_MS, `the page answered in ${Math.round(ms)} ms`);

    await redis.restart();
    await eventually(async () =>
      (await call(base, 'POST', '/api/v1/captchas')).status === 201 ? true : undefined,
    );
    const again = newIdentity();
    await registerSubscriber(base, again);
    const { accountId } = await registerCompletely(base, again);
    assert.ok(accountId);
  });

  it('Redis gone between the commit and the lock release: 201, or else no account behind the 5xx', async () => {
    const base = test.url;
    const citizen = newIdentity();
    await registerSubscriber(base, citizen);
    const started = await startRegistration(base, citizen);
    const registrationId = started.body.registrationId as string;
    const code = await codeSentTo(base, citizen.phoneNumber);
    assert.equal(
      (await call(base, 'POST', `/api/v1/registrations/${registrationId}/otp`, { code })).status,
      200,
    );
    const before = await accountsCount();

    // The lock is taken before the (slow, Argon2id) hashing and released after the commit. Redis dies the
    // moment it stores the lock (a keyspace notification), so the commit succeeds and the release fails.
    const watcher = new Redis(redis.url);
    watcher.on('error', () => {});
    let killed: Promise<unknown> | undefined;
    try {
      await watcher.config('SET', 'notify-keyspace-events', 'K$');
      await watcher.psubscribe(`__keyspace@0__:${KEY_PREFIX}password-lock:*`);
      watcher.on('pmessage', () => {
        killed ??= redis.kill();
      });
      const done = await call(base, 'POST', `/api/v1/registrations/${registrationId}/password`, {
        password: STRONG_PASSWORD,
        confirmPassword: STRONG_PASSWORD,
      });
      assert.ok(killed, 'Redis was killed while the password was being set');
      const saved = (await accountsCount()) - before;
      if (done.status >= 500) assert.equal(saved, 0, `an account was saved behind a ${done.status}`);
      assert.equal(done.status, 201, JSON.stringify(done.body));
      assert.equal(saved, 1);
      assert.ok(
        test.log.text().includes('password lock not released'),
        'the lock release failed and was logged',
      );
    } finally {
      watcher.disconnect();
      await killed;
      await redis.restart();
    }
  });
});
