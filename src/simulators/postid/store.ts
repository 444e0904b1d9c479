/** PostID's queries: accounts, clerks, the clerks' decisions and the provider's kept secrets. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { SqlDatabase } from '../../lib/database.ts';
import type { AccountsTable, ApprovalStatus, ClerksTable, DecisionsTable, PostIdTables } from './schema.ts';

export interface PostIdAccount {
  subject: string;
  username: string;
  passwordHash: string;
  fullName: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
  idNumber: string;
  /** E.164 */
  phoneNumber: string;
  address: string;
  activated: boolean;
  status: ApprovalStatus;
  postOffice: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  createdAt: Date;
}

export type NewAccount = Omit<
  PostIdAccount,
  'subject' | 'postOffice' | 'decidedAt' | 'rejectionReason' | 'createdAt'
> &
  Partial<Pick<PostIdAccount, 'postOffice' | 'decidedAt' | 'rejectionReason'>>;

export interface Clerk {
  username: string;
  passwordHash: string;
  fullName: string;
  postOffice: string;
  role: 'clerk';
}

export interface Decision {
  clerkUsername: string;
  postOffice: string;
  accountSubject: string;
  decision: 'approved' | 'rejected';
  documentType: string;
  documentNumberSeen: string;
  documentMatches: boolean;
  reason: string | null;
  decidedAt: Date;
}

export interface PostIdStore {
  /** `taken` when the username is in use. */
  createAccount(account: NewAccount, now: Date): Promise<PostIdAccount | 'taken'>;
  byUsername(username: string): Promise<PostIdAccount | undefined>;
  bySubject(subject: string): Promise<PostIdAccount | undefined>;
  /** Activated accounts declaring this ID number, pending ones first. */
  byIdNumber(idNumber: string): Promise<PostIdAccount[]>;
  activate(subject: string): Promise<void>;
  /**
   * The clerk's decision and its audit row in one statement, only while the account is activated and pending
   * (two clerks deciding at once: one wins, the other is told it was already decided).
   */
  decide(decision: Decision): Promise<'decided' | 'not_pending'>;
  decisionsFor(subject: string): Promise<Decision[]>;
  upsertClerk(clerk: Clerk): Promise<void>;
  clerk(username: string): Promise<Clerk | undefined>;
  /** The stored value, or `make()`'s stored once (the first start's value wins a race). */
  secret(name: string, make: () => string): Promise<string>;
}

const accountOf = (row: AccountsTable): PostIdAccount => ({
  subject: row.subject,
  username: row.username,
  passwordHash: row.password_hash,
  fullName: row.full_name,
  sex: row.sex,
  birthDate: row.birth_date,
  idNumber: row.id_number,
  phoneNumber: row.phone_number,
  address: row.address,
  activated: row.activated,
  status: row.status,
  postOffice: row.post_office,
  decidedAt: row.decided_at ? new Date(row.decided_at) : null,
  rejectionReason: row.rejection_reason,
  createdAt: new Date(row.created_at),
});

const clerkOf = (row: ClerksTable): Clerk => ({
  username: row.username,
  passwordHash: row.password_hash,
  fullName: row.full_name,
  postOffice: row.post_office,
  role: row.role,
});

const decisionOf = (row: Selectable<DecisionsTable>): Decision => ({
  clerkUsername: row.clerk_username,
  postOffice: row.post_office,
  accountSubject: row.account_subject,
  decision: row.decision,
  documentType: row.document_type,
  documentNumberSeen: row.document_number_seen,
  documentMatches: row.document_matches,
  reason: row.reason,
  decidedAt: new Date(row.decided_at),
});

export function createPostIdStore(database: SqlDatabase): PostIdStore {
  const db: Kysely<PostIdTables> = database.as<PostIdTables>();
  return {
    async createAccount(account, now) {
      const row = await db
        .insertInto('postid.accounts')
        .values({
          subject: randomUUID(),
          username: account.username,
          password_hash: account.passwordHash,
          full_name: account.fullName,
          sex: account.sex,
          birth_date: account.birthDate,
          id_number: account.idNumber,
          phone_number: account.phoneNumber,
          address: account.address,
          activated: account.activated,
          status: account.status,
          post_office: account.postOffice ?? null,
          decided_at: account.decidedAt ?? null,
          rejection_reason: account.rejectionReason ?? null,
          created_at: now,
        })
        .onConflict((c) => c.column('username').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? accountOf(row) : 'taken';
    },
    async byUsername(username) {
      const row = await db
        .selectFrom('postid.accounts')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row && accountOf(row);
    },
    async bySubject(subject) {
      const row = await db
        .selectFrom('postid.accounts')
        .selectAll()
        .where('subject', '=', subject)
        .executeTakeFirst();
      return row && accountOf(row);
    },
    async byIdNumber(idNumber) {
      const rows = await db
        .selectFrom('postid.accounts')
        .selectAll()
        .where('id_number', '=', idNumber)
        .where('activated', '=', true)
        .orderBy('created_at', 'desc')
        .limit(20)
        .execute();
      return rows
        .map(accountOf)
        .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));
    },
    async activate(subject) {
      await db
        .updateTable('postid.accounts')
        .set({ activated: true })
        .where('subject', '=', subject)
        .execute();
    },
    async decide(decision) {
      const result = await db
        .with('decided', (q) =>
          q
            .updateTable('postid.accounts')
            .set({
              status: decision.decision,
              post_office: decision.postOffice,
              decided_at: decision.decidedAt,
              rejection_reason: decision.reason,
            })
            .where('subject', '=', decision.accountSubject)
            .where('status', '=', 'pending')
            .where('activated', '=', true)
            .returning('subject'),
        )
        .insertInto('postid.decisions')
        .columns([
          'clerk_username',
          'post_office',
          'account_subject',
          'decision',
          'document_type',
          'document_number_seen',
          'document_matches',
          'reason',
          'decided_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('decided')
            .select((s) => [
              s.val(decision.clerkUsername).as('clerk_username'),
              s.val(decision.postOffice).as('post_office'),
              'decided.subject',
              s.val(decision.decision).as('decision'),
              s.val(decision.documentType).as('document_type'),
              s.val(decision.documentNumberSeen).as('document_number_seen'),
              s.val(decision.documentMatches).as('document_matches'),
              s.val(decision.reason).as('reason'),
              s.val(decision.decidedAt).as('decided_at'),
            ]),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'decided' : 'not_pending';
    },
    async decisionsFor(subject) {
      const rows = await db
        .selectFrom('postid.decisions')
        .selectAll()
        .where('account_subject', '=', subject)
        .orderBy('id')
        .execute();
      return rows.map(decisionOf);
    },
    async upsertClerk(clerk) {
      await db
        .insertInto('postid.clerks')
        .values({
          username: clerk.username,
          password_hash: clerk.passwordHash,
          full_name: clerk.fullName,
          post_office: clerk.postOffice,
          role: clerk.role,
        })
        .onConflict((c) =>
          c.column('username').doUpdateSet({
            password_hash: clerk.passwordHash,
            full_name: clerk.fullName,
            post_office: clerk.postOffice,
            role: clerk.role,
          }),
        )
        .execute();
    },
    async clerk(username) {
      const row = await db
        .selectFrom('postid.clerks')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row && clerkOf(row);
    },
    async secret(name, make) {
      const kept = await db
        .selectFrom('postid.secrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst();
      if (kept) return kept.value;
      await db
        .insertInto('postid.secrets')
        .values({ name, value: make() })
        .onConflict((c) => c.column('name').doNothing())
        .execute();
      const row = await db
        .selectFrom('postid.secrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
