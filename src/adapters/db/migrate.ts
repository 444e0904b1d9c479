/** Runs the portal's migrations (in order, each once, recorded in `portal_migrations`) at start-up. */
import type { Kysely, Migration } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';
import * as initial from './migrations/0001-initial.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

export async function migratePortal(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, { label: 'portal', migrations, historyTable: 'portal_migrations' });
}
