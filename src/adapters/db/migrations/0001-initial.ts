/**
 * Portal schema v1: accounts, registrations in progress, and the append-only audit trail.
 * Personal data is stored encrypted (`*_enc`, AES-256-GCM with key id) and looked up by HMAC blind indexes.
 * Released migrations are never edited: add a new file instead.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('full_name_enc', 'text', (c) => c.notNull())
    .addColumn('birth_date_enc', 'text', (c) => c.notNull())
    .addColumn('phone_index', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('registration_method', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // One account per citizen: the database, not the code, is what makes this hold under races.
  await db.schema
    .createIndex('accounts_id_number_unique')
    .on('accounts')
    .column('id_number_index')
    .unique()
    .execute();
  await db.schema.createIndex('accounts_phone_index').on('accounts').column('phone_index').execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('phone_index', 'text', (c) => c.notNull())
    .addColumn('personal_enc', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text')
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('codes_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code_expires_at', 'timestamptz')
    .addColumn('resend_available_at', 'timestamptz')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('account_id', 'uuid', (c) => c.references('accounts.id'))
    .execute();
  await db.schema
    .createIndex('registrations_id_number')
    .on('registrations')
    .column('id_number_index')
    .execute();
  await db.schema.createIndex('registrations_expires_at').on('registrations').column('expires_at').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text')
    .addColumn('account_id', 'uuid')
    .addColumn('subject', 'text')
    .addColumn('masked_phone', 'text')
    .addColumn('carrier', 'text')
    .addColumn('reason', 'text')
    .addColumn('request_id', 'text')
    .addColumn('client_ip', 'text')
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at', 'event']).execute();
  await db.schema
    .createIndex('audit_events_registration')
    .on('audit_events')
    .column('registration_id')
    .execute();
  // Append-only: the trail cannot be rewritten by the application's own connection.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_no_change before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
  await sql`drop function if exists audit_events_append_only`.execute(db);
  await db.schema.dropTable('registrations').execute();
  await db.schema.dropTable('accounts').execute();
}
