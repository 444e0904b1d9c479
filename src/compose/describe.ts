/** Start-up progress in words for a developer: where the data lives, never with credentials (terminal, logs). */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';

export function describeDatabase(databaseUrl: string | undefined, pgliteDir: string | undefined): string {
  if (databaseUrl) return `PostgreSQL at ${describeServer(databaseUrl)}`;
  if (!pgliteDir) return 'PGlite in memory';
  const shown = relative(process.cwd(), pgliteDir);
  const where = shown && !shown.startsWith('..') ? `./${shown}` : pgliteDir;
  return existsSync(pgliteDir)
    ? `PGlite in ${where}`
    : `PGlite in ${where}, created on this first start: ~10 s`;
}

export function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}
