import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { databaseVariants } from '../../../test/support/databases.ts';
import type { RegistrationRecord } from '../../usecases/ports/repositories.ts';
import { createAuditLog } from './audit-log.ts';
import { migratePortal } from './migrate.ts';
import type { PortalTables } from './portal-tables.ts';
import { createRegistrationRepository } from './registration-repository.ts';

const registration = (id: string, idNumberIndex: string): RegistrationRecord => {
  const now = new Date();
  return {
    id,
    method: 'mobile',
    state: 'code_sent',
    idNumberIndex,
    phoneIndex: 'p',
    personalEnc: 'enc',
    carrier: 'viettel',
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

const account = (idNumberIndex: string) => ({
  id: randomUUID(),
  id_number_index: idNumberIndex,
  id_number_enc: 'enc',
  full_name_enc: 'enc',
  birth_date_enc: 'enc',
  phone_index: 'p',
  phone_enc: 'enc',
  registration_method: 'mobile',
  password_hash: 'h',
  created_at: new Date(),
  password_changed_at: new Date(),
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
        ['0001-initial'],
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
        .where('id_number_index', '=', 'same-citizen')
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
        .where('id_number_index', '=', 'half-written')
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
          carrier: null,
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
      const now = new Date();
      await repo.createSupersedingUnfinished(registration('reg-old-0000000001', 'citizen-s'), now);
      await repo.createSupersedingUnfinished(registration('reg-new-0000000001', 'citizen-s'), now);
      assert.equal((await repo.find('reg-old-0000000001'))?.state, 'superseded');
      assert.equal((await repo.find('reg-new-0000000001'))?.state, 'code_sent');
    });

    it('completing makes the account only from code_verified, and never a second one for a citizen', async () => {
      const repo = createRegistrationRepository(db);
      const now = new Date();
      const newAccount = (idNumberIndex: string) => ({
        id: randomUUID(),
        idNumberIndex,
        idNumberEnc: 'enc',
        fullNameEnc: 'enc',
        birthDateEnc: 'enc',
        phoneIndex: 'p',
        phoneEnc: 'enc',
        registrationMethod: 'mobile' as const,
        passwordHash: 'h',
        createdAt: now,
      });
      await repo.createSupersedingUnfinished(registration('reg-cmp-0000000001', 'citizen-c'), now);
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
      assert.equal(
        await repo.completeWithAccount('reg-cmp-0000000001', newAccount('citizen-c'), now),
        'not_allowed',
      );

      // Another journey of the same citizen: the unique index refuses, and its registration stays as it was.
      await repo.createSupersedingUnfinished(registration('reg-cmp-0000000002', 'citizen-c'), now);
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
      const count = await db
        .selectFrom('accounts')
        .where('id_number_index', '=', 'citizen-c')
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
