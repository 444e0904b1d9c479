/**
 * The test PKI's state in its own schema `test_pki` with its own migration history: the authorities (root
 * and issuing CAs, with their keys: a TEST PKI, so the keys sit in the database), every certificate issued,
 * and revocations. Certificates issued at one start (onto the signing agent's token, say) stay valid after a restart.
 */
import type { Kysely, Migration } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';

export const SCHEMA = 'test_pki';

export interface AuthoritiesTable {
  id: string;
  certificate_pem: string;
  private_key_pem: string;
}

export interface CertificatesTable {
  serial_number: string;
  authority: string;
  certificate_pem: string;
  not_after: Date;
  revoked_at: Date | null;
}

export interface TestPkiTables {
  'test_pki.authorities': AuthoritiesTable;
  'test_pki.certificates': CertificatesTable;
}

const migrations: Record<string, Migration> = {
  '0001-authorities-and-certificates': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .withSchema(SCHEMA)
        .createTable('authorities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('certificate_pem', 'text', (c) => c.notNull())
        .addColumn('private_key_pem', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .withSchema(SCHEMA)
        .createTable('certificates')
        .addColumn('serial_number', 'text', (c) => c.primaryKey())
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('certificate_pem', 'text', (c) => c.notNull())
        .addColumn('not_after', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .withSchema(SCHEMA)
        .createIndex('certificates_revoked')
        .on('certificates')
        .columns(['authority', 'revoked_at'])
        .execute();
    },
  },
};

export async function migrateTestPki(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, { label: 'test PKI', schema: SCHEMA, migrations });
}
