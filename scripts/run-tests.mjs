// Runs every *.test.ts under src/ and test/ with Node's own test runner (TypeScript through tsx).
// Node 20's `--test` takes no globs, so the files are collected here. Arguments filter by path.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap((dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))))
  .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
  .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
  .sort();

if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const notes = [
  !process.env.DATABASE_URL && 'DATABASE_URL is not set: the PostgreSQL variants are skipped (PGlite runs).',
  !process.env.REDIS_URL && 'REDIS_URL is not set: the Redis variants are skipped (in-memory store runs).',
  !existsSync('/usr/bin/chromium') && '/usr/bin/chromium is missing: the browser suites are skipped.',
].filter(Boolean);
for (const note of notes) console.log(`note: ${note}`);

const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
);
process.exit(result.status ?? 1);
