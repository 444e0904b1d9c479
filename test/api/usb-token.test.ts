/**
 * Registration, sign-in and adding a certificate through the real server (methods.md, "USB token"), with
 * certificates from the test PKI and challenges signed as the local agent signs them: every status and code,
 * nothing created by a refusal, one account per ID number or tax code across methods, the session a
 * certificate opens (hwk, LoA2), the email declared on the form kept unverified (encrypted, never logged). On the
 * embedded stores and on PostgreSQL + Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createPersonalDataProtector } from '../../src/adapters/crypto/personal-data-protector.ts';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import { loadConfig } from '../../src/config/config.ts';
import { person } from '../../src/simulators/population/people.ts';
import { newIdentity, registerCompletely, registerSubscriber, solvedCaptcha } from '../support/journey.ts';
import {
  call,
  expectProblem,
  type JsonResponse,
  startTestSystem,
  storeVariants,
  type TestSystem,
} from '../support/system.ts';
import {
  fingerprintOf,
  type IssuedCertificate,
  issueCertificate,
  signedChallenge,
  signNonce,
} from './usb-token-support.ts';

const REGISTER = '/api/v1/registrations/certificate';
const SIGN_IN = '/api/v1/sessions/certificate';
const ADD = '/api/v1/me/certificates';
const EN = { 'accept-language': 'en' };
/** The email one registration declares, so none may be found in the logs. */
const DECLARED_EMAIL = 'Hanh.Tran@Example.vn';

/** People of the population registry for these tests (the test system seeds the first 5,000). */
const people = Array.from({ length: 600 }, (_, n) => person(3000 + n));
const withCmnd = people.filter((p) => p.oldIdNumber);
const withoutCmnd = people.filter((p) => !p.oldIdNumber);
let nextPerson = 0;
let nextCmnd = 0;
/** Every ID number these tests put in a certificate, so none may be found in the logs. */
const usedIdNumbers: string[] = [];
const used = <P extends { idNumber: string; oldIdNumber?: string }>(p: P) => {
  usedIdNumbers.push(p.idNumber, ...(p.oldIdNumber ? [p.oldIdNumber] : []));
  return p;
};
const citizen = () => used(withoutCmnd[nextPerson++]!);
const citizenWithCmnd = () => used(withCmnd[nextCmnd++]!);
let nextTaxCode = 0;
const runSalt = Math.floor(Math.random() * 90_000);
/** A fresh 10-digit tax code (not checked for a check digit by the registry's simulator). */
const taxCode = () => `0${String(100_000_000 + runSalt * 100 + nextTaxCode++).slice(-9)}`;

const cookieOf = (response: JsonResponse) =>
  (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');

for (const variant of storeVariants) {
  describe(`registration and sign-in with a certificate (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    let db: Kysely<PortalTables>;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
      db = t.system.database.as<PortalTables>() as Kysely<PortalTables>;
    });
    after(() => t?.close());

    const accounts = async () =>
      Number(
        (
          await db
            .selectFrom('accounts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    async function register(issued: IssuedCertificate, extra: Record<string, unknown> = {}, headers = {}) {
      return call(
        base,
        'POST',
        REGISTER,
        { ...(await signedChallenge(base, issued)), ...(await solvedCaptcha(base)), consent: true, ...extra },
        headers,
      );
    }

    /** A refusal that must leave no account behind. */
    async function refusedLeavingNothing(refuse: () => Promise<JsonResponse>, status: number, code: string) {
      const before = await accounts();
      const answer = await refuse();
      assert.equal(answer.status, status, `${code} expected: ${JSON.stringify(answer.body)}`);
      const body = expectProblem(answer, status, code);
      assert.equal(await accounts(), before, `${code}: no account created`);
      return body;
    }

    it('registers a citizen with a CCCD certificate, in the registry spelling, and signs them in (hwk, LoA2)', async () => {
      const p = citizen();
      const issued = await issueCertificate(base, {
        idNumber: p.idNumber,
        fullName: p.fullName.toUpperCase(),
      });
      const registered = await register(issued, { email: ` ${DECLARED_EMAIL} ` });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      assert.deepEqual(
        { ...registered.body, accountId: typeof registered.body.accountId },
        { accountId: 'string', username: p.idNumber, accountType: 'citizen', displayName: p.fullName },
      );
      const me = await call(base, 'GET', '/api/v1/me', undefined, { cookie: cookieOf(registered) });
      assert.equal(me.status, 200);
      assert.equal(me.body.accountType, 'citizen');
      assert.equal(me.body.registrationMethod, 'usb-token');
      assert.equal(me.body.displayName, p.fullName);
      // The declared email is the account's, as typed, and not verified.
      assert.equal(me.body.email, DECLARED_EMAIL);
      assert.equal(me.body.emailVerified, false);
      const contacts = await db
        .selectFrom('account_contacts')
        .select(['kind', 'value_index', 'value_enc', 'verified_at'])
        .where('account_id', '=', String(registered.body.accountId))
        .execute();
      assert.equal(contacts.length, 1, 'the email only: a certificate proves no phone');
      const [email] = contacts;
      assert.equal(email?.kind, 'email');
      assert.equal(email?.verified_at, null);
      const config = loadConfig(t.env);
      const protector = createPersonalDataProtector({
        current: config.secrets.dataKey,
        hmacKey: config.secrets.hmacKey,
      });
      assert.equal(protector.decrypt(email?.value_enc ?? ''), DECLARED_EMAIL);
      assert.equal(email?.value_index, protector.blindIndex('email', DECLARED_EMAIL.toLowerCase()));

      const signedIn = await call(base, 'POST', SIGN_IN, await signedChallenge(base, issued));
      assert.equal(signedIn.status, 201, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.accountId, registered.body.accountId);
      assert.ok(cookieOf(signedIn).length > 0, 'a session cookie');
    });

    it('registers a CMND certificate under the CCCD the registry links to it', async () => {
      const p = citizenWithCmnd();
      const issued = await issueCertificate(base, {
        idNumber: p.oldIdNumber!,
        fullName: p.fullName,
        keyType: 'rsa',
      });
      const registered = await register(issued);
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      assert.equal(registered.body.username, p.idNumber);
    });

    it('registers an active organisation under its tax code, named as the business registry names it', async () => {
      const code = taxCode();
      const issued = await issueCertificate(base, {
        taxCode: code,
        organisationName: 'Công ty TNHH Sông Hồng',
      });
      const registered = await register(issued);
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      assert.equal(registered.body.username, code);
      assert.equal(registered.body.accountType, 'organisation');
      const business = await call(base, 'GET', `/sim/business-registry/businesses/${code}`);
      assert.equal(registered.body.displayName, business.body.name);
      const me = await call(base, 'GET', '/api/v1/me', undefined, { cookie: cookieOf(registered) });
      assert.equal(me.body.accountType, 'organisation');
      assert.equal(me.body.username, code);
    });

    it('refuses an organisation the business registry holds as suspended or closed, and waits out its outage', async () => {
      for (const status of ['suspended', 'closed']) {
        const code = taxCode();
        const set = await call(base, 'POST', '/sim/business-registry/businesses', {
          taxCode: code,
          name: 'Công ty CP Tạm Dừng',
          status,
        });
        assert.equal(set.status, 201, JSON.stringify(set.body));
        const issued = await issueCertificate(base, {
          taxCode: code,
          organisationName: 'Công ty CP Tạm Dừng',
        });
        const body = await refusedLeavingNothing(
          () => register(issued, {}, EN),
          422,
          'ORGANISATION_NOT_ACTIVE',
        );
        assert.ok(String(body.title).length > 0);
      }
      const issued = await issueCertificate(base, {
        taxCode: taxCode(),
        organisationName: 'Công ty TNHH Mở',
      });
      await call(base, 'POST', '/sim/business-registry/outage', { down: true });
      try {
        await refusedLeavingNothing(() => register(issued), 503, 'BUSINESS_REGISTRY_UNAVAILABLE');
      } finally {
        await call(base, 'POST', '/sim/business-registry/outage', { down: false });
      }
    });

    it('says ACCOUNT_EXISTS, after the signature, to a second certificate of the same person and to a mobile account holder', async () => {
      const p = citizen();
      const first = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      assert.equal((await register(first)).status, 201);
      const second = await issueCertificate(base, {
        idNumber: p.idNumber,
        fullName: p.fullName,
        ca: 'viettel',
      });
      const exists = await refusedLeavingNothing(() => register(second), 409, 'ACCOUNT_EXISTS');
      assert.ok(String(exists.detail).length > 0);

      // A citizen registered with the mobile method, then with a token.
      const mobile = newIdentity();
      await registerSubscriber(base, mobile);
      await registerCompletely(base, mobile);
      const token = await issueCertificate(base, { idNumber: mobile.idNumber, fullName: mobile.fullName });
      await refusedLeavingNothing(() => register(token), 409, 'ACCOUNT_EXISTS');
      // A tampered signature by the same person is refused as such: the existence is said only to the holder.
      const tampered = await signedChallenge(base, token);
      const bytes = Buffer.from(tampered.signedData, 'base64');
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0x01, bytes.length - 5);
      await refusedLeavingNothing(
        async () =>
          call(base, 'POST', REGISTER, {
            ...tampered,
            signedData: bytes.toString('base64'),
            ...(await solvedCaptcha(base)),
            consent: true,
          }),
        422,
        'SIGNATURE_INVALID',
      );
    });

    it("refuses the pipeline's verdicts, creating nothing: expired, revoked, no identity, replayed challenge", async () => {
      const p = citizen();
      const expired = await issueCertificate(base, {
        idNumber: p.idNumber,
        fullName: p.fullName,
        notBefore: new Date(Date.now() - 10 * 86_400_000).toISOString(),
        validDays: 2,
      });
      await refusedLeavingNothing(() => register(expired), 422, 'CERTIFICATE_EXPIRED');

      const revoked = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      assert.equal(
        (await call(base, 'POST', `/sim/ca/certificates/${revoked.serialNumber}/revoke`, {})).status < 300,
        true,
      );
      await refusedLeavingNothing(() => register(revoked), 422, 'CERTIFICATE_REVOKED');

      const anonymous = await issueCertificate(base, { noIdentity: true, fullName: p.fullName });
      await refusedLeavingNothing(() => register(anonymous), 422, 'CERTIFICATE_NO_IDENTITY');

      const valid = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      const signed = await signedChallenge(base, valid);
      const first = await call(base, 'POST', SIGN_IN, signed);
      expectProblem(first, 401, 'CERTIFICATE_NOT_REGISTERED');
      await refusedLeavingNothing(
        async () =>
          call(base, 'POST', REGISTER, { ...signed, ...(await solvedCaptcha(base)), consent: true }),
        422,
        'CHALLENGE_INVALID',
      );
    });

    it('keeps the challenge of a post refused for its captcha: the same signature then registers', async () => {
      const p = citizen();
      const issued = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      const signed = await signedChallenge(base, issued);
      const captcha = await solvedCaptcha(base);
      await refusedLeavingNothing(
        () => call(base, 'POST', REGISTER, { ...signed, ...captcha, captchaAnswer: 'wrong1', consent: true }),
        422,
        'CAPTCHA_INVALID',
      );
      const registered = await call(base, 'POST', REGISTER, {
        ...signed,
        ...(await solvedCaptcha(base)),
        consent: true,
      });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
    });

    it('answers 503 REVOCATION_UNAVAILABLE when neither OCSP nor the CRL answers, and creates nothing', async () => {
      const p = citizen();
      const issued = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      await call(base, 'POST', '/sim/ca/outage', { down: true });
      try {
        await refusedLeavingNothing(() => register(issued), 503, 'REVOCATION_UNAVAILABLE');
        expectProblem(
          await call(base, 'POST', SIGN_IN, await signedChallenge(base, issued)),
          503,
          'REVOCATION_UNAVAILABLE',
        );
      } finally {
        await call(base, 'POST', '/sim/ca/outage', { down: false });
      }
    });

    it('answers 503 for a CMND certificate while the population registry is down, creating nothing', async () => {
      const p = citizenWithCmnd();
      const issued = await issueCertificate(base, { idNumber: p.oldIdNumber!, fullName: p.fullName });
      await call(base, 'POST', '/sim/population/outage', { down: true });
      try {
        await refusedLeavingNothing(() => register(issued), 503, 'POPULATION_UNAVAILABLE');
      } finally {
        await call(base, 'POST', '/sim/population/outage', { down: false });
      }
    });

    it('gives the field errors of malformed entries (422) and refuses what the schema does not allow (400)', async () => {
      const captcha = await solvedCaptcha(base);
      const invalid = await call(
        base,
        'POST',
        REGISTER,
        { challengeId: 'x', signedData: '%%%', email: 'not-an-email', ...captcha, consent: true },
        EN,
      );
      const body = expectProblem(invalid, 422, 'VALIDATION_FAILED');
      const fields = (body.errors as Array<{ field: string; code: string }>).map(
        (e) => `${e.field}:${e.code}`,
      );
      assert.deepEqual(fields.sort(), [
        'challengeId:CHALLENGE_ID_INVALID',
        'email:EMAIL_INVALID',
        'signedData:SIGNED_DATA_INVALID',
      ]);
      // The captcha was not checked, so it is still good.
      const p = citizen();
      const issued = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      const ok = await call(base, 'POST', REGISTER, {
        ...(await signedChallenge(base, issued)),
        ...captcha,
        consent: true,
      });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));

      const refusedConsent = await call(base, 'POST', REGISTER, {
        ...captcha,
        challengeId: 'abcdefghijklmnop',
        signedData: 'AAAA',
        consent: false,
      });
      const consentErrors = expectProblem(refusedConsent, 422, 'VALIDATION_FAILED').errors as Array<{
        field: string;
        code: string;
      }>;
      assert.deepEqual(
        consentErrors.map((e) => `${e.field}:${e.code}`),
        ['consent:REQUIRED'],
      );
      const extra = {
        ...captcha,
        challengeId: 'abcdefghijklmnop',
        signedData: 'AAAA',
        consent: true,
        extra: 1,
      };
      expectProblem(await call(base, 'POST', REGISTER, extra), 400, 'BAD_REQUEST');
      expectProblem(
        await call(base, 'POST', SIGN_IN, { challengeId: 'abcdefghijklmnop' }),
        422,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await call(base, 'POST', SIGN_IN, { challengeId: 5, signedData: 'AAAA' }),
        400,
        'BAD_REQUEST',
      );
      const unknown = await call(base, 'POST', SIGN_IN, {
        challengeId: 'abcdefghijklmnopqrstuvwx',
        signedData: Buffer.from('not a signature at all').toString('base64'),
      });
      expectProblem(unknown, 422, 'CHALLENGE_INVALID');
    });

    it('says CERTIFICATE_NOT_REGISTERED in both languages, with a pointer to register', async () => {
      const p = citizen();
      const issued = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      const vi = expectProblem(
        await call(base, 'POST', SIGN_IN, await signedChallenge(base, issued)),
        401,
        'CERTIFICATE_NOT_REGISTERED',
      );
      const en = expectProblem(
        await call(base, 'POST', SIGN_IN, await signedChallenge(base, issued), EN),
        401,
        'CERTIFICATE_NOT_REGISTERED',
      );
      assert.match(String(vi.detail), /đăng ký/i);
      assert.match(String(en.detail), /register/i);
      assert.notEqual(vi.title, en.title);
    });

    it("adds the holder's own certificate to an account, refusing another person's or another account's", async () => {
      // A mobile account adds a certificate, then signs in with it.
      const mobile = newIdentity();
      await registerSubscriber(base, mobile);
      await registerCompletely(base, mobile);
      const signedIn = await call(base, 'POST', '/api/v1/sessions', {
        username: mobile.idNumber,
        password: 'Sông#Hồng2024xanh',
      });
      assert.equal(signedIn.status, 201);
      const cookie = { cookie: cookieOf(signedIn) };
      const own = await issueCertificate(base, { idNumber: mobile.idNumber, fullName: mobile.fullName });

      expectProblem(await call(base, 'POST', ADD, await signedChallenge(base, own)), 401, 'UNAUTHENTICATED');
      const added = await call(base, 'POST', ADD, await signedChallenge(base, own), cookie);
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal(added.body.fingerprint, await fingerprintOf(own.certificatePem));
      assert.equal(added.body.added, true);
      const again = await call(base, 'POST', ADD, await signedChallenge(base, own), cookie);
      assert.equal(again.status, 200);
      assert.equal(again.body.added, false);
      const byToken = await call(base, 'POST', SIGN_IN, await signedChallenge(base, own));
      assert.equal(byToken.status, 201);
      assert.equal(byToken.body.accountId, signedIn.body.accountId);

      const stranger = citizen();
      const theirs = await issueCertificate(base, {
        idNumber: stranger.idNumber,
        fullName: stranger.fullName,
      });
      expectProblem(
        await call(base, 'POST', ADD, await signedChallenge(base, theirs), cookie),
        422,
        'CERTIFICATE_NOT_YOURS',
      );
      const business = await issueCertificate(base, {
        taxCode: taxCode(),
        organisationName: 'Công ty TNHH Khác',
      });
      expectProblem(
        await call(base, 'POST', ADD, await signedChallenge(base, business), cookie),
        422,
        'CERTIFICATE_NOT_YOURS',
      );

      // The stranger registers with their certificate; a second account of theirs cannot take it.
      const registered = await register(theirs);
      assert.equal(registered.status, 201);
      const code = taxCode();
      const org = await register(
        await issueCertificate(base, { taxCode: code, organisationName: 'Công ty A' }),
      );
      assert.equal(org.status, 201);
      const orgCookie = { cookie: cookieOf(org) };
      const orgCertificate = await issueCertificate(base, { taxCode: code, organisationName: 'Công ty A' });
      const orgAdded = await call(base, 'POST', ADD, await signedChallenge(base, orgCertificate), orgCookie);
      assert.equal(orgAdded.status, 201, 'a second certificate of the same business');
      const mobileCookieTakesOrg = await call(
        base,
        'POST',
        ADD,
        await signedChallenge(base, orgCertificate),
        cookie,
      );
      expectProblem(mobileCookieTakesOrg, 422, 'CERTIFICATE_NOT_YOURS');
    });

    it('signs the nonce, not anything else: a signature over other bytes is SIGNATURE_INVALID', async () => {
      const p = citizen();
      const issued = await issueCertificate(base, { idNumber: p.idNumber, fullName: p.fullName });
      const challenge = await call<{ challengeId: string; nonce: string }>(
        base,
        'POST',
        '/api/v1/certificate-challenges',
      );
      const other = Buffer.alloc(32, 7).toString('base64');
      expectProblem(
        await call(base, 'POST', SIGN_IN, {
          challengeId: challenge.body.challengeId,
          signedData: await signNonce(other, issued),
        }),
        422,
        'SIGNATURE_INVALID',
      );
    });

    it('writes no ID number of a certificate holder, nor a declared email, to the logs', () => {
      const log = t.log.text();
      assert.ok(usedIdNumbers.length > 10);
      for (const idNumber of usedIdNumbers) assert.ok(!log.includes(idNumber), 'an ID number in the logs');
      assert.ok(!log.toLowerCase().includes(DECLARED_EMAIL.toLowerCase()), 'the email in the logs');
    });
  });
}
