import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import autocannon from 'autocannon';
import { spawnPortal } from '../support/portal-process.ts';

describe('start-up and shutdown of the real process', () => {
  it('production mode without configuration exits non-zero, naming what is missing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
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
      timeout: 30_000,
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /SIMULATORS=on is a dev-only switch/);
  });

  it('SIGTERM under load answers every accepted request, then exits 0', async () => {
    const portal = await spawnPortal();
    const lost: string[] = [];
    let refused = 0;
    let instance: autocannon.Instance | undefined;
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
    const [result, exitCode] = await Promise.all([run, portal.exited]);
    assert.equal(exitCode, 0, portal.output());
    assert.ok(result.requests.total > 100, `load was applied (${result.requests.total} requests)`);
    assert.deepEqual(
      [...new Set(lost)],
      [],
      `lost in flight: ${lost.length}, refused after close: ${refused}`,
    );
    assert.equal(result.timeouts, 0);
  });
});
