/**
 * Portal schema v5: accounts of any method and organisations. Methods without an SMS code prove no birth date
 * (organisations have none; a federated identity may not give one), so it may be absent; an organisation keeps
 * its legal representative's ID number when the business registry gives one; a source that says the citizen's
 * sex where the ID number cannot (a 9-digit CMND) keeps it. Organisations use the existing `subject_index`
 * (the tax code's blind index in its own namespace), so one unique index still means one account per ID
 * number and one per tax code; credentials already had their index by account (0002).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts alter column birth_date_enc drop not null`.execute(db);
  await sql`alter table accounts add column sex_enc text, add column representative_id_enc text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts drop column sex_enc, drop column representative_id_enc`.execute(db);
  // Accounts without a birth date cannot go back under the old constraint: only restore it when none exist.
  await sql`alter table accounts alter column birth_date_enc set not null`.execute(db);
}
