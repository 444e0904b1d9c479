import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Kysely, Migrator, sql } from 'kysely';
import { databaseVariants } from '../../../test/support/databases.ts';
import type { NewAccount, RegistrationRecord } from '../../usecases/ports/repositories.ts';
import { createAccountRepository } from './account-repository.ts';
import { createAuditLog } from './audit-log.ts';
import { migratePortal, portalMigrations } from './migrate.ts';
import type { PortalTables } from './portal-tables.ts';
import { createRegistrationRepository } from './registration-repository.ts';

const registration = (id: string, subjectIndex: string): RegistrationRecord => {
  const now = new Date();
  return {
    id,
    method: 'mobile',
    state: 'code_sent',
    subjectIndex,
    phoneIndex: 'p',
    identityEnc: 'enc',
    partner: 'viettel',
    consentVersion: 'v1',
    consentedAt: now,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 600_000),
    codesSent: 1,
    codeExpiresAt: new Date(now.getTime() + 300_000),
    resendAvailableAt: now,
    verifiedAt: null,
    completedAt: null,
    accountId: null,
  };
};

const account = (subjectIndex: string) => ({
  id: randomUUID(),
  subject_index: subjectIndex,
  id_number_enc: 'enc',
  full_name_enc: 'enc',
  birth_date_enc: 'enc',
  registration_method: 'mobile',
  created_at: new Date(),
});

/** The portal's migrations, to stop at an earlier version and upgrade a database that holds its data. */
const portalMigrator = (db: Kysely<unknown>) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => portalMigrations },
    migrationTableName: 'portal_migrations',
    migrationLockTableName: 'portal_migrations_lock',
  });
for (const variant of databaseVariants) {
  describe(`portal database on ${variant.name}`, { skip: variant.skip }, () => {
    let db: Kysely<PortalTables>;
    let drop: () => Promise<void>;
    before(async () => {
      const opened = await variant.open();
      drop = opened.drop;
      db = opened.database.as<PortalTables>();
      await migratePortal(opened.database.as());
    });
    after(() => drop());

    it('migrations are idempotent', async () => {
      await migratePortal(db as Kysely<unknown>);
      const rows = await sql<{ name: string }>`select name from portal_migrations`.execute(db);
      assert.deepEqual(
        rows.rows.map((r) => r.name),
        Object.keys(portalMigrations),
      );
    });

    it('the unique index lets exactly one of many concurrent inserts for one citizen through', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => db.insertInto('accounts').values(account('same-citizen')).execute()),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.ok(rejected.every((r) => (r.reason as { code?: string }).code === '23505'));
      const count = await db
        .selectFrom('accounts')
        .where('subject_index', '=', 'same-citizen')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    });

    it('a failed transaction leaves nothing behind', async () => {
      await assert.rejects(
        db.transaction().execute(async (tx) => {
          await tx.insertInto('accounts').values(account('half-written')).execute();
          throw new Error('boom after the first write');
        }),
        /boom/,
      );
      const row = await db
        .selectFrom('accounts')
        .where('subject_index', '=', 'half-written')
        .selectAll()
        .executeTakeFirst();
      assert.equal(row, undefined);
    });

    it('the audit trail is append-only', async () => {
      await db
        .insertInto('audit_events')
        .values({
          at: new Date(),
          event: 'test',
          registration_id: null,
          account_id: null,
          subject: null,
          masked_phone: null,
          method: null,
          partner: null,
          reason: null,
          request_id: null,
          client_ip: null,
        })
        .execute();
      await assert.rejects(
        db.updateTable('audit_events').set({ event: 'rewritten' }).execute(),
        /append-only/,
      );
      await assert.rejects(db.deleteFrom('audit_events').execute(), /append-only/);
    });

    it('a registration supersedes the citizen’s unfinished ones in the same statement', async () => {
      const repo = createRegistrationRepository(db);
      await repo.createSupersedingUnfinished(registration('reg-old-0000000001', 'citizen-s'));
      await repo.createSupersedingUnfinished(registration('reg-new-0000000001', 'citizen-s'));
      assert.equal((await repo.find('reg-old-0000000001'))?.state, 'superseded');
      assert.equal((await repo.find('reg-new-0000000001'))?.state, 'code_sent');
    });

    it('of many concurrent registrations for one citizen, exactly one stays live', async () => {
      const repo = createRegistrationRepository(db);
      const ids = Array.from({ length: 20 }, (_, n) => `reg-race-${String(n).padStart(10, '0')}`);
      await Promise.all(ids.map((id) => repo.createSupersedingUnfinished(registration(id, 'citizen-r'))));
      const states = await db
        .selectFrom('registrations')
        .select('state')
        .where('subject_index', '=', 'citizen-r')
        .execute();
      assert.equal(states.length, ids.length, 'every registration written');
      assert.equal(
        states.filter((row) => row.state === 'code_sent').length,
        1,
        'one live, the rest superseded',
      );
    });

    it('completing makes the account only from code_verified, and never a second one for a citizen', async () => {
      const repo = createRegistrationRepository(db);
      const now = new Date();
      const newAccount = (subjectIndex: string): NewAccount => {
        const id = randomUUID();
        return {
          id,
          kind: 'citizen',
          subjectIndex,
          idNumberEnc: 'enc',
          fullNameEnc: 'enc',
          birthDateEnc: 'enc',
          registrationMethod: 'mobile',
          phone: { index: `phone-of-${subjectIndex}`, enc: 'enc' },
          claims: [
            { claim: 'idNumber', source: 'POPULATION', level: 2 },
            { claim: 'fullName', source: 'CARRIER', level: 2 },
          ],
          credential: { type: 'password', identifier: id, secret: 'h' },
          createdAt: now,
        };
      };
      await repo.createSupersedingUnfinished(registration('reg-cmp-0000000001', 'citizen-c'));
      assert.equal(
        await repo.completeWithAccount('reg-cmp-0000000001', newAccount('citizen-c'), now),
        'not_allowed',
      );
      await repo.transition(
        'reg-cmp-0000000001',
        { state: 'code_sent' },
        { state: 'code_verified', verifiedAt: now },
      );
      const first = newAccount('citizen-c');
      assert.equal(await repo.completeWithAccount('reg-cmp-0000000001', first, now), 'completed');
      const done = await repo.find('reg-cmp-0000000001');
      assert.equal(done?.state, 'completed');
      assert.equal(done?.accountId, first.id);
      const accounts = createAccountRepository(db);
      const made = await accounts.findById(first.id);
      assert.deepEqual(made?.phone, { index: 'phone-of-citizen-c', enc: 'enc' });
      assert.equal(made?.password?.hash, 'h');
      assert.deepEqual(await accounts.claimsOf(first.id), [
        { claim: 'fullName', source: 'CARRIER', level: 2 },
        { claim: 'idNumber', source: 'POPULATION', level: 2 },
      ]);
      assert.equal(
        await repo.completeWithAccount('reg-cmp-0000000001', newAccount('citizen-c'), now),
        'not_allowed',
      );

      // Another journey of the same citizen: the unique index refuses, and its registration stays as it was.
      await repo.createSupersedingUnfinished(registration('reg-cmp-0000000002', 'citizen-c'));
      await repo.transition(
        'reg-cmp-0000000002',
        { state: 'code_sent' },
        { state: 'code_verified', verifiedAt: now },
      );
      assert.equal(
        await repo.completeWithAccount('reg-cmp-0000000002', newAccount('citizen-c'), now),
        'account_exists',
      );
      assert.equal((await repo.find('reg-cmp-0000000002'))?.state, 'code_verified');
      const credentials = await db
        .selectFrom('credentials')
        .where('type', '=', 'password')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(credentials.n), 1, 'the refused journey left no credential behind');
      const count = await db
        .selectFrom('accounts')
        .where('subject_index', '=', 'citizen-c')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
    });

    it('audit events recorded together are written together, in order', async () => {
      const audit = createAuditLog(db);
      const at = new Date();
      await Promise.all(
        ['registration.started', 'registration.code_sent', 'registration.code_verified'].map((event) =>
          audit.record({ event: event as 'registration.started', at, registrationId: 'reg-audit-batch' }),
        ),
      );
      const rows = await db
        .selectFrom('audit_events')
        .where('registration_id', '=', 'reg-audit-batch')
        .orderBy('id')
        .select('event')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.event),
        ['registration.started', 'registration.code_sent', 'registration.code_verified'],
      );
    });
  });
}

for (const variant of databaseVariants) {
  describe(`portal schema upgrade on ${variant.name}`, { skip: variant.skip }, () => {
    it('0002 keeps the accounts of v1: their passwords, phones, and carrier evidence', async () => {
      const opened = await variant.open();
      try {
        const raw = opened.database.as<unknown>();
        const migrator = portalMigrator(raw);
        assert.equal((await migrator.migrateTo('0001-initial')).error, undefined);
        const createdAt = new Date('2026-05-01T08:00:00Z');
        const changedAt = new Date('2026-06-01T08:00:00Z');
        const v1Account = randomUUID();
        await sql`
          insert into accounts (id, id_number_index, id_number_enc, full_name_enc, birth_date_enc, phone_index,
                                phone_enc, registration_method, password_hash, created_at, password_changed_at)
          values (${v1Account}, 'v1-subject', 'id-enc', 'name-enc', 'birth-enc', 'v1-phone', 'phone-enc',
                  'mobile', 'v1-hash', ${createdAt}, ${changedAt})`.execute(raw);
        await sql`
          insert into registrations (id, method, state, id_number_index, phone_index, personal_enc, carrier,
                                     consent_version, consented_at, created_at, expires_at, codes_sent)
          values ('v1-registration-000001', 'mobile', 'code_sent', 'v1-other', 'p', 'enc', 'viettel', 'v1',
                  ${createdAt}, ${createdAt}, ${changedAt}, 1)`.execute(raw);

        await migratePortal(raw);

        const db = opened.database.as<PortalTables>();
        const accounts = createAccountRepository(db);
        const upgraded = await accounts.findBySubject('v1-subject');
        assert.equal(upgraded?.id, v1Account);
        assert.equal(upgraded?.kind, 'citizen');
        assert.deepEqual(upgraded?.password, { hash: 'v1-hash', changedAt });
        assert.deepEqual(upgraded?.phone, { index: 'v1-phone', enc: 'phone-enc' });
        assert.deepEqual(
          (await accounts.claimsOf(v1Account)).map((c) => `${c.claim}:${c.source}:${c.level}`),
          ['birthDate:CARRIER:2', 'fullName:CARRIER:2', 'idNumber:CARRIER:2', 'phoneNumber:CARRIER:2'],
        );
        const registration = await createRegistrationRepository(db).find('v1-registration-000001');
        assert.equal(registration?.subjectIndex, 'v1-other');
        assert.equal(registration?.identityEnc, 'enc');
        assert.equal(registration?.partner, 'viettel');
        // The unique index still holds under its new name.
        await assert.rejects(
          db.insertInto('accounts').values(account('v1-subject')).execute(),
          (error: { code?: string }) => error.code === '23505',
        );
      } finally {
        await opened.drop();
      }
    });

    it('0007 keeps the verified contacts of v6 as they were and lets an account keep an unverified email', async () => {
      const opened = await variant.open();
      try {
        const raw = opened.database.as<unknown>();
        const migrator = portalMigrator(raw);
        assert.equal((await migrator.migrateTo('0006-awaiting-signature')).error, undefined);
        const db = opened.database.as<PortalTables>();
        const verifiedAt = new Date('2026-05-01T08:00:00Z');
        const v6Account = account('v6-subject');
        await db.insertInto('accounts').values(v6Account).execute();
        await db
          .insertInto('account_contacts')
          .values({
            account_id: v6Account.id,
            kind: 'phone',
            value_index: 'v6-phone',
            value_enc: 'phone-enc',
            verified_at: verifiedAt,
          })
          .execute();
        // v6 refuses a contact without a verification date.
        await assert.rejects(
          db
            .insertInto('account_contacts')
            .values({
              account_id: v6Account.id,
              kind: 'email',
              value_index: 'v6-email',
              value_enc: 'email-enc',
              verified_at: null,
            })
            .execute(),
          (error: { code?: string }) => error.code === '23502',
        );

        await migratePortal(raw);

        const upgraded = await createAccountRepository(db).findById(v6Account.id);
        assert.deepEqual(upgraded?.phone, { index: 'v6-phone', enc: 'phone-enc' });
        assert.equal(upgraded?.email, null);
        const [phone] = await db
          .selectFrom('account_contacts')
          .select(['kind', 'verified_at'])
          .where('account_id', '=', v6Account.id)
          .execute();
        assert.deepEqual(phone, { kind: 'phone', verified_at: verifiedAt });
        await db
          .insertInto('account_contacts')
          .values({
            account_id: v6Account.id,
            kind: 'email',
            value_index: 'v6-email',
            value_enc: 'email-enc',
            verified_at: null,
          })
          .execute();
        assert.deepEqual((await createAccountRepository(db).findById(v6Account.id))?.email, {
          index: 'v6-email',
          enc: 'email-enc',
          verifiedAt: null,
        });

        // Undone, v6 keeps its verified contacts only.
        assert.equal((await migrator.migrateTo('0006-awaiting-signature')).error, undefined);
        const left = await db
          .selectFrom('account_contacts')
          .select('kind')
          .where('account_id', '=', v6Account.id)
          .execute();
        assert.deepEqual(left, [{ kind: 'phone' }]);
      } finally {
        await opened.drop();
      }
    });

    it('0004 leaves one unfinished registration per citizen: the newest of two a race left live', async () => {
      const opened = await variant.open();
      try {
        const raw = opened.database.as<unknown>();
        const migrator = portalMigrator(raw);
        assert.equal((await migrator.migrateTo('0003-oidc-grants')).error, undefined);
        const db = opened.database.as<PortalTables>();
        const at = (minute: number) => {
          const row = registration(`reg-v3-${minute}-000000000`, 'raced');
          row.createdAt = new Date(Date.UTC(2026, 10, 1, 8, minute));
          return row;
        };
        for (const row of [at(1), at(2), { ...at(0), state: 'completed' as const }])
          await db
            .insertInto('registrations')
            .values({
              id: row.id,
              method: row.method,
              state: row.state,
              subject_index: row.subjectIndex,
              phone_index: row.phoneIndex,
              identity_enc: row.identityEnc,
              partner: row.partner,
              consent_version: row.consentVersion,
              consented_at: row.consentedAt,
              created_at: row.createdAt,
              expires_at: row.expiresAt,
              codes_sent: row.codesSent,
            })
            .execute();

        await migratePortal(raw);

        const states = await db
          .selectFrom('registrations')
          .select(['id', 'state'])
          .where('subject_index', '=', 'raced')
          .orderBy('id')
          .execute();
        assert.deepEqual(
          states.map((r) => [r.id, r.state]),
          [
            ['reg-v3-0-000000000', 'completed'],
            ['reg-v3-1-000000000', 'superseded'],
            ['reg-v3-2-000000000', 'code_sent'],
          ],
        );
      } finally {
        await opened.drop();
      }
    });
  });
}
