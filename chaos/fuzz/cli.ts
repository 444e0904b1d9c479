/**
 * Manual fuzz runs against a running portal:
 *   npx tsx chaos/fuzz/cli.ts --base-url http://127.0.0.1:3000 --requests 10000 [--seed N]
 *     [--concurrency 16] [--time-budget-seconds 600]
 * Prints the report as JSON; exits 1 when any request got a 5xx or took longer than 2 s.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './index.ts';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string', default: 'http://127.0.0.1:3000' },
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    'time-budget-seconds': { type: 'string', default: '600' },
  },
});

const report = await runFuzz({
  baseUrl: values['base-url'],
  requests: Number(values.requests),
  timeBudgetMs: Number(values['time-budget-seconds']) * 1000,
  concurrency: Number(values.concurrency),
  ...(values.seed !== undefined && { seed: Number(values.seed) }),
});
console.log(JSON.stringify(report, null, 2));
process.exitCode = report.fiveXx.length > 0 || report.slow.length > 0 ? 1 : 0;
