/**
 * Registration and sign-in by SIM signature through the real server and the MSSP simulator over its SOAP
 * protocol (docs/methods.md, "SIM signature"): the 202 start, polling GET /api/v1/registrations/{id} while the
 * virtual phone shows the SIM Toolkit prompt, and each way it ends: approved (account with the SIM certificate
 * as credential, signed in), cancelled, a wrong PIN then the right one, the PIN blocked, the window expired (the
 * clock), no signature service, a revoked certificate, the MSSP down, superseded, and approved then polled many
 * times at once (one account). On the embedded stores and on PostgreSQL + Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import { startSystem } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { devMsspApplicationProvider } from '../../src/simulators/mssp/index.ts';
import { person } from '../../src/simulators/population/people.ts';
import { awaitedSignatureCalls, cookieOf } from '../support/awaited-signature.ts';
import { call, expectProblem, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

const REGISTER = '/api/v1/registrations/sim-signature';
const SIGN_IN = '/api/v1/sessions/sim-signature';
const PIN = '2468';

const runSalt = Math.floor(Math.random() * 9_000);
let nextPerson = 0;
/** A person of the population registry with a SIM of their own (numbers unique to this run). */
function nextSubscriber() {
  const n = nextPerson++;
  const p = person(3700 + ((runSalt + n * 7) % 1200));
  return {
    idNumber: p.idNumber,
    fullName: p.fullName,
    phoneNumber: `+8491${String(3_000_000 + runSalt * 100 + n).slice(-7)}`,
    pin: PIN,
  };
}

for (const variant of storeVariants) {
  describe(`SIM signature over the MSSP (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    let db: Kysely<PortalTables>;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
      db = t.system.database.as<PortalTables>() as Kysely<PortalTables>;
    });
    after(() => t?.close());

    async function subscriber() {
      const s = nextSubscriber();
      const created = await call(base, 'POST', '/sim/mssp/subscribers', s);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return { ...s, serialNumber: created.body.serialNumber as string };
    }

    const { accounts, start, started, status, refusedWith, answer } = awaitedSignatureCalls(() => t, {
      register: REGISTER,
      body: (phoneNumber: string) => ({ phoneNumber }),
      screen: 'sim-toolkit',
    });

    it('approved on the phone: the account with the SIM certificate, signed in; later sign-in by SIM signature', async () => {
      const s = await subscriber();
      const before = await accounts();
      const body = await started(s.phoneNumber);
      assert.equal(body.step, 'awaiting-signature');
      assert.match(body.displayCode, /^[A-Z0-9]{4}$/);
      const window = new Date(body.expiresAt).getTime() - t.clock.now().getTime();
      assert.ok(window > 115_000 && window <= 120_000, `a 2-minute window, got ${window} ms`);

      const waiting = await status(body.registrationId);
      assert.deepEqual(
        { step: waiting.body.step, displayCode: waiting.body.displayCode, method: waiting.body.method },
        { step: 'awaiting-signature', displayCode: body.displayCode, method: 'sim-signature' },
      );
      assert.equal(waiting.body.expiresAt, body.expiresAt);
      const prompt = await answer(s.phoneNumber, { pin: s.pin });
      assert.match(prompt.text, new RegExp(`Đăng ký tài khoản DVC — mã ${body.displayCode}`));

      const done = await status(body.registrationId);
      assert.equal(done.body.step, 'completed', JSON.stringify(done.body));
      assert.equal(done.body.username, s.idNumber);
      assert.equal(typeof done.body.accountId, 'string');
      assert.equal(await accounts(), before + 1);
      const me = await call(base, 'GET', '/api/v1/me', undefined, { cookie: cookieOf(done) });
      assert.equal(me.status, 200, 'the poll that completed it signed the citizen in');
      assert.equal(me.body.registrationMethod, 'sim-signature');
      assert.equal(me.body.displayName, s.fullName);

      const signIn = await call(base, 'POST', SIGN_IN, { phoneNumber: `0${s.phoneNumber.slice(3)}` });
      assert.equal(signIn.status, 202, JSON.stringify(signIn.body));
      const pending = await call(base, 'GET', `${SIGN_IN}/${signIn.body.signInId}`);
      assert.equal(pending.body.step, 'awaiting-signature');
      assert.equal(pending.body.displayCode, signIn.body.displayCode);
      const signInPrompt = await answer(s.phoneNumber, { pin: s.pin });
      assert.match(signInPrompt.text, new RegExp(`Đăng nhập DVC — mã ${signIn.body.displayCode}`));
      const signedIn = await call(base, 'GET', `${SIGN_IN}/${signIn.body.signInId}`);
      assert.equal(signedIn.body.step, 'completed', JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.accountId, done.body.accountId);
      const session = await call(base, 'GET', '/api/v1/me', undefined, { cookie: cookieOf(signedIn) });
      assert.equal(session.status, 200);
    });

    it('cancelled on the phone: refused SIGNATURE_CANCELLED, nothing created', async () => {
      const s = await subscriber();
      const before = await accounts();
      const body = await started(s.phoneNumber);
      await answer(s.phoneNumber, { cancel: true });
      await refusedWith(body.registrationId, 'SIGNATURE_CANCELLED');
      assert.equal(await accounts(), before);
    });

    it('a wrong PIN leaves it awaiting (the SIM asks again); the right one then completes it', async () => {
      const s = await subscriber();
      const body = await started(s.phoneNumber);
      await answer(s.phoneNumber, { pin: '0000' });
      assert.equal((await status(body.registrationId)).body.step, 'awaiting-signature');
      await answer(s.phoneNumber, { pin: s.pin });
      assert.equal((await status(body.registrationId)).body.step, 'completed');
    });

    it('three wrong PINs block it: refused SIM_PIN_BLOCKED, and the next request to that SIM too', async () => {
      const s = await subscriber();
      const body = await started(s.phoneNumber);
      for (let i = 0; i < 3; i++) await answer(s.phoneNumber, { pin: '0000' });
      await refusedWith(body.registrationId, 'SIM_PIN_BLOCKED');
      const again = await started(s.phoneNumber);
      await refusedWith(again.registrationId, 'SIM_PIN_BLOCKED');
    });

    it('nobody answers within 2 minutes (the clock): refused SIGNATURE_EXPIRED', async () => {
      const s = await subscriber();
      const body = await started(s.phoneNumber);
      t.clock.advance(121_000);
      await refusedWith(body.registrationId, 'SIGNATURE_EXPIRED');
    });

    it('a SIM without the signature service: 422 MOBILE_SIGNATURE_NOT_ENABLED at the start, nothing created', async () => {
      const before = await accounts();
      const unknown = nextSubscriber();
      expectProblem(await start(unknown.phoneNumber), 422, 'MOBILE_SIGNATURE_NOT_ENABLED');
      assert.equal(await accounts(), before);
    });

    it('a phone number that is not one: 422 with the field named', async () => {
      const refused = expectProblem(await start('12345'), 422, 'VALIDATION_FAILED');
      const errors = refused.errors as Array<{ field: string; code: string }>;
      assert.deepEqual(
        errors.map(({ field, code }) => ({ field, code })),
        [{ field: 'phoneNumber', code: 'PHONE_NUMBER_INVALID' }],
      );
    });

    it('a revoked SIM certificate: refused CERTIFICATE_REVOKED once signed, nothing created', async () => {
      const s = await subscriber();
      const revoked = await call(base, 'POST', `/sim/ca/certificates/${s.serialNumber}/revoke`, {});
      assert.ok(revoked.status < 300, JSON.stringify(revoked.body));
      const before = await accounts();
      const body = await started(s.phoneNumber);
      await answer(s.phoneNumber, { pin: s.pin });
      await refusedWith(body.registrationId, 'CERTIFICATE_REVOKED');
      assert.equal(await accounts(), before);
    });

    it('the MSSP down: 503 MOBILE_SIGNATURE_UNAVAILABLE with Retry-After, nothing created', async () => {
      const s = await subscriber();
      const before = await accounts();
      assert.equal((await call(base, 'POST', '/sim/mssp/outage', { down: true })).status, 200);
      try {
        expectProblem(await start(s.phoneNumber), 503, 'MOBILE_SIGNATURE_UNAVAILABLE');
      } finally {
        await call(base, 'POST', '/sim/mssp/outage', { down: false });
      }
      assert.equal(await accounts(), before);
      const rows = await db
        .selectFrom('registrations')
        .select('id')
        .where('method', '=', 'sim-signature')
        .execute();
      const body = await started(s.phoneNumber);
      assert.ok(!rows.some((r) => r.id === body.registrationId));
    });

    it('a new start for the same SIM supersedes the awaiting one: refused SUPERSEDED', async () => {
      const s = await subscriber();
      const first = await started(s.phoneNumber);
      const second = await started(s.phoneNumber);
      await refusedWith(first.registrationId, 'SUPERSEDED');
      assert.equal((await status(second.registrationId)).body.step, 'awaiting-signature');
    });

    it('a SIM is prompted at most 5 times in 10 minutes for registrations: the sixth start is 429 RATE_LIMITED', async () => {
      const s = await subscriber();
      for (let i = 0; i < 5; i++) await started(s.phoneNumber);
      expectProblem(await start(s.phoneNumber), 429, 'RATE_LIMITED');
      const other = await subscriber();
      await started(other.phoneNumber);
    });

    it('approved, then polled many times at once: one account, every poll ends completed with it', async () => {
      const s = await subscriber();
      const before = await accounts();
      const body = await started(s.phoneNumber);
      await answer(s.phoneNumber, { pin: s.pin });
      const polls = await Promise.all(Array.from({ length: 8 }, () => status(body.registrationId)));
      assert.ok(polls.every((p) => p.status === 200));
      assert.ok(polls.every((p) => ['awaiting-signature', 'completed'].includes(p.body.step as string)));
      const final = await status(body.registrationId);
      assert.equal(final.body.step, 'completed');
      assert.equal(await accounts(), before + 1);
      assert.equal(polls.filter((p) => cookieOf(p).includes('sid=')).length, 1, 'one poll signed in');
    });

    it('approved, then polled on two hub processes at once (servers only): one account', {
      skip: variant.name === 'servers' ? undefined : 'two processes share only PostgreSQL and Redis',
    }, async () => {
      // A second hub on the same database, Redis prefix and secrets (same DATA_DIR), its MSSP client pointed at
      // the first's MSSP: polls on both race through the Redis claim and the database's compare-and-set.
      const secret = loadConfig(t.env).simulators.devSecret ?? 'dev';
      const ap = devMsspApplicationProvider(secret);
      const second = await startSystem(
        loadConfig({
          ...t.env,
          MSSP_WSDL_URL: `${base}/mssp/wsdl/mssp.wsdl`,
          MSSP_AP_ID: ap.apId,
          MSSP_AP_PWD: ap.apPwd,
        }),
        { clock: t.clock, logger: createLogger({ level: 'silent' }) },
      );
      try {
        const s = await subscriber();
        const before = await accounts();
        const body = await started(s.phoneNumber);
        await answer(s.phoneNumber, { pin: s.pin });
        const polls = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            call(i % 2 === 0 ? base : second.url, 'GET', `/api/v1/registrations/${body.registrationId}`),
          ),
        );
        assert.ok(polls.every((p) => p.status === 200));
        for (const url of [base, second.url]) {
          const final = await call(url, 'GET', `/api/v1/registrations/${body.registrationId}`);
          assert.equal(final.body.step, 'completed');
        }
        assert.equal(await accounts(), before + 1);
        assert.equal(polls.filter((p) => cookieOf(p).includes('sid=')).length, 1, 'one poll signed in');
      } finally {
        await second.close();
      }
    });

    it('the same person again: refused ACCOUNT_EXISTS, told only once the SIM signed', async () => {
      const s = await subscriber();
      const first = await started(s.phoneNumber);
      await answer(s.phoneNumber, { pin: s.pin });
      assert.equal((await status(first.registrationId)).body.step, 'completed');
      const again = await started(s.phoneNumber);
      await answer(s.phoneNumber, { pin: s.pin });
      await refusedWith(again.registrationId, 'ACCOUNT_EXISTS');
    });
  });
}
