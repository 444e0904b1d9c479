/**
 * The business registry (National Business Registration Portal), in its own schema `business_registry` with
 * its own migration history. `person_index` ties a seeded business to the person of the population who
 * represents it (null for businesses added through the dev API or by the test PKI).
 */
import type { Kysely, Migration } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';

export const SCHEMA = 'business_registry';

export interface BusinessesTable {
  tax_code: string;
  name: string;
  status: string;
  representative_id_number: string | null;
  /** The seed's position: which seeded business this is (null for the others). */
  seed_index: number | null;
}

export interface BusinessRegistryTables {
  'business_registry.businesses': BusinessesTable;
}

const migrations: Record<string, Migration> = {
  '0001-businesses': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .withSchema(SCHEMA)
        .createTable('businesses')
        .addColumn('tax_code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('representative_id_number', 'text')
        .addColumn('seed_index', 'integer', (c) => c.unique())
        .execute();
    },
  },
};

export async function migrateBusinessRegistry(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, { label: 'business registry', schema: SCHEMA, migrations });
}
