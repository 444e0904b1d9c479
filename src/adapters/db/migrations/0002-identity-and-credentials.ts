/**
 * Portal schema v2: an account is a subject (citizen now, organisation later) with a verified identity,
 * where each identity claim came from, its contacts, and one or more credentials. Registrations and audit
 * rows speak of any method and any partner, not only of mobile subscribers and carriers.
 *
 * Existing rows are carried over: every account of v1 was made by the mobile method, so its password hash
 * becomes a password credential, its phone a verified phone contact, and its four identity claims level-2
 * `CARRIER` evidence (what the carrier's owner check matched).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts add column kind text not null default 'citizen'`.execute(db);
  await sql`alter table accounts rename column id_number_index to subject_index`.execute(db);
  await sql`alter index accounts_id_number_unique rename to accounts_subject_unique`.execute(db);

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    // Password: the account id (one password per account). Certificate: its fingerprint. Federated link:
    // `provider|subject`. Unique per type, so one certificate or external identity opens one account.
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credentials_type_identifier_unique')
    .on('credentials')
    .columns(['type', 'identifier'])
    .unique()
    .execute();
  await db.schema.createIndex('credentials_account').on('credentials').column('account_id').execute();

  await db.schema
    .createTable('account_contacts')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_index', 'text', (c) => c.notNull())
    .addColumn('value_enc', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_contacts_pk', ['account_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('account_contacts_value')
    .on('account_contacts')
    .columns(['kind', 'value_index'])
    .execute();

  await db.schema
    .createTable('account_identity_claims')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('claim', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('level', 'smallint', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_identity_claims_pk', ['account_id', 'claim', 'source'])
    .execute();

  await sql`
    insert into credentials (id, account_id, type, identifier, secret, created_at, updated_at)
    select gen_random_uuid(), id, 'password', id::text, password_hash, created_at, password_changed_at
    from accounts`.execute(db);
  await sql`
    insert into account_contacts (account_id, kind, value_index, value_enc, verified_at)
    select id, 'phone', phone_index, phone_enc, created_at from accounts`.execute(db);
  await sql`
    insert into account_identity_claims (account_id, claim, source, level, verified_at)
    select a.id, c.claim, 'CARRIER', 2, a.created_at
    from accounts a cross join (values ('idNumber'), ('fullName'), ('birthDate'), ('phoneNumber')) as c(claim)`.execute(
    db,
  );
  await sql`drop index accounts_phone_index`.execute(db);
  await sql`alter table accounts drop column phone_index, drop column phone_enc,
    drop column password_hash, drop column password_changed_at`.execute(db);

  await sql`alter table registrations rename column id_number_index to subject_index`.execute(db);
  await sql`alter table registrations rename column personal_enc to identity_enc`.execute(db);
  await sql`alter table registrations rename column carrier to partner`.execute(db);
  await sql`alter table registrations alter column phone_index drop not null`.execute(db);

  await sql`alter table audit_events rename column carrier to partner`.execute(db);
  await sql`alter table audit_events add column method text`.execute(db);
}

export async function down(): Promise<void> {
  // Not reversible without losing credentials of accounts made by other methods: restore from a backup.
  throw new Error('0002-identity-and-credentials cannot be undone');
}
