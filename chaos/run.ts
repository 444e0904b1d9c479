/**
 * `npm run chaos`: the production configuration on 127.0.0.1 (two portals behind a round-robin balancer,
 * the suite's own PostgreSQL and Redis, simulators in their own process) under steady load, with faults
 * injected one after another, then bursts against every limit and a fuzz run. See RELIABILITY.md.
 *
 *   npm run chaos -- --quick          the CI slice (short windows, every fault but the outages whose circuit
 *                                     breaker holds 30 s; about 5½ min on 2 busy cores)
 *   npm run chaos                     the full run (every fault, longer windows, 100 k fuzzed requests, ≤ ~18 min)
 *   npm run chaos -- --only NAME      one fault (portal-kill, postgres-restart, …, bursts, fuzz)
 *   npm run chaos -- --soak MINUTES   steady load at half the measured capacity; RSS and lag over time
 *
 * Exit code: 0 all checks pass, 1 an invariant broke, 2 only expectations failed (unclean 5xx, no
 * recovery, fuzz findings), 3 the suite itself could not run.
 */
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { cleanUpAll, onCleanup } from './cleanup.ts';
import { POPULATION_SIZE, portalVitals, startCluster } from './cluster.ts';
import { Citizens } from './load.ts';
import {
  FAULTS,
  type PhaseResult,
  type PhaseTools,
  runBursts,
  runFault,
  runFuzzPhase,
  summarise,
  type Windows,
} from './phases.ts';
import { Recorder } from './recorder.ts';
import { RegistryPeople } from './registry-people.ts';
import { formatPhase } from './report.ts';

const QUICK: Windows = {
  baselineMs: 4000,
  faultMs: 6000,
  recoveryMs: 8000,
  citizens: 4,
  fuzzRequests: 3000,
  fuzzBudgetMs: 45_000,
};
const FULL: Windows = {
  baselineMs: 15_000,
  faultMs: 25_000,
  recoveryMs: 25_000,
  citizens: 10,
  fuzzRequests: 100_000,
  fuzzBudgetMs: 240_000,
};
const PHASE_NAMES = [...FAULTS.map((f) => f.name), 'bursts', 'fuzz'];

function parseArgs(argv: string[]) {
  const flag = (name: string) => argv.indexOf(name);
  const only = flag('--only') >= 0 ? argv[flag('--only') + 1] : undefined;
  const soak = flag('--soak') >= 0 ? Number(argv[flag('--soak') + 1]) : undefined;
  if (only && !PHASE_NAMES.includes(only)) throw new Error(`--only takes one of ${PHASE_NAMES.join(', ')}`);
  if (soak !== undefined && !(soak > 0 && soak <= 24 * 60)) throw new Error('--soak takes minutes (1…1440)');
  return { quick: argv.includes('--quick'), only, soak };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const windows = args.quick ? QUICK : FULL;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outputDir = join('chaos-output', stamp);
  mkdirSync(outputDir, { recursive: true });
  process.stdout.write(
    `chaos: starting PostgreSQL, Redis, simulators, two portals and the balancer (logs in ${outputDir})…\n`,
  );
  const startedAt = Date.now();
  const cluster = await startCluster(outputDir);
  const redis = new Redis(cluster.redis.url, {
    keyPrefix: cluster.redisPrefix,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: false,
  });
  redis.on('error', () => {});
  onCleanup({ label: 'redis client', sync: () => redis.disconnect() });
  // Without an offline queue a command sent before the connection is up fails: the first journeys' captcha
  // look-ups would count as failed journeys.
  if (redis.status !== 'ready') await once(redis, 'ready');
  const recorder = new Recorder();
  const citizens = new Citizens({
    lbUrl: cluster.lbUrl,
    simUrl: cluster.simUrl,
    redis,
    recorder,
    people: new RegistryPeople(POPULATION_SIZE),
  });
  const tools: PhaseTools = { cluster, recorder, citizens, windows };
  process.stdout.write(`ready in ${Date.now() - startedAt} ms\n`);

  const results: PhaseResult[] = [];
  let soak: SoakResult | undefined;
  if (args.soak !== undefined) {
    soak = await runSoak(tools, args.soak);
  } else {
    for (const name of PHASE_NAMES) {
      const fault = FAULTS.find((f) => f.name === name);
      if (args.only ? args.only !== name : args.quick && fault?.notInQuick) continue;
      process.stdout.write(`phase ${name}…\n`);
      const result = fault
        ? await runFault(fault, tools)
        : name === 'bursts'
          ? await runBursts(tools)
          : await runFuzzPhase(tools, !args.quick);
      if (result.name !== 'fuzz')
        result.checks.push({
          name: 'no "unhandled error" in the logs',
          invariant: false,
          ok: result.unhandledErrors.length === 0,
          detail: `${result.unhandledErrors.length} lines`,
        });
      results.push(result);
      process.stdout.write(`${formatPhase(result)}\n`);
    }
  }

  const failed = results.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => ({ phase: r.name, ...c })));
  if (soak && !soak.ok)
    failed.push({ phase: 'soak', name: 'growth ≤ 10 %', invariant: false, ok: false, detail: soak.verdict });
  const report = {
    mode: args.soak !== undefined ? 'soak' : args.quick ? 'quick' : 'full',
    only: args.only,
    startedAt: new Date(startedAt).toISOString(),
    seconds: Math.round((Date.now() - startedAt) / 1000),
    windows,
    phases: results,
    soak,
    failed,
  };
  writeFileSync(join(outputDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write('\n=== chaos summary ===\n');
  for (const result of results) process.stdout.write(`${formatPhase(result)}\n`);
  if (soak) process.stdout.write(`${soak.table}\n${soak.verdict}\n`);
  for (const f of failed)
    process.stdout.write(
      `FAILED ${f.invariant ? 'invariant' : 'expectation'} [${f.phase}] ${f.name}: ${f.detail}\n`,
    );
  process.stdout.write(`report: ${join(outputDir, 'report.json')} (${report.seconds} s)\n`);
  if (failed.some((f) => f.invariant)) return 1;
  return failed.length > 0 ? 2 : 0;
}

interface SoakResult {
  capacityJourneysPerSec: number;
  rateJourneysPerSec: number;
  samples: Array<{ atSec: number; rssMb: number; lagMs: number; journeysOkPerSec: number }>;
  rssGrowthPct: number;
  lagGrowthPct: number;
  ok: boolean;
  verdict: string;
  table: string;
}

/** Capacity from a short ramp, then steady load at half of it; RSS and lag compared first vs last quarter. */
async function runSoak(tools: PhaseTools, minutes: number): Promise<SoakResult> {
  const { cluster, recorder, citizens } = tools;
  let capacity = 0;
  for (const width of [2, 4, 8, 16]) {
    recorder.enter('ramp');
    await citizens.run(width, 15_000);
    const rate = summarise(recorder.current).journeysOkPerSec;
    process.stdout.write(`ramp: ${width} citizens → ${rate} journeys/s\n`);
    if (rate <= capacity * 1.05) break;
    capacity = rate;
  }
  const rate = Math.max(0.2, capacity / 2);
  process.stdout.write(`soak: ${minutes} min at ${rate.toFixed(1)} journeys/s (half of ${capacity})\n`);
  recorder.enter('soak');
  const samples: SoakResult['samples'] = [];
  const started = Date.now();
  const load = citizens.run(16, minutes * 60_000, rate);
  let lastOk = 0;
  while (Date.now() - started < minutes * 60_000) {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(30_000, minutes * 60_000 - (Date.now() - started))),
    );
    const vitals = (await Promise.all(cluster.portals.map((p) => portalVitals(p.port)))).filter(
      (v) => v !== undefined,
    );
    const ok = Object.values(recorder.current.journeysOk).reduce((a, b) => a + b, 0);
    samples.push({
      atSec: Math.round((Date.now() - started) / 1000),
      rssMb: vitals.reduce((n, v) => n + v.rssMb, 0),
      lagMs: Math.max(0, ...vitals.map((v) => v.lagMs)),
      journeysOkPerSec: Math.round(((ok - lastOk) / 30) * 10) / 10,
    });
    lastOk = ok;
    process.stdout.write(`soak ${JSON.stringify(samples[samples.length - 1])}\n`);
  }
  citizens.stop();
  await load;
  // The first sample still carries the ramp's load and the warm-up; counting it would flatter the growth.
  const steady = samples.length >= 5 ? samples.slice(1) : samples;
  const quarter = Math.max(1, Math.floor(steady.length / 4));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const growth = (key: 'rssMb' | 'lagMs') => {
    const first = mean(steady.slice(0, quarter).map((s) => s[key]));
    const last = mean(steady.slice(-quarter).map((s) => s[key]));
    return first > 0 ? Math.round(((last - first) / first) * 1000) / 10 : 0;
  };
  const rssGrowthPct = growth('rssMb');
  const lagGrowthPct = growth('lagMs');
  const ok = samples.length >= 2 && rssGrowthPct <= 10 && lagGrowthPct <= 10;
  const table = [
    '   t s   RSS MB (both)   lag p99 ms   journeys/s',
    ...samples.map(
      (s) =>
        `${String(s.atSec).padStart(6)} ${String(s.rssMb).padStart(16)} ${String(s.lagMs).padStart(12)} ${String(s.journeysOkPerSec).padStart(12)}`,
    ),
  ].join('\n');
  return {
    capacityJourneysPerSec: capacity,
    rateJourneysPerSec: rate,
    samples,
    rssGrowthPct,
    lagGrowthPct,
    ok,
    verdict: `soak: RSS growth ${rssGrowthPct} %, lag growth ${lagGrowthPct} % (first vs last quarter after the first sample; limit 10 %): ${ok ? 'pass' : 'FAIL'}`,
    table,
  };
}

let code = 3;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`chaos: the suite could not run: ${(error as Error).stack ?? error}\n`);
} finally {
  await cleanUpAll();
}
process.exit(code);
