/**
 * The provider's storage on both store variants: short-lived models in the ephemeral store (expiry by the
 * injected clock, consumed marks, look-up by uid, revocation by grant), grants in PostgreSQL/PGlite (listed and
 * withdrawn per account, expired by the injected clock).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { databaseVariants } from '../../../test/support/databases.ts';
import { ephemeralVariants } from '../../../test/support/ephemeral-stores.ts';
import { ManualClock } from '../../usecases/ports/clock.ts';
import type { EphemeralStore } from '../../usecases/ports/ephemeral-store.ts';
import { migratePortal } from '../db/migrate.ts';
import { oidcAdapterFactory } from './oidc-adapter.ts';
import { createGrantStore, type GrantStore } from './oidc-grant-store.ts';

const unusedGrants = {} as GrantStore;

for (const variant of ephemeralVariants) {
  describe(`OpenID Provider models in the ephemeral store (${variant.name})`, { skip: variant.skip }, () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    let store: EphemeralStore;
    let adapter: ReturnType<typeof oidcAdapterFactory>;
    before(async () => {
      store = await variant.open(clock);
      adapter = oidcAdapterFactory({ store, grants: unusedGrants, clock });
    });
    after(() => store.close());

    it('keeps a code until its expiry by the injected clock, and marks it consumed', async () => {
      const codes = adapter('AuthorizationCode');
      const id = randomUUID();
      await codes.upsert(id, { accountId: 'a', grantId: 'g0', clientId: 'c' }, 60);
      assert.deepEqual(await codes.find(id), { accountId: 'a', grantId: 'g0', clientId: 'c' });
      await codes.consume(id);
      assert.equal((await codes.find(id))?.consumed, Math.floor(clock.now().getTime() / 1000));
      clock.advance(60_000);
      assert.equal(await codes.find(id), undefined, 'expired after 60 s');
    });

    it('finds a session by its uid and forgets both when destroyed', async () => {
      const sessions = adapter('Session');
      const id = randomUUID();
      await sessions.upsert(id, { uid: `uid-${id}`, accountId: 'a' }, 3600);
      assert.equal((await sessions.findByUid(`uid-${id}`))?.accountId, 'a');
      await sessions.destroy(id);
      assert.equal(await sessions.find(id), undefined);
      assert.equal(await sessions.findByUid(`uid-${id}`), undefined);
    });

    it('revokes every token of a grant, and only of that grant, model by model', async () => {
      const tokens = adapter('AccessToken');
      const codes = adapter('AuthorizationCode');
      const grantId = randomUUID();
      await tokens.upsert('t1', { grantId }, 600);
      await tokens.upsert('t2', { grantId }, 600);
      await tokens.upsert('t3', { grantId: 'another' }, 600);
      await codes.upsert('c1', { grantId }, 60);
      await tokens.revokeByGrantId(grantId);
      assert.equal(await tokens.find('t1'), undefined);
      assert.equal(await tokens.find('t2'), undefined);
      assert.ok(await tokens.find('t3'));
      assert.ok(await codes.find('c1'), "the code's own model revokes it");
      await codes.revokeByGrantId(grantId);
      assert.equal(await codes.find('c1'), undefined);
    });

    it('keeps a model without expiry (a client registered in dev)', async () => {
      const clients = adapter('Client');
      await clients.upsert('client-1', { client_id: 'client-1' });
      clock.advance(24 * 3_600_000);
      assert.equal((await clients.find('client-1'))?.client_id, 'client-1');
    });
  });
}

for (const variant of databaseVariants) {
  describe(`OpenID Provider grants in ${variant.name}`, { skip: variant.skip }, () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    let grants: GrantStore;
    let drop: () => Promise<void>;
    before(async () => {
      const opened = await variant.open();
      drop = opened.drop;
      await migratePortal(opened.database.as());
      grants = createGrantStore(opened.database.as(), clock);
    });
    after(() => drop());

    it('stores, updates, lists, withdraws and expires an account grants', async () => {
      const accountId = randomUUID();
      const payload = { accountId, clientId: 'national', openid: { scope: 'openid profile' } };
      await grants.upsert('grant-1', payload, 3600);
      assert.deepEqual(await grants.find('grant-1'), payload);
      await grants.upsert('grant-1', { ...payload, openid: { scope: 'openid profile phone' } }, 3600);
      await grants.upsert('grant-2', { accountId, clientId: 'mps', openid: { scope: 'openid' } }, 7200);
      await grants.upsert('grant-3', { accountId: randomUUID(), clientId: 'mps' }, 7200);

      const listed = await grants.listOf(accountId);
      assert.deepEqual(
        listed
          .map(({ grantId, clientId, scopes }) => ({ grantId, clientId, scopes }))
          .sort((a, b) => a.grantId.localeCompare(b.grantId)),
        [
          { grantId: 'grant-1', clientId: 'national', scopes: ['openid', 'profile', 'phone'] },
          { grantId: 'grant-2', clientId: 'mps', scopes: ['openid'] },
        ],
      );
      assert.equal(await grants.withdraw(accountId, 'grant-3'), false, "another account's grant");
      assert.equal(await grants.withdraw(accountId, 'grant-2'), true);
      assert.equal(await grants.find('grant-2'), undefined);

      clock.advance(3600_000);
      assert.equal(await grants.find('grant-1'), undefined, 'expired by the injected clock');
      assert.deepEqual(await grants.listOf(accountId), []);
    });
  });
}
