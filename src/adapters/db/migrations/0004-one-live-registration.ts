/**
 * Portal schema v4: at most one unfinished registration per citizen, held by the database. A start supersedes
 * the citizen's unfinished registration in the statement that inserts the new one, but two starts racing
 * would each miss the other's new row; this index makes the second wait for the first and fail, and the
 * repository then runs it again (it sees and supersedes the first).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Races before this index may have left two unfinished registrations of one citizen: the older ones go.
  await sql`
    update registrations older set state = 'superseded'
    where older.state in ('code_sent', 'code_verified')
      and exists (
        select 1 from registrations newer
        where newer.subject_index = older.subject_index
          and newer.state in ('code_sent', 'code_verified')
          and (newer.created_at, newer.id) > (older.created_at, older.id))`.execute(db);
  await sql`
    create unique index registrations_one_unfinished on registrations (subject_index)
    where state in ('code_sent', 'code_verified')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index registrations_one_unfinished`.execute(db);
}
