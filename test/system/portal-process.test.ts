import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { spawnPortal } from '../support/portal-process.ts';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** A test process that starts a child through killOnExit, prints its pid, then ends as `ending` says. */
function testProcessLeavingAChild(ending: string): Promise<number> {
  const script = `
    import { spawn } from 'node:child_process';
    import { killOnExit } from './test/support/portal-process.ts';
    const child = killOnExit(spawn('sleep', ['300'], { stdio: 'ignore' }));
    process.stdout.write(String(child.pid) + '\\n');
    ${ending}
  `;
  const runner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    runner.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    runner.once('exit', (code) =>
      reject(new Error(`test process exited (${code}) before starting its child`)),
    );
  });
}

describe('test children never outlive their test', () => {
  it('a portal that does not start in time is killed, not left running', async () => {
    const failure = await spawnPortal({}, 200).then(
      () => assert.fail('a 200 ms start cannot succeed'),
      (error: Error & { pid?: number }) => error,
    );
    assert.match(failure.message, /did not start in 0.2 s/);
    assert.ok(failure.pid, 'the error names the child');
    assert.ok(await gone(failure.pid!), `portal ${failure.pid} was killed`);
  });

  for (const [how, ending] of [
    ['exits', 'setTimeout(() => process.exit(1), 100);'],
    ['is terminated', 'setTimeout(() => process.kill(process.pid, "SIGTERM"), 100);'],
  ]) {
    it(`children are killed when the test process ${how}`, async () => {
      const pid = await testProcessLeavingAChild(ending!);
      assert.ok(await gone(pid), `child ${pid} was killed`);
    });
  }
});
