/** Registrations and account creation in SQL. Compare-and-set updates and the unique index keep every step exactly-once. */
import { randomUUID } from 'node:crypto';
import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type {
  CompletedRegistrationRecord,
  NewAccount,
  RegistrationRecord,
  RegistrationRepository,
  RegistrationState,
} from '../../usecases/ports/repositories.ts';
import type { PortalTables, RegistrationsTable } from './portal-tables.ts';

const UNIQUE_VIOLATION = '23505';
/** Starts for one citizen at the same instant that one start can lose to before it gives up. */
const MAX_RACING_STARTS = 50;

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
    signatureRequestEnc: row.signature_request_enc,
    signatureExpiresAt: row.signature_expires_at,
    displayCode: row.display_code,
    refusalCode: row.refusal_code,
  };
}

/** The states a new start of the same subject supersedes (the partial unique index of migration 0006). */
const UNFINISHED = sql`('code_sent', 'code_verified', 'awaiting_signature')`;

const COLUMN_OF = {
  state: 'state',
  codesSent: 'codes_sent',
  codeExpiresAt: 'code_expires_at',
  resendAvailableAt: 'resend_available_at',
  verifiedAt: 'verified_at',
  signatureRequestEnc: 'signature_request_enc',
  refusalCode: 'refusal_code',
} as const;

export function createRegistrationRepository(db: Kysely<PortalTables>): RegistrationRepository {
  return {
    async createSupersedingUnfinished(record) {
      // One statement, one round trip: the citizen's unfinished registrations are superseded (expired ones
      // too: the index below counts every unfinished one) and the new one inserted, together or not at all.
      // The insert reads the update's count, so the update runs first. Two starts racing would each miss the
      // other's new row: the partial unique index (migration 0004) makes the second wait for the first and
      // fail; run again, it sees the first and supersedes it. Each failure means another start committed, so
      // a start loses at most once per start racing it; the bound only stops a runaway.
      for (let attempt = 1; ; attempt++) {
        try {
          await sql`
            with superseded as (
              update registrations set state = 'superseded'
              where subject_index = ${record.subjectIndex} and state in ${UNFINISHED}
              returning id
            )
            insert into registrations (id, method, state, subject_index, phone_index, identity_enc, partner,
              consent_version, consented_at, created_at, expires_at, codes_sent, code_expires_at,
              resend_available_at, verified_at, completed_at, account_id, signature_request_enc,
              signature_expires_at, display_code)
            select ${record.id}::text, ${record.method}::text, ${record.state}::text, ${record.subjectIndex}::text,
              ${record.phoneIndex}::text, ${record.identityEnc}::text, ${record.partner}::text,
              ${record.consentVersion}::text, ${record.consentedAt}::timestamptz, ${record.createdAt}::timestamptz,
              ${record.expiresAt}::timestamptz, ${record.codesSent}::int, ${record.codeExpiresAt}::timestamptz,
              ${record.resendAvailableAt}::timestamptz, null, null, null,
              ${record.signatureRequestEnc ?? null}::text, ${record.signatureExpiresAt ?? null}::timestamptz,
              ${record.displayCode ?? null}::text
            from (select count(*) from superseded) as first_supersede`.execute(db);
          return;
        } catch (error) {
          const lostTheRace =
            (error as { code?: string }).code === UNIQUE_VIOLATION && attempt < MAX_RACING_STARTS;
          if (!lostTheRace) throw error;
        }
      }
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
      try {
        const result = await sql<{ created: number }>`
          with completed as (
            update registrations set state = 'completed', completed_at = ${now}, account_id = ${account.id}
            where id = ${registrationId} and state = 'code_verified'
            returning id
          ), ${accountRows(account, sql`completed`)}
          select count(*)::int as created from account`.execute(db);
        return result.rows[0]?.created === 1 ? 'completed' : 'not_allowed';
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'account_exists';
        throw error;
      }
    },

    async createCompletedWithAccount(registration: CompletedRegistrationRecord, account: NewAccount, now) {
      // One statement, as completeWithAccount: the subject's unfinished registrations (any method) are
      // superseded, the registration is inserted already completed, and the account made with it. The unique
      // index on the subject makes racing registrations of one ID number or tax code end with one account;
      // the loser's statement writes nothing at all (its supersede included).
      // An asynchronous registration (`completes`) moves its own row from awaiting_signature to completed, as
      // a compare-and-set: of two polls that both saw the signature, one makes the account, the other nothing.
      const completes = registration.completes;
      try {
        const result = await sql<{ created: number }>`
          with superseded as (
            update registrations set state = 'superseded'
            where subject_index = ${registration.subjectIndex} and state in ${UNFINISHED}
              and id <> ${completes ?? ''}
            returning id
          ), completed as (${
            completes
              ? awaitingCompleted(completes, registration, account.id, now)
              : sql`
            insert into registrations (id, method, state, subject_index, phone_index, identity_enc, partner,
              consent_version, consented_at, created_at, expires_at, codes_sent, code_expires_at,
              resend_available_at, verified_at, completed_at, account_id)
            select ${registration.id}::text, ${registration.method}::text, 'completed', ${registration.subjectIndex}::text,
              null, ${registration.identityEnc}::text, ${registration.partner}::text,
              ${registration.consentVersion}::text, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz,
              0, null, null, ${now}::timestamptz, ${now}::timestamptz, ${account.id}::uuid
            from (select count(*) from superseded) as first_supersede
            returning id`
          }
          ), ${accountRows(account, sql`completed`)}
          select count(*)::int as created from account`.execute(db);
        return result.rows[0]?.created === 1 ? 'completed' : 'not_allowed';
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string };
        if (code !== UNIQUE_VIOLATION) throw error;
        return constraint === 'credentials_type_identifier_unique' ? 'credential_taken' : 'account_exists';
      }
    },
  };
}

/** The awaiting registration moved to completed with what the signature proved, only if it still awaits. */
function awaitingCompleted(
  id: string,
  registration: CompletedRegistrationRecord,
  accountId: string,
  now: Date,
) {
  return sql`
    update registrations set state = 'completed', subject_index = ${registration.subjectIndex},
      identity_enc = ${registration.identityEnc}, verified_at = ${now}, completed_at = ${now},
      account_id = ${accountId}::uuid
    where id = ${id} and state = 'awaiting_signature' and (select count(*) from superseded) >= 0
    returning id`;
}

/**
 * The CTEs that insert an account, its credential, contacts and claims, once per row of `source` (the
 * registration's completion): the account exists only when the registration moved. Foreign keys to the new
 * account are checked at the end of the statement, when every row exists; a unique violation (the subject, or
 * the credential) undoes all of it.
 */
function accountRows(account: NewAccount, source: RawBuilder<unknown>) {
  const phone = account.phone;
  // Declared on the form, not verified: kept without a verification date.
  const email = account.email ?? null;
  return sql`account as (
    insert into accounts (id, kind, subject_index, id_number_enc, full_name_enc, birth_date_enc, sex_enc,
                          representative_id_enc, registration_method, created_at)
    select ${account.id}::uuid, ${account.kind}, ${account.subjectIndex}, ${account.idNumberEnc},
           ${account.fullNameEnc}, ${account.birthDateEnc}::text, ${account.sexEnc ?? null}::text,
           ${account.representativeIdEnc ?? null}::text, ${account.registrationMethod}, ${account.createdAt}
    from ${source}
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
  ), declared_email as (
    insert into account_contacts (account_id, kind, value_index, value_enc, verified_at)
    select id, 'email', ${email?.index ?? null}::text, ${email?.enc ?? null}::text, null::timestamptz
    from account where ${email !== null}
  ), claims as (
    insert into account_identity_claims (account_id, claim, source, level, verified_at)
    select account.id, c.claim, c.source, c.level, ${account.createdAt}
    from account cross join unnest(
      ${account.claims.map((c) => c.claim)}::text[],
      ${account.claims.map((c) => c.source)}::text[],
      ${account.claims.map((c) => c.level)}::smallint[]
    ) as c(claim, source, level)
  )`;
}
