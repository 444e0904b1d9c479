/**
 * Accounts in SQL, found by the blind index of the citizen's ID number or the organisation's tax code (the
 * username), or by one of their credentials. An account is read with its contacts (phone, email) and password
 * credential in one query: sign-in and recovery need the phone and password, the account page the email.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { ClaimEvidence } from '../../domain/identity-claims.ts';
import type {
  AccountKind,
  AccountRecord,
  AccountRepository,
  CredentialType,
} from '../../usecases/ports/repositories.ts';
import type { PortalTables } from './portal-tables.ts';

export function createAccountRepository(db: Kysely<PortalTables>): AccountRepository {
  const withContactAndPassword = () =>
    db
      .selectFrom('accounts as a')
      .leftJoin('account_contacts as phone', (join) =>
        join.onRef('phone.account_id', '=', 'a.id').on('phone.kind', '=', 'phone'),
      )
      .leftJoin('account_contacts as email', (join) =>
        join.onRef('email.account_id', '=', 'a.id').on('email.kind', '=', 'email'),
      )
      .leftJoin('credentials as password', (join) =>
        join.onRef('password.account_id', '=', 'a.id').on('password.type', '=', 'password'),
      )
      .select([
        'a.id',
        'a.kind',
        'a.subject_index',
        'a.id_number_enc',
        'a.full_name_enc',
        'a.birth_date_enc',
        'a.sex_enc',
        'a.representative_id_enc',
        'a.registration_method',
        'a.created_at',
        'phone.value_index as phone_index',
        'phone.value_enc as phone_enc',
        'email.value_index as email_index',
        'email.value_enc as email_enc',
        'email.verified_at as email_verified_at',
        'password.secret as password_hash',
        'password.updated_at as password_changed_at',
      ]);
  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof withContactAndPassword>['executeTakeFirst']>>>;

  const toRecord = (row: Row): AccountRecord => ({
    id: row.id,
    kind: row.kind as AccountKind,
    subjectIndex: row.subject_index,
    idNumberEnc: row.id_number_enc,
    fullNameEnc: row.full_name_enc,
    birthDateEnc: row.birth_date_enc,
    sexEnc: row.sex_enc,
    representativeIdEnc: row.representative_id_enc,
    registrationMethod: row.registration_method,
    createdAt: row.created_at,
    phone: row.phone_index && row.phone_enc ? { index: row.phone_index, enc: row.phone_enc } : null,
    email:
      row.email_index && row.email_enc
        ? { index: row.email_index, enc: row.email_enc, verifiedAt: row.email_verified_at }
        : null,
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
    async findAccountByCredential(type, identifier) {
      const row = await withContactAndPassword()
        .innerJoin('credentials as by', 'by.account_id', 'a.id')
        .where('by.type', '=', type)
        .where('by.identifier', '=', identifier)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async addCredential(accountId, credential, now) {
      const at = now ?? sql<Date>`now()`;
      const added = await db
        .insertInto('credentials')
        .values({
          id: randomUUID(),
          account_id: accountId,
          type: credential.type,
          identifier: credential.identifier,
          secret: credential.secret,
          created_at: at,
          updated_at: at,
        })
        .onConflict((conflict) => conflict.columns(['type', 'identifier']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return added ? 'added' : 'taken';
    },
    async removeCredential(accountId, type, identifier) {
      return removeUnlessLast(db, accountId, type, identifier);
    },
    async listCredentials(accountId) {
      const rows = await db
        .selectFrom('credentials')
        .select(['type', 'identifier', 'secret', 'created_at'])
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('type')
        .execute();
      return rows.map((row) => ({
        type: row.type as CredentialType,
        identifier: row.identifier,
        // A password's secret is its hash: never handed out.
        details: row.type === 'password' ? '' : (row.secret ?? ''),
        createdAt: row.created_at,
      }));
    },
  };
}

/**
 * One statement: the account's credentials are locked in a fixed order (so two removals racing wait for each
 * other instead of deadlocking), and the one named goes only if another is still there. A removal that
 * waited sees the rows the other one deleted as gone (locking re-reads them), so two removals racing on the
 * last two credentials leave one, never none.
 */
async function removeUnlessLast(
  db: Kysely<PortalTables>,
  accountId: string,
  type: CredentialType,
  identifier: string,
): Promise<'removed' | 'last' | 'not_found'> {
  const result = await sql<{ found: number; removed: number }>`
    with live as (
      select id, type, identifier from credentials
      where account_id = ${accountId}
      order by id
      for update
    ), target as (
      select id from live where type = ${type} and identifier = ${identifier}
    ), removed as (
      delete from credentials
      where id in (select id from target) and (select count(*) from live) > 1
      returning id
    )
    select (select count(*) from target)::int as found, (select count(*) from removed)::int as removed`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row || row.found === 0) return 'not_found';
  return row.removed === 1 ? 'removed' : 'last';
}
