/**
 * Vietnam Social Security's record registry, in its own schema `social_insurance` with its own migration
 * history. `person_index` ties a seeded record to its person of the population (null for records added
 * through the dev API) and tells the seed where it stopped.
 */
import type { Kysely, Migration } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';

export const SCHEMA = 'social_insurance';

export interface RecordsTable {
  social_insurance_number: string;
  id_number: string;
  full_name: string;
  birth_date: string;
  phone_number: string | null;
  person_index: number | null;
}

export interface SocialInsuranceTables {
  'social_insurance.records': RecordsTable;
}

const migrations: Record<string, Migration> = {
  '0001-records': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .withSchema(SCHEMA)
        .createTable('records')
        .addColumn('social_insurance_number', 'text', (c) => c.primaryKey())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'date', (c) => c.notNull())
        .addColumn('phone_number', 'text')
        .addColumn('person_index', 'integer', (c) => c.unique())
        .execute();
      await db.schema
        .withSchema(SCHEMA)
        .createIndex('records_id_number')
        .on('records')
        .column('id_number')
        .execute();
    },
  },
};

export async function migrateSocialInsurance(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, { label: 'social insurance', schema: SCHEMA, migrations });
}
