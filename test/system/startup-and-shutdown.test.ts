import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import autocannon from 'autocannon';
import { spawnPortal, stopChild } from '../support/portal-process.ts';

// A configuration error is reported before anything starts, but loading TypeScript on a busy machine is slow.
const CONFIG_CHECK_TIMEOUT_MS = 60_000;
// The portal drains within its own 20 s bound; past this, the test stops waiting and kills it.
const SHUTDOWN_BOUND_MS = 30_000;

describe('start-up and shutdown of the real process', () => {
  it('production mode without configuration exits non-zero, naming what is missing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0' },
      encoding: 'utf8',
      timeout: CONFIG_CHECK_TIMEOUT_MS,
    });
    assert.equal(result.status, 2);
    for (const name of [
      'HMAC_KEY',
      'DATA_KEY',
      'DATABASE_URL',
      'REDIS_URL',
      'SMPP_HOST',
      'SMPP_PASSWORD',
      'MNP_URL',
      'CARRIER_VIETTEL_URL',
    ]) {
      assert.match(result.stderr, new RegExp(name), `the message names ${name}`);
    }
  });

  it('production mode refuses the dev-only simulators switch', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', SIMULATORS: 'on' },
      encoding: 'utf8',
      timeout: CONFIG_CHECK_TIMEOUT_MS,
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /SIMULATORS=on is a dev-only switch/);
  });

  it('a malformed number (LIMIT_STARTS_PER_IP=abc) stops the start, in dev mode too, instead of switching the limit off', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        SMSC_PORT: '0',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'portal-config-')),
        LIMIT_STARTS_PER_IP: 'abc',
      },
      encoding: 'utf8',
      timeout: CONFIG_CHECK_TIMEOUT_MS,
    });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /LIMIT_STARTS_PER_IP must be a whole number, got "abc"/);
    assert.doesNotMatch(result.stdout, /Ready/);
  });

  it('SIGTERM under load answers every accepted request, then exits 0', async () => {
    const portal = await spawnPortal();
    let instance: autocannon.Instance | undefined;
    try {
      const lost: string[] = [];
      let refused = 0;
      const run = new Promise<autocannon.Result>((resolve, reject) => {
        instance = autocannon(
          { url: `${portal.url}/readyz`, connections: 40, duration: 10 },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
      });
      instance!.on('reqError', (error: NodeJS.ErrnoException) => {
        // Refused connections were never accepted; anything else is a request lost mid-flight.
        if (error.code === 'ECONNREFUSED') refused++;
        else lost.push(error.code ?? error.message);
      });
      setTimeout(() => portal.child.kill('SIGTERM'), 3000);
      const [result, exitCode] = await Promise.all([run, withinBound(portal.exited, SHUTDOWN_BOUND_MS)]);
      assert.equal(exitCode, 0, portal.output());
      assert.ok(result.requests.total > 100, `load was applied (${result.requests.total} requests)`);
      assert.deepEqual(
        [...new Set(lost)],
        [],
        `lost in flight: ${lost.length}, refused after close: ${refused}`,
      );
      assert.equal(result.timeouts, 0);
    } finally {
      instance?.stop();
      await stopChild(portal.child, 1000);
    }
  });
});

/** The value of `promise`, or a failure once `ms` have passed (the caller's finally then cleans up). */
async function withinBound<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
