/**
 * Starts the whole system in-process, as `npm start` would in dev mode, on free ports, with a manual
 * clock and an in-memory log — on the embedded stores (PGlite + memory) or on this machine's PostgreSQL and
 * Redis (a fresh database and key prefix per system). Plus small HTTP helpers for journeys.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSystem, startSystem } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { ManualClock } from '../../src/usecases/ports/clock.ts';
import { createScratchDatabase, dropScratchDatabase } from './databases.ts';
import { testKeyPrefix } from './ephemeral-stores.ts';
import { MemoryLog } from './memory-log.ts';

export interface StoreVariant {
  name: 'embedded' | 'servers';
  skip: string | undefined;
}

export const storeVariants: StoreVariant[] = [
  { name: 'embedded', skip: undefined },
  {
    name: 'servers',
    skip:
      process.env.DATABASE_URL && process.env.REDIS_URL
        ? undefined
        : 'DATABASE_URL and REDIS_URL are not both set: PostgreSQL + Redis variant not run',
  },
];

export interface TestSystem {
  system: RunningSystem;
  url: string;
  clock: ManualClock;
  log: MemoryLog;
  /** The environment the system's configuration was read from (to start a second process like it). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestSystem(
  variant: StoreVariant['name'],
  env: Record<string, string> = {},
): Promise<TestSystem> {
  const clock = new ManualClock(new Date());
  const log = new MemoryLog();
  const scratchUrl =
    variant === 'servers' ? await createScratchDatabase(process.env.DATABASE_URL!) : undefined;
  const fullEnv: Record<string, string> = {
    PORT: '0',
    SMSC_PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'portal-test-')),
    LOG_LEVEL: 'info',
    ...(variant === 'servers' && {
      DATABASE_URL: scratchUrl!,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_KEY_PREFIX: testKeyPrefix(),
    }),
    ...env,
  };
  const config = loadConfig(fullEnv);
  const system = await startSystem(config, {
    clock,
    logger: createLogger({ level: 'info', destination: log }),
    inMemoryDatabase: variant === 'embedded',
  });
  return {
    system,
    url: system.url,
    clock,
    log,
    env: fullEnv,
    async close() {
      await system.close();
      if (scratchUrl) await dropScratchDatabase(process.env.DATABASE_URL!, scratchUrl);
    },
  };
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
}

/** Asserts a problem+json answer with this status and code (and Retry-After on 429/503); returns its body. */
export function expectProblem(response: JsonResponse, status: number, code: string) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(response.body.code, code);
  assert.equal(response.body.status, status);
  if (status === 429 || status === 503)
    assert.ok(Number(response.headers.get('retry-after')) > 0, 'Retry-After');
  return response.body;
}
