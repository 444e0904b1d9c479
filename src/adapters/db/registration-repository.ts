/** Registrations and account creation in SQL. Compare-and-set updates and the unique index keep every step exactly-once. */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  NewAccount,
  RegistrationRecord,
  RegistrationRepository,
  RegistrationState,
} from '../../usecases/ports/repositories.ts';
import type { PortalTables, RegistrationsTable } from './portal-tables.ts';

const UNIQUE_VIOLATION = '23505';

function toRecord(row: Selectable<RegistrationsTable>): RegistrationRecord {
  return {
    id: row.id,
    method: row.method,
    state: row.state as RegistrationState,
    subjectIndex: row.subject_index,
    phoneIndex: row.phone_index,
    identityEnc: row.identity_enc,
    partner: row.partner,
    consentVersion: row.consent_version,
    consentedAt: row.consented_at,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    codesSent: row.codes_sent,
    codeExpiresAt: row.code_expires_at,
    resendAvailableAt: row.resend_available_at,
    verifiedAt: row.verified_at,
    completedAt: row.completed_at,
    accountId: row.account_id,
  };
}

const COLUMN_OF = {
  state: 'state',
  codesSent: 'codes_sent',
  codeExpiresAt: 'code_expires_at',
  resendAvailableAt: 'resend_available_at',
  verifiedAt: 'verified_at',
} as const;

export function createRegistrationRepository(db: Kysely<PortalTables>): RegistrationRepository {
  return {
    async createSupersedingUnfinished(record, now) {
      // The update and the insert are one statement, so they happen together or not at all. Two starts for
      // one citizen committing in the same instant would each miss the other's new row (a statement sees
      // rows committed before it began) and leave two live registrations; a lock per citizen, held to the
      // end of the transaction, makes the second start's statement begin after the first one's commit.
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtextextended(${record.subjectIndex}, 0))`.execute(trx);
        await trx
          .with('superseded', (w) =>
            w
              .updateTable('registrations')
              .set({ state: 'superseded' })
              .where('subject_index', '=', record.subjectIndex)
              .where('state', 'in', ['code_sent', 'code_verified'])
              .where('expires_at', '>', now)
              .returning('id'),
          )
          .insertInto('registrations')
          .values({
            id: record.id,
            method: record.method,
            state: record.state,
            subject_index: record.subjectIndex,
            phone_index: record.phoneIndex,
            identity_enc: record.identityEnc,
            partner: record.partner,
            consent_version: record.consentVersion,
            consented_at: record.consentedAt,
            created_at: record.createdAt,
            expires_at: record.expiresAt,
            codes_sent: record.codesSent,
            code_expires_at: record.codeExpiresAt,
            resend_available_at: record.resendAvailableAt,
            verified_at: null,
            completed_at: null,
            account_id: null,
          })
          .execute();
      });
    },

    async find(id) {
      const row = await db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async discard(id) {
      await db.deleteFrom('registrations').where('id', '=', id).execute();
    },

    async transition(id, expected, changes) {
      const set = Object.fromEntries(
        Object.entries(changes).map(([field, value]) => [COLUMN_OF[field as keyof typeof COLUMN_OF], value]),
      );
      let query = db
        .updateTable('registrations')
        .set(set)
        .where('id', '=', id)
        .where('state', '=', expected.state);
      if (expected.codesSent !== undefined) query = query.where('codes_sent', '=', expected.codesSent);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async completeWithAccount(registrationId, account: NewAccount, now) {
      // One statement (one round trip, one implicit transaction): the registration moves to completed only
      // from code_verified, and the account, its credential, contact and claims are inserted only when it
      // did. A unique violation (the citizen's ID, or the credential) undoes all of it. Foreign keys to the
      // new account are checked at the end of the statement, when every row exists.
      const phone = account.phone;
      try {
        const result = await sql<{ created: number }>`
          with completed as (
            update registrations set state = 'completed', completed_at = ${now}, account_id = ${account.id}
            where id = ${registrationId} and state = 'code_verified'
            returning id
          ), account as (
            insert into accounts (id, kind, subject_index, id_number_enc, full_name_enc, birth_date_enc,
                                  registration_method, created_at)
            select ${account.id}::uuid, ${account.kind}, ${account.subjectIndex}, ${account.idNumberEnc},
                   ${account.fullNameEnc}, ${account.birthDateEnc}, ${account.registrationMethod}, ${account.createdAt}
            from completed
            returning id
          ), credential as (
            insert into credentials (id, account_id, type, identifier, secret, created_at, updated_at)
            select ${randomUUID()}::uuid, id, ${account.credential.type}, ${account.credential.identifier},
                   ${account.credential.secret}, ${account.createdAt}, ${account.createdAt}
            from account
          ), contact as (
            insert into account_contacts (account_id, kind, value_index, value_enc, verified_at)
            select id, 'phone', ${phone?.index ?? null}::text, ${phone?.enc ?? null}::text, ${account.createdAt}
            from account where ${phone !== null}
          ), claims as (
            insert into account_identity_claims (account_id, claim, source, level, verified_at)
            select account.id, c.claim, c.source, c.level, ${account.createdAt}
            from account cross join unnest(
              ${account.claims.map((c) => c.claim)}::text[],
              ${account.claims.map((c) => c.source)}::text[],
              ${account.claims.map((c) => c.level)}::smallint[]
            ) as c(claim, source, level)
          )
          select count(*)::int as created from account`.execute(db);
        return result.rows[0]?.created === 1 ? 'completed' : 'not_allowed';
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'account_exists';
        throw error;
      }
    },
  };
}
