/**
 * The carriers' subscriber registries, in their own schema `carrier_network`, apart from the portal's
 * tables, with their own migration history. Look-ups by phone (primary key) and by ID number (index)
 * stay index-backed at tens of millions of rows.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';

export const SCHEMA = 'carrier_network';

export interface SubscribersTable {
  phone_number: string;
  carrier: string;
  status: string;
  full_name: string;
  birth_date: string;
  id_type: string;
  id_number: string;
  id_issue_date: string;
  id_issue_place: string;
  activated_at: Date;
  sim_changed_at: Date | null;
}

export interface CarrierTables {
  'carrier_network.subscribers': SubscribersTable;
}

const migrations: Record<string, Migration> = {
  '0001-subscribers': {
    async up(db: Kysely<unknown>) {
      await sql`create schema if not exists carrier_network`.execute(db);
      await db.schema
        .withSchema(SCHEMA)
        .createTable('subscribers')
        .addColumn('phone_number', 'text', (c) => c.primaryKey())
        .addColumn('carrier', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'date', (c) => c.notNull())
        .addColumn('id_type', 'text', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('id_issue_date', 'date', (c) => c.notNull())
        .addColumn('id_issue_place', 'text', (c) => c.notNull())
        .addColumn('activated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('sim_changed_at', 'timestamptz')
        .execute();
      await db.schema
        .withSchema(SCHEMA)
        .createIndex('subscribers_id_number')
        .on('subscribers')
        .column('id_number')
        .execute();
    },
  },
};

export async function migrateCarrierNetwork(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, { label: 'carrier network', schema: SCHEMA, migrations });
}
