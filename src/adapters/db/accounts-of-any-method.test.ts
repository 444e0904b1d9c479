/**
 * The account tables for methods without an SMS code, on PGlite and (with DATABASE_URL) PostgreSQL: a
 * registration completed in one statement, exactly once under races, with the email the citizen declared kept
 * unverified; credentials added, found, listed and removed, never the last one, even when two removals race.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { databaseVariants } from '../../../test/support/databases.ts';
import type {
  AccountRepository,
  CompletedRegistrationRecord,
  NewAccount,
  NewCredential,
  RegistrationRepository,
} from '../../usecases/ports/repositories.ts';
import { createAccountRepository } from './account-repository.ts';
import { migratePortal } from './migrate.ts';
import type { PortalTables } from './portal-tables.ts';
import { createRegistrationRepository } from './registration-repository.ts';

const newAccount = (subjectIndex: string, credential: (id: string) => NewCredential): NewAccount => {
  const id = randomUUID();
  return {
    id,
    kind: 'organisation',
    subjectIndex,
    idNumberEnc: 'tax-enc',
    fullNameEnc: 'name-enc',
    birthDateEnc: null,
    representativeIdEnc: 'rep-enc',
    registrationMethod: 'usb-token',
    phone: null,
    claims: [{ claim: 'taxCode', source: 'CA', level: 3 }],
    credential: credential(id),
    createdAt: new Date(),
  };
};

const completed = (subjectIndex: string): CompletedRegistrationRecord => ({
  id: randomUUID(),
  method: 'usb-token',
  subjectIndex,
  identityEnc: 'identity-enc',
  partner: 'vnpt',
  consentVersion: 'consent-test',
});

const certificate = (fingerprint: string) => (): NewCredential => ({
  type: 'certificate',
  identifier: fingerprint,
  secret: '{"issuer":"VNPT-CA"}',
});

for (const variant of databaseVariants) {
  describe(`accounts of any method on ${variant.name}`, { skip: variant.skip }, () => {
    let db: Kysely<PortalTables>;
    let drop: () => Promise<void>;
    let accounts: AccountRepository;
    let registrations: RegistrationRepository;
    before(async () => {
      const opened = await variant.open();
      drop = opened.drop;
      db = opened.database.as<PortalTables>();
      await migratePortal(opened.database.as());
      accounts = createAccountRepository(db);
      registrations = createRegistrationRepository(db);
    });
    after(() => drop());

    async function register(subjectIndex: string, fingerprint: string) {
      const account = newAccount(subjectIndex, certificate(fingerprint));
      const result = await registrations.createCompletedWithAccount(
        completed(subjectIndex),
        account,
        new Date(),
      );
      return { result, account };
    }

    it('a registration completed in one statement: the account with its credential and claims, the unfinished one superseded', async () => {
      const now = new Date();
      await registrations.createSupersedingUnfinished({
        id: 'unfinished-1',
        method: 'mobile',
        state: 'code_sent',
        subjectIndex: 'org-1',
        phoneIndex: null,
        identityEnc: 'x',
        partner: null,
        consentVersion: 'v',
        consentedAt: now,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 60_000),
        codesSent: 1,
        codeExpiresAt: null,
        resendAvailableAt: null,
        verifiedAt: null,
        completedAt: null,
        accountId: null,
      });
      const { result, account } = await register('org-1', 'fp-1');
      assert.equal(result, 'completed');
      const found = await accounts.findAccountByCredential('certificate', 'fp-1');
      assert.equal(found?.id, account.id);
      assert.equal(found?.kind, 'organisation');
      assert.equal(found?.birthDateEnc, null);
      assert.equal(found?.representativeIdEnc, 'rep-enc');
      assert.equal(found?.password, null);
      assert.deepEqual(await accounts.claimsOf(account.id), [{ claim: 'taxCode', source: 'CA', level: 3 }]);
      assert.equal((await registrations.find('unfinished-1'))?.state, 'superseded');
      const rows = await db
        .selectFrom('registrations')
        .select(['state', 'account_id'])
        .where('subject_index', '=', 'org-1')
        .where('state', '=', 'completed')
        .execute();
      assert.deepEqual(rows, [{ state: 'completed', account_id: account.id }]);
    });

    it('keeps a declared email as an unverified contact in the same statement, beside the verified phone', async () => {
      const now = new Date('2026-07-01T08:00:00Z');
      const account: NewAccount = {
        ...newAccount('citizen-with-email', certificate('fp-email')),
        kind: 'citizen',
        birthDateEnc: 'birth-enc',
        representativeIdEnc: null,
        phone: { index: 'phone-index', enc: 'phone-enc' },
        email: { index: 'email-index', enc: 'email-enc' },
        createdAt: now,
      };
      assert.equal(
        await registrations.createCompletedWithAccount(completed('citizen-with-email'), account, now),
        'completed',
      );
      const found = await accounts.findById(account.id);
      assert.deepEqual(found?.email, { index: 'email-index', enc: 'email-enc', verifiedAt: null });
      assert.deepEqual(found?.phone, { index: 'phone-index', enc: 'phone-enc' });
      const contacts = await db
        .selectFrom('account_contacts')
        .select(['kind', 'value_index', 'verified_at'])
        .where('account_id', '=', account.id)
        .orderBy('kind')
        .execute();
      assert.deepEqual(contacts, [
        { kind: 'email', value_index: 'email-index', verified_at: null },
        { kind: 'phone', value_index: 'phone-index', verified_at: now },
      ]);
      // Found by its certificate too, with the same contacts; an account without an email has none.
      assert.equal(
        (await accounts.findAccountByCredential('certificate', 'fp-email'))?.email?.enc,
        'email-enc',
      );
      assert.equal((await accounts.findAccountByCredential('certificate', 'fp-1'))?.email, null);

      // Refused (the subject has its account): the email of the refused registration is not written either.
      const again = { ...account, id: randomUUID(), email: { index: 'other-email', enc: 'x' } };
      assert.equal(
        await registrations.createCompletedWithAccount(
          completed('citizen-with-email'),
          { ...again, credential: certificate('fp-email-2')() },
          now,
        ),
        'account_exists',
      );
      const stray = await db
        .selectFrom('account_contacts')
        .select('account_id')
        .where('value_index', '=', 'other-email')
        .execute();
      assert.deepEqual(stray, []);
    });

    it('the same subject again is account_exists, a credential of another account credential_taken; nothing written', async () => {
      assert.equal((await register('org-1', 'fp-other')).result, 'account_exists');
      assert.equal((await register('org-2', 'fp-1')).result, 'credential_taken');
      assert.equal(await accounts.findAccountByCredential('certificate', 'fp-other'), undefined);
      assert.equal(await accounts.existsForSubject('org-2'), false);
    });

    it('many concurrent registrations of one subject: exactly one account, the others account_exists', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => register('org-race', `fp-race-${i}`)),
      );
      assert.equal(results.filter((r) => r.result === 'completed').length, 1);
      assert.equal(results.filter((r) => r.result === 'account_exists').length, 11);
      const count = await db
        .selectFrom('accounts')
        .where('subject_index', '=', 'org-race')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      const completedRows = await db
        .selectFrom('registrations')
        .where('subject_index', '=', 'org-race')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(completedRows.n), 1);
    });

    it('credentials: added once, listed without secrets of passwords, removed but never the last', async () => {
      const { account } = await register('org-3', 'fp-3');
      assert.equal(await accounts.addCredential(account.id, certificate('fp-3')(), new Date()), 'taken');
      assert.equal(
        await accounts.addCredential(account.id, { type: 'federated', identifier: 'vnpost:abc', secret: '' }),
        'added',
      );
      assert.equal(
        await accounts.addCredential(account.id, {
          type: 'password',
          identifier: account.id,
          secret: 'hash',
        }),
        'added',
      );
      const listed = await accounts.listCredentials(account.id);
      assert.deepEqual(listed.map((c) => [c.type, c.identifier, c.details]).sort(), [
        ['certificate', 'fp-3', '{"issuer":"VNPT-CA"}'],
        ['federated', 'vnpost:abc', ''],
        ['password', account.id, ''],
      ]);
      assert.ok((await accounts.findById(account.id))?.password);

      assert.equal(await accounts.removeCredential(account.id, 'federated', 'nope'), 'not_found');
      assert.equal(await accounts.removeCredential(account.id, 'password', account.id), 'removed');
      assert.equal((await accounts.findById(account.id))?.password, null);
      assert.equal(await accounts.removeCredential(account.id, 'federated', 'vnpost:abc'), 'removed');
      assert.equal(await accounts.removeCredential(account.id, 'certificate', 'fp-3'), 'last');
      assert.equal((await accounts.listCredentials(account.id)).length, 1);
      // Another account's credential is not this account's to remove.
      await register('org-4', 'fp-4');
      assert.equal(await accounts.removeCredential(account.id, 'certificate', 'fp-4'), 'not_found');
      assert.ok(await accounts.findAccountByCredential('certificate', 'fp-4'));
    });

    it('two removals racing on the last two credentials leave one, never none', async () => {
      for (let round = 0; round < 5; round++) {
        const { account } = await register(`org-pair-${round}`, `fp-a-${round}`);
        await accounts.addCredential(account.id, certificate(`fp-b-${round}`)());
        const results = await Promise.all([
          accounts.removeCredential(account.id, 'certificate', `fp-a-${round}`),
          accounts.removeCredential(account.id, 'certificate', `fp-b-${round}`),
        ]);
        assert.deepEqual(results.sort(), ['last', 'removed']);
        assert.equal((await accounts.listCredentials(account.id)).length, 1);
      }
    });
  });
}
