/**
 * Portal schema v6: registrations that wait for a signature made elsewhere (SIM signature, remote signature).
 * Such a registration is `awaiting_signature` while the partner's request runs, then `completed` (with its
 * account) or `refused` (with the code the citizen is shown). It keeps the partner's request (encrypted: it
 * may hold the phone number or the signing service's tokens), the signature window and the code the phone
 * displays. It counts as the subject's unfinished registration in the one-per-subject index, so a new start
 * of the same subject (any method) supersedes it, and two starts racing still leave one.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table registrations
      add column signature_request_enc text,
      add column signature_expires_at timestamptz,
      add column display_code text,
      add column refusal_code text`.execute(db);
  await sql`drop index registrations_one_unfinished`.execute(db);
  await sql`
    create unique index registrations_one_unfinished on registrations (subject_index)
    where state in ('code_sent', 'code_verified', 'awaiting_signature')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update registrations set state = 'superseded' where state in ('awaiting_signature', 'refused')`.execute(
    db,
  );
  await sql`drop index registrations_one_unfinished`.execute(db);
  await sql`
    create unique index registrations_one_unfinished on registrations (subject_index)
    where state in ('code_sent', 'code_verified')`.execute(db);
  await sql`
    alter table registrations
      drop column signature_request_enc, drop column signature_expires_at,
      drop column display_code, drop column refusal_code`.execute(db);
}
