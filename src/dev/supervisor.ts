/**
 * Dev mode's supervisor of child processes (the portals `npm start` runs beside the hub): starts each, prefixes
 * its output with its name, restarts one that dies with a growing pause (so a portal that cannot start does
 * not spin), and stops them all on request: SIGTERM, then SIGKILL for one still running after a grace period.
 *
 * Children are told when the supervisor goes away without stopping them (killed outright): each has an IPC
 * channel to it, which closes with it, and the portal process exits on that.
 *
 * Here rather than in `scripts/`: `src/main.ts` imports it, and it is TypeScript checked like the rest; it is
 * generic (it knows commands, not portals), so `src/dev/` may import only `src/lib/` and Node.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface SupervisedProcess {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  /** A line of its output that says it is ready (`ready` resolves once each child printed one). */
  readyWhen: RegExp;
}

export interface SupervisorOptions {
  /** Where the children's output goes, a line at a time, already prefixed with their name. */
  write: (line: string) => void;
  /** First pause before a restart; it doubles after each failure up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before dying starts again from the first pause. */
  stableAfterMs?: number;
  stopGraceMs?: number;
  now?: () => number;
}

export interface Supervisor {
  /** Resolves when every child has printed its ready line once (or `timeoutMs` passed: false). */
  ready(timeoutMs: number): Promise<boolean>;
  /** How many times each child was (re)started. */
  starts(): Record<string, number>;
  stop(): Promise<void>;
}

export function supervise(processes: SupervisedProcess[], options: SupervisorOptions): Supervisor {
  const initialBackoff = options.initialBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const stableAfter = options.stableAfterMs ?? 30_000;
  const now = options.now ?? Date.now;
  let stopping = false;
  const children = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();
  const startCounts: Record<string, number> = {};
  const readyOnce = processes.map((definition) => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    return { definition, promise, resolve };
  });

  function run(index: number, backoff: number) {
    const { definition, resolve } = readyOnce[index]!;
    startCounts[definition.name] = (startCounts[definition.name] ?? 0) + 1;
    const startedAt = now();
    const child = spawn(definition.command, definition.args, {
      env: definition.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.set(definition.name, child);
    const onLine = (line: string) => {
      if (definition.readyWhen.test(line)) resolve();
      options.write(`[${definition.name}] ${line}`);
    };
    forwardLines(child.stdout!, onLine);
    forwardLines(child.stderr!, onLine);
    child.once('error', (error) => options.write(`[${definition.name}] could not start: ${error.message}`));
    child.once('exit', (code, signal) => {
      children.delete(definition.name);
      if (stopping) return;
      const next = now() - startedAt >= stableAfter ? initialBackoff : backoff;
      options.write(
        `[${definition.name}] stopped (${signal ?? `exit code ${code}`}); starting again in ${next / 1000} s`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) run(index, Math.min(next * 2, maxBackoff));
      }, next);
      timers.add(timer);
    });
  }

  processes.forEach((_, index) => {
    run(index, initialBackoff);
  });

  return {
    async ready(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const all = Promise.all(readyOnce.map((r) => r.promise)).then(() => true as const);
      const result = await Promise.race([all, late]);
      clearTimeout(timer);
      return result;
    },
    starts: () => ({ ...startCounts }),
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(
        [...children.values()].map((child) => stopChild(child, options.stopGraceMs ?? 10_000)),
      );
    },
  };
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function forwardLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line) onLine(line);
  });
  stream.on('end', () => {
    if (buffered) onLine(buffered);
    buffered = '';
  });
}
