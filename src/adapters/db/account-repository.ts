/**
 * Accounts in SQL, found by the blind index of the citizen's ID number (the username). An account is read
 * with its phone contact and password credential in one query: sign-in and recovery need both.
 */
import type { Kysely } from 'kysely';
import type { ClaimEvidence } from '../../domain/identity-claims.ts';
import type { AccountRecord, AccountRepository } from '../../usecases/ports/repositories.ts';
import type { PortalTables } from './portal-tables.ts';

export function createAccountRepository(db: Kysely<PortalTables>): AccountRepository {
  const withContactAndPassword = () =>
    db
      .selectFrom('accounts as a')
      .leftJoin('account_contacts as phone', (join) =>
        join.onRef('phone.account_id', '=', 'a.id').on('phone.kind', '=', 'phone'),
      )
      .leftJoin('credentials as password', (join) =>
        join.onRef('password.account_id', '=', 'a.id').on('password.type', '=', 'password'),
      )
      .select([
        'a.id',
        'a.subject_index',
        'a.id_number_enc',
        'a.full_name_enc',
        'a.birth_date_enc',
        'a.registration_method',
        'a.created_at',
        'phone.value_index as phone_index',
        'phone.value_enc as phone_enc',
        'password.secret as password_hash',
        'password.updated_at as password_changed_at',
      ]);
  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof withContactAndPassword>['executeTakeFirst']>>>;

  const toRecord = (row: Row): AccountRecord => ({
    id: row.id,
    kind: 'citizen',
    subjectIndex: row.subject_index,
    idNumberEnc: row.id_number_enc,
    fullNameEnc: row.full_name_enc,
    birthDateEnc: row.birth_date_enc,
    registrationMethod: row.registration_method,
    createdAt: row.created_at,
    phone: row.phone_index && row.phone_enc ? { index: row.phone_index, enc: row.phone_enc } : null,
    password:
      row.password_hash && row.password_changed_at
        ? { hash: row.password_hash, changedAt: row.password_changed_at }
        : null,
  });

  return {
    async existsForSubject(subjectIndex) {
      const row = await db
        .selectFrom('accounts')
        .select('id')
        .where('subject_index', '=', subjectIndex)
        .executeTakeFirst();
      return row !== undefined;
    },
    async findBySubject(subjectIndex) {
      const row = await withContactAndPassword()
        .where('a.subject_index', '=', subjectIndex)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async findById(id) {
      const row = await withContactAndPassword().where('a.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async setPassword(accountId, passwordHash, now) {
      await db
        .insertInto('credentials')
        .values({
          id: crypto.randomUUID(),
          account_id: accountId,
          type: 'password',
          identifier: accountId,
          secret: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .onConflict((conflict) =>
          conflict.columns(['type', 'identifier']).doUpdateSet({ secret: passwordHash, updated_at: now }),
        )
        .execute();
    },
    async claimsOf(accountId) {
      const rows = await db
        .selectFrom('account_identity_claims')
        .select(['claim', 'source', 'level'])
        .where('account_id', '=', accountId)
        .orderBy('claim')
        .orderBy('level', 'desc')
        .execute();
      return rows as ClaimEvidence[];
    },
  };
}
