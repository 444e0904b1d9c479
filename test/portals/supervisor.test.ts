/** The dev supervisor of `npm start`: output prefixed, a dead child restarted with backoff, stop ends all. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { supervise } from '../../src/dev/supervisor.ts';
import { eventually } from '../support/eventually.ts';

const node = (name: string, script: string) => ({
  name,
  command: process.execPath,
  args: ['-e', script],
  env: { PATH: process.env.PATH },
  readyWhen: /listening/,
});

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('dev supervisor', () => {
  it('prefixes each child’s lines, reports ready, and stop ends every child', async () => {
    const lines: string[] = [];
    const supervisor = supervise(
      [
        node('a', 'console.log("listening " + process.pid); setInterval(() => {}, 1000)'),
        node('b', 'console.log("listening " + process.pid); setInterval(() => {}, 1000)'),
      ],
      { write: (line) => lines.push(line) },
    );
    try {
      assert.equal(await supervisor.ready(30_000), true);
      const pids = lines.map((line) => Number(/listening (\d+)/.exec(line)?.[1]));
      assert.deepEqual(lines.map((line) => line.slice(0, 3)).sort(), ['[a]', '[b]']);
      await supervisor.stop();
      assert.ok(
        pids.every((pid) => !isRunning(pid)),
        'no child left running',
      );
    } finally {
      await supervisor.stop();
    }
  });

  it('restarts a child that dies, pausing longer after each failure', async () => {
    const lines: string[] = [];
    const supervisor = supervise([node('crashy', 'console.log("listening"); process.exit(3)')], {
      write: (line) => lines.push(line),
      initialBackoffMs: 50,
      maxBackoffMs: 200,
    });
    try {
      await eventually(async () => (supervisor.starts().crashy! >= 4 ? true : undefined), 30_000);
      const pauses = lines
        .filter((line) => line.includes('starting again'))
        .map((line) => Number(/in ([\d.]+) s/.exec(line)?.[1]));
      assert.match(lines.find((line) => line.includes('stopped'))!, /^\[crashy\] stopped \(exit code 3\)/);
      assert.deepEqual(pauses.slice(0, 3), [0.05, 0.1, 0.2]);
    } finally {
      await supervisor.stop();
    }
    const startsAtStop = supervisor.starts().crashy;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(supervisor.starts().crashy, startsAtStop, 'no restart after stop');
  });
});
