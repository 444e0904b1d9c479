/**
 * `npm start` in dev mode says what it is doing before the slow parts (loading the code, the database, the
 * simulators' seeding) and the addresses once ready; production mode writes no such lines.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { eventually } from '../support/eventually.ts';
import { spawnPortal, stopChild } from '../support/portal-process.ts';

// `  4.3 s  Opening the database …`: seconds since the process started, then the stage.
const PROGRESS_PREFIX = /^ *\d+\.\d s {2}(?=\S)/;

describe('start-up progress on the terminal', () => {
  it('dev mode: the first line comes before the code is loaded, then each stage, then the address', async () => {
    // A newcomer's `npm start`: the embedded defaults, whatever servers this test run was given.
    const portal = await spawnPortal({ DATABASE_URL: undefined, REDIS_URL: undefined });
    try {
      // The banner follows the "Ready" line: wait for its last line.
      await eventually(async () => (portal.output().includes('Ctrl+C stops the portal') ? true : undefined));
      const stages = portal
        .output()
        .split('\n')
        .filter((line) => PROGRESS_PREFIX.test(line))
        .map((line) => line.replace(PROGRESS_PREFIX, ''));
      assert.match(portal.output().split('\n')[0]!, /Starting the portal in dev mode: loading the code…/);
      assert.deepEqual(
        stages.map((stage) => stage.split(/[ :(]/)[0]),
        [
          'Starting',
          'Opening',
          'Migrations…',
          'Carrier',
          'Population',
          'Test',
          'Mobile-signature',
          'SMS',
          'PostID',
          'Web',
          'Ready',
        ],
      );
      assert.equal(stages.at(-1), `Ready: ${portal.url}`);
      assert.match(portal.output(), /Demo subscribers .*\/sim\/phones\):\n {2}0\d{9} /);
    } finally {
      await stopChild(portal.child);
    }
  });

  it('production mode writes no progress lines', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
  });
});
