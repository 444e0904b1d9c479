/**
 * Starts the real portal (`src/main.ts`) as a child process, as `npm start` does, and waits for its
 * "portal listening" log line to learn the URL. For tests of start-up, shutdown and multi-process behaviour.
 *
 * Children never outlive the test: a start that fails or takes too long kills the child, and every child
 * still running is killed when the test process exits or is told to stop (a leftover portal or Redis once
 * kept a test run hanging for minutes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PortalProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Generous for a machine loaded by browser tests (a start takes ~2 s idle), yet a hung start still ends. */
export const PORTAL_START_TIMEOUT_MS = Number(process.env.PORTAL_START_TIMEOUT_MS ?? 120_000);

const running = new Set<ChildProcess>();

function killAllChildren() {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

let cleanupInstalled = false;
function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.kill(process.pid, signal);
    });
  }
}

/** Tracks a child so it is killed if the test process ends first; returns it. */
export function killOnExit<T extends ChildProcess>(child: T): T {
  installCleanup();
  if (child.exitCode === null && child.signalCode === null) running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Resolves with the exit code once the child has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Asks a child to stop (SIGTERM) and kills it if it has not exited within `graceMs`. Safe to call on a
 * child that never started properly or has already exited: `after` hooks call it whatever `before` reached.
 */
export async function stopChild(child: ChildProcess | undefined, graceMs = 20_000): Promise<number | null> {
  if (!child) return null;
  const exited = exitOf(child);
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (outcome !== 'late') return outcome;
  child.kill('SIGKILL');
  return exited;
}

export function spawnPortal(
  env: Record<string, string | undefined> = {},
  startTimeoutMs = PORTAL_START_TIMEOUT_MS,
): Promise<PortalProcess> {
  const child = killOnExit(
    spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        SMSC_PORT: '0',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'portal-')),
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const exited = exitOf(child);
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(Object.assign(new Error(`${message}:\n${output}`), { pid: child.pid }));
    };
    const timer = setTimeout(
      () => fail(`portal did not start in ${startTimeoutMs / 1000} s`),
      startTimeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:[^"]+)"[^\n]*portal listening/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output, exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => fail(`portal could not be spawned (${error.message})`));
    void exited.then((code) => fail(`portal exited with ${code} before listening`));
  });
}
