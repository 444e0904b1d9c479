import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { databaseVariants } from '../../../test/support/databases.ts';
import { migratePortal } from './migrate.ts';
import type { PortalTables } from './portal-tables.ts';

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
  });
}
