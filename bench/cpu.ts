/**
 * Where the CPU goes during a phase: cores used by the portal, the simulators, this bench process,
 * PostgreSQL (all its backends), Redis and everything else on the machine (the machine is shared), read
 * from /proc before and after. Linux only; elsewhere every figure is null.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function byCommand(names: string[]): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (names.includes(command)) total += cpuSeconds(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

function machineBusySeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const values = cpu!.split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return (values.reduce((a, b) => a + b, 0) - idle) / TICKS_PER_SECOND;
}

/** CPU milliseconds the system under test (portal, simulators, PostgreSQL, Redis) spent per request. */
export function cpuMsPerRequest(cores: CoreUse | null, seconds: number, requests: number): number | null {
  if (!cores || requests <= 0) return null;
  const used = cores.portal + cores.simulators + cores.postgres + cores.redis;
  return Number(((used * seconds * 1000) / requests).toFixed(2));
}

export type CoreUse = Record<'portal' | 'simulators' | 'bench' | 'postgres' | 'redis' | 'other', number>;

/** Each measured phase's bounds in CLOCK_MONOTONIC microseconds, the clock of V8's CPU profiles. */
export const phaseBounds: Record<string, [number, number]> = {};
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export function cpuMeter(pids: { portal: number; simulators: number }) {
  const snapshot = () => {
    const bench = process.cpuUsage();
    return {
      at: performance.now(),
      portal: cpuSeconds(pids.portal),
      simulators: cpuSeconds(pids.simulators),
      bench: (bench.user + bench.system) / 1e6,
      postgres: byCommand(['postgres']),
      redis: byCommand(['redis-server']),
      machine: machineBusySeconds(),
    };
  };
  return {
    /** Runs `work` and returns its result with the cores each party used meanwhile. */
    async measure<T>(
      phase: string,
      work: () => Promise<T>,
    ): Promise<{ result: T; cores: CoreUse | null; seconds: number }> {
      const startedUs = monotonicUs();
      if (process.platform !== 'linux')
        return { result: await work(), cores: null, seconds: (monotonicUs() - startedUs) / 1e6 };
      const before = snapshot();
      const result = await work();
      const after = snapshot();
      phaseBounds[phase] = [startedUs, monotonicUs()];
      const seconds = (after.at - before.at) / 1000;
      // A process that exits during the phase takes its CPU time with it: never below zero.
      const use = (key: Exclude<keyof typeof before, 'at' | 'machine'>) =>
        Number(Math.max(0, (after[key] - before[key]) / seconds).toFixed(2));
      const cores = {
        portal: use('portal'),
        simulators: use('simulators'),
        bench: use('bench'),
        postgres: use('postgres'),
        redis: use('redis'),
        other: 0,
      };
      const known = cores.portal + cores.simulators + cores.bench + cores.postgres + cores.redis;
      cores.other = Number(Math.max(0, (after.machine - before.machine) / seconds - known).toFixed(2));
      return { result, cores, seconds };
    },
  };
}
