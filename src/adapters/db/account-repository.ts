/** Accounts in SQL, found by the blind index of the citizen's ID number (the username). */
import type { Kysely, Selectable } from 'kysely';
import type { AccountRecord, AccountRepository } from '../../usecases/ports/repositories.ts';
import type { AccountsTable, PortalTables } from './portal-tables.ts';

function toRecord(row: Selectable<AccountsTable>): AccountRecord {
  return {
    id: row.id,
    idNumberIndex: row.id_number_index,
    idNumberEnc: row.id_number_enc,
    fullNameEnc: row.full_name_enc,
    birthDateEnc: row.birth_date_enc,
    phoneIndex: row.phone_index,
    phoneEnc: row.phone_enc,
    registrationMethod: row.registration_method,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  };
}

export function createAccountRepository(db: Kysely<PortalTables>): AccountRepository {
  return {
    async existsForIdNumber(idNumberIndex) {
      const row = await db
        .selectFrom('accounts')
        .select('id')
        .where('id_number_index', '=', idNumberIndex)
        .executeTakeFirst();
      return row !== undefined;
    },
    async findByIdNumber(idNumberIndex) {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('id_number_index', '=', idNumberIndex)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async findById(id) {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async updatePassword(id, passwordHash, now) {
      await db
        .updateTable('accounts')
        .set({ password_hash: passwordHash, password_changed_at: now })
        .where('id', '=', id)
        .execute();
    },
  };
}
