/** Registrations and account creation in SQL. Compare-and-set updates and the unique index keep every step exactly-once. */
import type { Kysely, Selectable } from 'kysely';
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
      try {
        return await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('accounts')
            .values({
              id: account.id,
              id_number_index: account.idNumberIndex,
              id_number_enc: account.idNumberEnc,
              full_name_enc: account.fullNameEnc,
              birth_date_enc: account.birthDateEnc,
              phone_index: account.phoneIndex,
              phone_enc: account.phoneEnc,
              registration_method: account.registrationMethod,
              password_hash: account.passwordHash,
              created_at: account.createdAt,
              password_changed_at: account.createdAt,
            })
            .execute();
          const completed = await tx
            .updateTable('registrations')
            .set({ state: 'completed', completed_at: now, account_id: account.id })
            .where('id', '=', registrationId)
            .where('state', '=', 'code_verified')
            .executeTakeFirst();
          if (Number(completed.numUpdatedRows) !== 1) throw new StepNotAllowed();
          return 'completed' as const;
        });
      } catch (error) {
        if (error instanceof StepNotAllowed) return 'not_allowed';
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'account_exists';
        throw error;
      }
    },
  };
}

class StepNotAllowed extends Error {}
