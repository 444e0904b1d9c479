/** Registrations and account creation in SQL. Compare-and-set updates and the unique index keep every step exactly-once. */
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
    method: 'mobile',
    state: row.state as RegistrationState,
    idNumberIndex: row.id_number_index,
    phoneIndex: row.phone_index,
    personalEnc: row.personal_enc,
    carrier: row.carrier,
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
      // One statement, so one round trip and one implicit transaction: the unfinished registrations of
      // this citizen are superseded and the new one inserted together, or neither is.
      await db
        .with('superseded', (w) =>
          w
            .updateTable('registrations')
            .set({ state: 'superseded' })
            .where('id_number_index', '=', record.idNumberIndex)
            .where('state', 'in', ['code_sent', 'code_verified'])
            .where('expires_at', '>', now)
            .returning('id'),
        )
        .insertInto('registrations')
        .values({
          id: record.id,
          method: record.method,
          state: record.state,
          id_number_index: record.idNumberIndex,
          phone_index: record.phoneIndex,
          personal_enc: record.personalEnc,
          carrier: record.carrier,
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
      // from code_verified, and the account row is inserted only when it did. A unique violation on the
      // citizen's ID undoes both. The foreign key from the registration to the new account is checked at
      // the end of the statement, when both rows exist.
      try {
        const inserted = await db
          .with('completed', (w) =>
            w
              .updateTable('registrations')
              .set({ state: 'completed', completed_at: now, account_id: account.id })
              .where('id', '=', registrationId)
              .where('state', '=', 'code_verified')
              .returning('id'),
          )
          .insertInto('accounts')
          .columns([
            'id',
            'id_number_index',
            'id_number_enc',
            'full_name_enc',
            'birth_date_enc',
            'phone_index',
            'phone_enc',
            'registration_method',
            'password_hash',
            'created_at',
            'password_changed_at',
          ])
          .expression((eb) =>
            eb
              .selectFrom('completed')
              .select([
                sql<string>`cast(${account.id} as uuid)`.as('id'),
                sql<string>`cast(${account.idNumberIndex} as text)`.as('id_number_index'),
                sql<string>`cast(${account.idNumberEnc} as text)`.as('id_number_enc'),
                sql<string>`cast(${account.fullNameEnc} as text)`.as('full_name_enc'),
                sql<string>`cast(${account.birthDateEnc} as text)`.as('birth_date_enc'),
                sql<string>`cast(${account.phoneIndex} as text)`.as('phone_index'),
                sql<string>`cast(${account.phoneEnc} as text)`.as('phone_enc'),
                sql<string>`cast(${account.registrationMethod} as text)`.as('registration_method'),
                sql<string>`cast(${account.passwordHash} as text)`.as('password_hash'),
                sql<Date>`cast(${account.createdAt} as timestamptz)`.as('created_at'),
                sql<Date>`cast(${account.createdAt} as timestamptz)`.as('password_changed_at'),
              ]),
          )
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? 'completed' : 'not_allowed';
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'account_exists';
        throw error;
      }
    },
  };
}
