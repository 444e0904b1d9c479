/**
 * `npx tsx bench/profile-top.ts FILE.cpuprofile [N] [PHASE]`: the top self-time functions of a V8 CPU
 * profile (as written by `BENCH_PROFILE=1 npm run bench`), then self time per package / source folder.
 * PHASE (e.g. `start@10000`, `verify@10000`, `journeys`, `signIn`) keeps only the samples taken during that
 * phase, using the bounds the bench wrote to bench/profiles/phases.json (both on CLOCK_MONOTONIC).
 */
import { existsSync, readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = '25', phase] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts FILE.cpuprofile [N] [PHASE]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const phasesFile = 'bench/profiles/phases.json';
const bounds = phase
  ? (
      JSON.parse(existsSync(phasesFile) ? readFileSync(phasesFile, 'utf8') : '{}') as Record<
        string,
        [number, number]
      >
    )[phase]
  : undefined;
if (phase && !bounds) throw new Error(`no phase ${phase} in ${phasesFile}`);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (bounds && (at < bounds[0] || at > bounds[1])) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (packageName) return packageName;
  const local = /\/(src|bench|test)\/(.*)$/.exec(url);
  if (local) return `${local[1]}/${local[2]!.split('/').slice(0, -1).join('/') || '.'}`;
  return url.startsWith('node:') ? 'node:internal' : url || '(native/vm)';
};

const functions = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  places.set(where(url), (places.get(where(url)) ?? 0) + us);
}
const show = (title: string, entries: Map<string, number>, n: number) => {
  process.stdout.write(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)\n`);
  for (const [key, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, n))
    process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`);
};
show('self time by function', functions, Number(count));
show('self time by package / folder', places, 15);
