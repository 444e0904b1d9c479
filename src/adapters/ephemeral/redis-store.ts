/**
 * Redis EphemeralStore (ioredis): shared by every portal process. Multi-step operations are Lua scripts,
 * so each runs atomically on the server. Without a connection, commands fail at once (no offline queue):
 * callers answer 503 quickly instead of piling up, and readiness turns red.
 */
import { Redis } from 'ioredis';
import { classifyFailure } from '../../lib/dependency-unavailable.ts';
import type { EphemeralStore } from '../../usecases/ports/ephemeral-store.ts';

const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const INCREMENT_IN_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

// Counts before the caller checks: a slot is claimed only while fewer than ARGV[1] are taken. The window
// starts at the first claim (a counter given back to 0 keeps it), like INCREMENT_IN_WINDOW.
const INCREMENT_IF_BELOW = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return { 0, count, redis.call('PTTL', KEYS[1]) } end
count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return { 1, count, redis.call('PTTL', KEYS[1]) }`;

// The set lives as long as its longest-lived member needs: PEXPIRE only ever lengthens it.
const ADD_TO_SET = `
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const DECREMENT_IF_POSITIVE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

// Sorted set of event ids scored by time: the sliding-window log.
const RESERVE_IN_WINDOW = `
local now, window, limit = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  return { 0, count, tonumber(oldest[2]) + window - now }
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], window)
return { 1, count + 1, 0 }`;

interface ScriptedRedis extends Redis {
  compareAndDelete(key: string, expected: string): Promise<number>;
  incrementInWindow(key: string, windowMs: number): Promise<[number, number]>;
  incrementIfBelow(key: string, limit: number, windowMs: number): Promise<[number, number, number]>;
  decrementIfPositive(key: string): Promise<number>;
  addToSet(key: string, member: string, ttlMs: number): Promise<number>;
  reserveInWindow(
    key: string,
    id: string,
    now: number,
    window: number,
    limit: number,
  ): Promise<[number, number, number]>;
}

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key: separates deployments and test runs sharing one server. */
  keyPrefix?: string;
  commandTimeoutMs?: number;
}

export async function connectRedisStore(options: RedisStoreOptions): Promise<RedisEphemeralStore> {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? 'portal:',
    lazyConnect: true,
    // Commands issued in the same tick (concurrent requests, parallel reads) go out in one write.
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  }) as ScriptedRedis;
  redis.defineCommand('compareAndDelete', { numberOfKeys: 1, lua: COMPARE_AND_DELETE });
  redis.defineCommand('incrementInWindow', { numberOfKeys: 1, lua: INCREMENT_IN_WINDOW });
  redis.defineCommand('reserveInWindow', { numberOfKeys: 1, lua: RESERVE_IN_WINDOW });
  // Connection errors surface through failed commands and readiness; an unhandled 'error' would crash.
  redis.on('error', () => {});
  await redis.connect();
  return classifyingFailures(new RedisEphemeralStore(redis));
}

/**
 * The store with ioredis' connection failures (closed, not writeable, timed out, retries exhausted) turned
 * into DependencyUnavailableError, which the web layer answers 503; any other error passes unchanged.
 * Every operation is wrapped, including those added later, so no use case needs its own try/catch.
 */
function classifyingFailures(store: RedisEphemeralStore): RedisEphemeralStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // Called on the target itself: its private fields are not reachable through the proxy.
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          throw classifyFailure('redis', error);
        }
      };
    },
  });
}

export class RedisEphemeralStore implements EphemeralStore {
  readonly #redis: ScriptedRedis;

  constructor(redis: ScriptedRedis) {
    this.#redis = redis;
    this.#redis.defineCommand('incrementIfBelow', { numberOfKeys: 1, lua: INCREMENT_IF_BELOW });
    this.#redis.defineCommand('decrementIfPositive', { numberOfKeys: 1, lua: DECREMENT_IF_POSITIVE });
    this.#redis.defineCommand('addToSet', { numberOfKeys: 1, lua: ADD_TO_SET });
  }

  get(key: string) {
    return this.#redis.get(key);
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.#redis.set(key, value, 'PX', ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.#redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async delete(key: string) {
    await this.#redis.del(key);
  }

  take(key: string) {
    return this.#redis.getdel(key);
  }

  async compareAndDelete(key: string, expected: string) {
    return (await this.#redis.compareAndDelete(key, expected)) === 1;
  }

  async increment(key: string, windowMs: number) {
    const [count, pttl] = await this.#redis.incrementInWindow(key, windowMs);
    return { count, resetInMs: pttl > 0 ? pttl : windowMs };
  }

  async incrementIfBelow(key: string, limit: number, windowMs: number) {
    const [allowed, count, pttl] = await this.#redis.incrementIfBelow(key, limit, windowMs);
    return { allowed: allowed === 1, count, resetInMs: pttl > 0 ? pttl : windowMs };
  }

  async decrement(key: string) {
    await this.#redis.decrementIfPositive(key);
  }

  async reserveInWindow(key: string, id: string, nowMs: number, windowMs: number, limit: number) {
    const [allowed, count, retryAfterMs] = await this.#redis.reserveInWindow(key, id, nowMs, windowMs, limit);
    return { allowed: allowed === 1, count, retryAfterMs: allowed === 1 ? 0 : Math.max(1, retryAfterMs) };
  }

  async releaseInWindow(key: string, id: string) {
    await this.#redis.zrem(key, id);
  }

  async addToSet(key: string, member: string, ttlMs: number) {
    await this.#redis.addToSet(key, member, ttlMs);
  }

  membersOf(key: string) {
    return this.#redis.smembers(key);
  }

  async ping() {
    await this.#redis.ping();
  }

  async close() {
    this.#redis.disconnect();
  }
}
