/**
 * The population registry's tables, in their own schema `population` with their own migration history,
 * apart from the portal's and the other simulators'. Both ID numbers are unique keys: a look-up by either
 * is one index probe.
 */
import type { Kysely, Migration } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';

export const SCHEMA = 'population';

export interface PeopleTable {
  person_index: number;
  id_number: string;
  old_id_number: string | null;
  full_name: string;
  birth_date: string;
  sex: string;
  province_code: string;
}

export interface PopulationTables {
  'population.people': PeopleTable;
}

const migrations: Record<string, Migration> = {
  '0001-people': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .withSchema(SCHEMA)
        .createTable('people')
        .addColumn('person_index', 'integer', (c) => c.primaryKey())
        .addColumn('id_number', 'text', (c) => c.notNull().unique())
        .addColumn('old_id_number', 'text', (c) => c.unique())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'date', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('province_code', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export async function migratePopulation(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, { label: 'population', schema: SCHEMA, migrations });
}
