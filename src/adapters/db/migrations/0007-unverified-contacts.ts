/**
 * Portal schema v7: an account may keep a contact nobody verified, such as the email a citizen declares when
 * registering with a certificate (nothing is sent to it, so nothing proves it). Such a contact has no
 * `verified_at`; every existing contact was verified and keeps its date.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table account_contacts alter column verified_at drop not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // v6 keeps verified contacts only: the declared ones go.
  await sql`delete from account_contacts where verified_at is null`.execute(db);
  await sql`alter table account_contacts alter column verified_at set not null`.execute(db);
}
