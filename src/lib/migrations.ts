/**
 * Runs one owner's migrations (in order, each once) at start-up. Each owner keeps its own history: the portal
 * in `public`, each simulated partner in a schema of its own, so their tables and histories never mix.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';

export async function runMigrations(
  db: Kysely<unknown>,
  owner: {
    /** Named in the error when a migration fails. */
    label: string;
    migrations: Record<string, Migration>;
    /** A schema of its own (created when missing), with its history there as `migrations`. */
    schema?: string;
    /** Without a schema: the history table's name in `public`. */
    historyTable?: string;
  },
): Promise<void> {
  if (owner.schema) await sql`create schema if not exists ${sql.id(owner.schema)}`.execute(db);
  const history = owner.historyTable ?? 'migrations';
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => owner.migrations },
    ...(owner.schema && { migrationTableSchema: owner.schema }),
    migrationTableName: history,
    migrationLockTableName: `${history}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed)
    throw new Error(`${owner.label} migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
