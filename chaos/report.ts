/** The table printed for each phase: windows side by side, then the answers, then every check. */
import type { PhaseResult } from './phases.ts';

const WINDOW_ORDER = ['baseline', 'fault', 'recovery', 'burst', 'fuzz'];

export function formatPhase(result: PhaseResult): string {
  const names = WINDOW_ORDER.filter((name) => result.windows[name]);
  const lines = [`── ${result.name}: ${result.description}`];
  const row = (label: string, value: (name: string) => string) =>
    lines.push(`   ${label.padEnd(22)}${names.map((n) => value(n).padStart(12)).join('')}`);
  row('window', (n) => n);
  row('seconds', (n) => String(result.windows[n]!.seconds));
  row('requests', (n) => String(result.windows[n]!.requests));
  row('journeys ok/s', (n) => String(result.windows[n]!.journeysOkPerSec));
  row('p50 / p99 ms', (n) => `${result.windows[n]!.p50Ms}/${result.windows[n]!.p99Ms}`);
  row('unclean 5xx/resets', (n) => String(result.windows[n]!.unclean));
  row('killed in flight', (n) => String(result.windows[n]!.killedInFlight));
  lines.push(
    `   time to ready ${result.timeToReadyMs ?? '-'} ms, to first success ${result.timeToFirstSuccessMs ?? '-'} ms; max event-loop lag p99 ${result.maxLagMs} ms; max RSS ${result.maxRssMb} MB`,
  );
  const answers = new Map<string, Record<string, number>>();
  for (const name of names)
    for (const [key, count] of Object.entries(result.windows[name]!.byAnswer)) {
      const row = answers.get(key) ?? {};
      row[name] = count;
      answers.set(key, row);
    }
  lines.push('   answers (step status code) by window:');
  for (const [key, counts] of [...answers].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`     ${key.padEnd(44)}${names.map((n) => String(counts[n] ?? '').padStart(10)).join('')}`);
  const failedJourneys = names
    .map((n) => result.windows[n]!.journeysFailed)
    .flatMap((f) => Object.entries(f));
  if (failedJourneys.length > 0)
    lines.push(`   journeys failed at: ${failedJourneys.map(([k, v]) => `${k}×${v}`).join(', ')}`);
  for (const name of names)
    for (const sample of result.windows[name]!.uncleanSamples) lines.push(`   unclean (${name}): ${sample}`);
  for (const line of result.unhandledErrors.slice(0, 3)) lines.push(`   log: ${line.slice(0, 200)}`);
  for (const check of result.checks)
    lines.push(
      `   ${check.ok ? 'pass' : 'FAIL'} ${check.invariant ? '[invariant] ' : ''}${check.name}: ${check.detail}`,
    );
  return lines.join('\n');
}
