/** Runs the portal's migrations (in order, each once, recorded in `portal_migrations`) at start-up. */
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as initial from './migrations/0001-initial.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

export async function migratePortal(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'portal_migrations',
    migrationLockTableName: 'portal_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`portal migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
