/**
 * Registration and sign-in by remote (personal) signature through the real server and the remote-signing
 * simulators over the CSC API v2 (docs/methods.md, "Remote (personal) signature"): the 202 start, polling
 * GET /api/v1/registrations/{id} while the virtual phone's signing app shows the request, and each way it ends:
 * approved with each provider (account with the remote certificate as credential, signed in; later sign-in by
 * remote signature), declined, the window expired (the clock), no credential at that provider, a revoked
 * certificate, the provider down, superseded, the same person again, and approved then polled many times at
 * once (one account). On the embedded stores and on PostgreSQL + Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import { person } from '../../src/simulators/population/people.ts';
import { awaitedSignatureCalls, cookieOf } from '../support/awaited-signature.ts';
import { call, expectProblem, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

const REGISTER = '/api/v1/registrations/remote-signature';
const SIGN_IN = '/api/v1/sessions/remote-signature';
const PIN = '1357';

const runSalt = Math.floor(Math.random() * 9_000);
let nextPerson = 0;
/** A person of the population registry with a phone of their own (numbers unique to this run). */
function nextCitizen(provider: 'smartca' | 'mysign' = 'smartca') {
  const n = nextPerson++;
  const p = person(5200 + ((runSalt + n * 7) % 1200));
  return {
    provider,
    idNumber: p.idNumber,
    fullName: p.fullName,
    phoneNumber: `+8490${String(4_000_000 + runSalt * 100 + n).slice(-7)}`,
    pin: PIN,
  };
}

for (const variant of storeVariants) {
  describe(`remote signature over the CSC API (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    let db: Kysely<PortalTables>;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
      db = t.system.database.as<PortalTables>() as Kysely<PortalTables>;
    });
    after(() => t?.close());

    async function citizen(provider?: 'smartca' | 'mysign') {
      const c = nextCitizen(provider);
      const created = await call(base, 'POST', '/sim/remote-signing/users', c);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return { ...c, serialNumber: created.body.serialNumber as string };
    }

    const {
      accounts,
      start,
      started,
      status,
      refusedWith,
      answer,
      shownOnPhone: notifications,
    } = awaitedSignatureCalls(() => t, {
      register: REGISTER,
      body: (c: { idNumber: string; provider: string }) => ({ idNumber: c.idNumber, provider: c.provider }),
      screen: 'signing-app',
    });

    it('approved in the SmartCA app: the account with the remote certificate, signed in; later sign-in by remote signature', async () => {
      const c = await citizen('smartca');
      const before = await accounts();
      const body = await started(c);
      assert.equal(body.step, 'awaiting-signature');
      assert.match(body.displayCode, /^[A-Z0-9]{4}$/);
      const window = new Date(body.expiresAt).getTime() - t.clock.now().getTime();
      assert.ok(window > 115_000 && window <= 120_000, `a 2-minute window, got ${window} ms`);

      const waiting = await status(body.registrationId);
      assert.deepEqual(
        { step: waiting.body.step, displayCode: waiting.body.displayCode, method: waiting.body.method },
        { step: 'awaiting-signature', displayCode: body.displayCode, method: 'remote-signature' },
      );
      const shown = await answer(c.phoneNumber, { pin: c.pin });
      assert.equal(shown.provider, 'smartca');
      assert.equal(shown.text, `Đăng ký tài khoản DVC — mã ${body.displayCode}`);

      const done = await status(body.registrationId);
      assert.equal(done.body.step, 'completed', JSON.stringify(done.body));
      assert.equal(done.body.username, c.idNumber);
      assert.equal(await accounts(), before + 1);
      const me = await call(base, 'GET', '/api/v1/me', undefined, { cookie: cookieOf(done) });
      assert.equal(me.status, 200, 'the poll that completed it signed the citizen in');
      assert.equal(me.body.registrationMethod, 'remote-signature');
      assert.equal(me.body.displayName, c.fullName);
      const session = await db
        .selectFrom('credentials')
        .select(['type'])
        .where('account_id', '=', done.body.accountId as string)
        .execute();
      assert.deepEqual(
        session.map((s) => s.type),
        ['certificate'],
      );

      const signIn = await call(base, 'POST', SIGN_IN, { idNumber: c.idNumber, provider: 'smartca' });
      assert.equal(signIn.status, 202, JSON.stringify(signIn.body));
      const pending = await call(base, 'GET', `${SIGN_IN}/${signIn.body.signInId}`);
      assert.equal(pending.body.step, 'awaiting-signature');
      assert.equal(pending.body.displayCode, signIn.body.displayCode);
      const signInPrompt = await answer(c.phoneNumber, { pin: c.pin });
      assert.equal(signInPrompt.text, `Đăng nhập DVC — mã ${signIn.body.displayCode}`);
      const signedIn = await call(base, 'GET', `${SIGN_IN}/${signIn.body.signInId}`);
      assert.equal(signedIn.body.step, 'completed', JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.accountId, done.body.accountId);
      const again = await call(base, 'GET', '/api/v1/me', undefined, { cookie: cookieOf(signedIn) });
      assert.equal(again.status, 200);
    });

    it('approved in the MySign app: the account, with the Viettel CA as the issuer', async () => {
      const c = await citizen('mysign');
      const body = await started(c);
      const shown = await answer(c.phoneNumber, { pin: c.pin });
      assert.equal(shown.provider, 'mysign');
      const done = await status(body.registrationId);
      assert.equal(done.body.step, 'completed', JSON.stringify(done.body));
      const [credential] = await db
        .selectFrom('credentials')
        .select(['secret'])
        .where('account_id', '=', done.body.accountId as string)
        .where('type', '=', 'certificate')
        .execute();
      assert.match(JSON.parse(credential?.secret ?? '{}').issuer, /Viettel/);
    });

    it('declined in the app: refused SIGNATURE_CANCELLED, nothing created', async () => {
      const c = await citizen();
      const before = await accounts();
      const body = await started(c);
      await answer(c.phoneNumber, { cancel: true });
      await refusedWith(body.registrationId, 'SIGNATURE_CANCELLED');
      assert.equal(await accounts(), before);
    });

    it('a wrong app PIN leaves it awaiting; the right one then completes it', async () => {
      const c = await citizen();
      const body = await started(c);
      const [shown] = await notifications(c.phoneNumber);
      const wrong = await call(
        base,
        'POST',
        `/sim/phones/${encodeURIComponent(c.phoneNumber)}/signing-app/${shown?.requestId}`,
        { pin: '0000' },
      );
      assert.equal(wrong.body.outcome, 'wrong_pin');
      assert.equal((await status(body.registrationId)).body.step, 'awaiting-signature');
      await answer(c.phoneNumber, { pin: c.pin });
      assert.equal((await status(body.registrationId)).body.step, 'completed');
    });

    it('nobody answers within 2 minutes (the clock): refused SIGNATURE_EXPIRED', async () => {
      const c = await citizen();
      const body = await started(c);
      t.clock.advance(121_000);
      await refusedWith(body.registrationId, 'SIGNATURE_EXPIRED');
    });

    it('no credential for this ID at that provider: 422 REMOTE_SIGNATURE_NOT_FOUND at the start, nothing created', async () => {
      const c = await citizen('smartca');
      const before = await accounts();
      expectProblem(await start({ ...c, provider: 'mysign' }), 422, 'REMOTE_SIGNATURE_NOT_FOUND');
      expectProblem(await start(nextCitizen()), 422, 'REMOTE_SIGNATURE_NOT_FOUND');
      assert.equal(await accounts(), before);
      assert.deepEqual(await notifications(c.phoneNumber), [], 'no request reached the phone');
    });

    it('an ID number that is not one, or a provider not offered: 422 with the fields named', async () => {
      const refused = expectProblem(
        await start({ idNumber: '12345', provider: 'acme' }),
        422,
        'VALIDATION_FAILED',
      );
      const errors = refused.errors as Array<{ field: string; code: string }>;
      assert.deepEqual(
        errors.map(({ field, code }) => ({ field, code })),
        [
          { field: 'idNumber', code: 'ID_NUMBER_INVALID' },
          { field: 'provider', code: 'PROVIDER_REQUIRED' },
        ],
      );
    });

    it('a revoked certificate: refused CERTIFICATE_REVOKED once signed, nothing created', async () => {
      const c = await citizen();
      const revoked = await call(base, 'POST', `/sim/ca/certificates/${c.serialNumber}/revoke`, {});
      assert.ok(revoked.status < 300, JSON.stringify(revoked.body));
      const before = await accounts();
      const body = await started(c);
      await answer(c.phoneNumber, { pin: c.pin });
      await refusedWith(body.registrationId, 'CERTIFICATE_REVOKED');
      assert.equal(await accounts(), before);
    });

    it('the provider down: 503 REMOTE_SIGNATURE_UNAVAILABLE with Retry-After, nothing created; a poll meanwhile keeps it awaiting', async () => {
      const c = await citizen();
      const before = await accounts();
      const awaiting = await started(c);
      const registrations = async () =>
        (await db.selectFrom('registrations').select('id').where('method', '=', 'remote-signature').execute())
          .length;
      const rows = await registrations();
      assert.equal((await call(base, 'POST', '/sim/remote-signing/outage', { down: true })).status, 200);
      try {
        expectProblem(await start(c), 503, 'REMOTE_SIGNATURE_UNAVAILABLE');
        const polled = await status(awaiting.registrationId);
        assert.equal(polled.body.step, 'awaiting-signature', 'an outage is not the citizen’s refusal');
      } finally {
        await call(base, 'POST', '/sim/remote-signing/outage', { down: false });
      }
      assert.equal(await accounts(), before);
      assert.equal(await registrations(), rows, 'the refused start recorded nothing');
    });

    it('a new start for the same person supersedes the awaiting one: refused SUPERSEDED', async () => {
      const c = await citizen();
      const first = await started(c);
      const second = await started(c);
      await refusedWith(first.registrationId, 'SUPERSEDED');
      assert.equal((await status(second.registrationId)).body.step, 'awaiting-signature');
    });

    it('approved, then polled many times at once: one account, one poll signs in', async () => {
      const c = await citizen();
      const before = await accounts();
      const body = await started(c);
      await answer(c.phoneNumber, { pin: c.pin });
      const polls = await Promise.all(Array.from({ length: 8 }, () => status(body.registrationId)));
      assert.ok(polls.every((p) => p.status === 200));
      assert.ok(polls.every((p) => ['awaiting-signature', 'completed'].includes(p.body.step as string)));
      const final = await status(body.registrationId);
      assert.equal(final.body.step, 'completed');
      assert.equal(await accounts(), before + 1);
      assert.equal(polls.filter((p) => cookieOf(p).includes('sid=')).length, 1, 'one poll signed in');
    });

    it('the same person again: refused ACCOUNT_EXISTS, told only once the signature proved them', async () => {
      const c = await citizen();
      const first = await started(c);
      await answer(c.phoneNumber, { pin: c.pin });
      assert.equal((await status(first.registrationId)).body.step, 'completed');
      const again = await started(c);
      assert.equal(again.step, 'awaiting-signature', 'nothing said about the account before the signature');
      await answer(c.phoneNumber, { pin: c.pin });
      await refusedWith(again.registrationId, 'ACCOUNT_EXISTS');
    });
  });
}
