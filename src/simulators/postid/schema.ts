/**
 * PostID's durable data, in its own schema `postid` with its own migration history: citizens' accounts (what they
 * declared and where the counter check left them), the post-office clerks, the clerks' decisions (the audit trail),
 * and the provider's own secrets (signing key, cookie keys) made at the first start and kept, so tokens and sessions
 * survive a restart. Short-lived artefacts (provider sessions, codes, tokens, activation codes) live in memory.
 */
import { type Generated, type Kysely, type Migration, sql } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';

export const SCHEMA = 'postid';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface AccountsTable {
  /** PostID's stable subject (opaque UUID): what the ID token's `sub` carries. */
  subject: string;
  username: string;
  password_hash: string;
  full_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  /** As declared: 12-digit CCCD or 9-digit CMND. */
  id_number: string;
  /** E.164 */
  phone_number: string;
  address: string;
  activated: boolean;
  status: ApprovalStatus;
  post_office: string | null;
  decided_at: Date | null;
  rejection_reason: string | null;
  created_at: Date;
}

export interface ClerksTable {
  username: string;
  password_hash: string;
  full_name: string;
  post_office: string;
  role: 'clerk';
}

export interface DecisionsTable {
  id: Generated<number>;
  clerk_username: string;
  post_office: string;
  account_subject: string;
  decision: 'approved' | 'rejected';
  document_type: string;
  document_number_seen: string;
  document_matches: boolean;
  reason: string | null;
  decided_at: Date;
}

export interface SecretsTable {
  name: string;
  value: string;
}

export interface PostIdTables {
  'postid.accounts': AccountsTable;
  'postid.clerks': ClerksTable;
  'postid.decisions': DecisionsTable;
  'postid.secrets': SecretsTable;
}

const migrations: Record<string, Migration> = {
  '0001-postid': {
    async up(db: Kysely<unknown>) {
      const s = db.schema.withSchema(SCHEMA);
      await s
        .createTable('accounts')
        .addColumn('subject', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'date', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('phone_number', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('activated', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('post_office', 'text')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('rejection_reason', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await s.createIndex('accounts_id_number').on('accounts').column('id_number').execute();
      await s
        .createTable('clerks')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('post_office', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('decisions')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('clerk_username', 'text', (c) => c.notNull().references('postid.clerks.username'))
        .addColumn('post_office', 'text', (c) => c.notNull())
        .addColumn('account_subject', 'text', (c) => c.notNull().references('postid.accounts.subject'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('document_type', 'text', (c) => c.notNull())
        .addColumn('document_number_seen', 'text', (c) => c.notNull())
        .addColumn('document_matches', 'boolean', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await s
        .createTable('secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export async function migratePostId(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, { label: 'PostID', schema: SCHEMA, migrations });
}
