/**
 * Redis EphemeralStore (ioredis): shared by every portal process. Multi-step operations are Lua scripts,
 * so each runs atomically on the server. Without a connection, commands fail at once (no offline queue):
 * callers answer 503 quickly instead of piling up, and readiness turns red.
 */
import { Redis } from 'ioredis';
import type { EphemeralStore } from '../../usecases/ports/ephemeral-store.ts';

const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const INCREMENT_IN_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

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
  return new RedisEphemeralStore(redis);
}

export class RedisEphemeralStore implements EphemeralStore {
  readonly #redis: ScriptedRedis;

  constructor(redis: ScriptedRedis) {
    this.#redis = redis;
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

  async reserveInWindow(key: string, id: string, nowMs: number, windowMs: number, limit: number) {
    const [allowed, count, retryAfterMs] = await this.#redis.reserveInWindow(key, id, nowMs, windowMs, limit);
    return { allowed: allowed === 1, count, retryAfterMs: allowed === 1 ? 0 : Math.max(1, retryAfterMs) };
  }

  async releaseInWindow(key: string, id: string) {
    await this.#redis.zrem(key, id);
  }

  async ping() {
    await this.#redis.ping();
  }

  async close() {
    this.#redis.disconnect();
  }
}
