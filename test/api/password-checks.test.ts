/**
 * POST /api/v1/password-checks through the real server: the server-only rules with the journey's own
 * personal data (registration, recovery, signed-in account), nothing before the password step, vi and en
 * messages, the per-IP limit, the OpenAPI document, and never the password in the logs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertNoSecretsIn,
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  smsReceived,
  solvedCaptcha,
  startRegistration,
} from '../support/journey.ts';
import { call, expectProblem, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

const CHECK = '/api/v1/password-checks';
const SEED_EXAMPLE = 'Aa@123456';

// A type, not an interface: it stands where problem bodies (Record<string, unknown>) are expected too.
type Answer = {
  ok: boolean;
  failures: Array<{ code: string; message: string }>;
  commonPassword?: string;
};

const codes = (answer: Answer) => answer.failures.map((failure) => failure.code);

for (const variant of storeVariants) {
  describe(`password checks API (${variant.name})`, { skip: variant.skip }, () => {
    let system: TestSystem;
    let base: string;
    const typedPasswords: string[] = [];
    before(async () => {
      system = await startTestSystem(variant.name);
      base = system.url;
    });
    after(() => system?.close());

    const check = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      if (typeof body.password === 'string') typedPasswords.push(body.password);
      return call<Answer>(base, 'POST', CHECK, body, headers);
    };

    /** A registration whose code was accepted: at its password step. */
    async function atPasswordStep() {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      const started = await startRegistration(base, identity);
      const registrationId = started.body.registrationId as string;
      const code = await codeSentTo(base, identity.phoneNumber);
      assert.equal(
        (await call(base, 'POST', `/api/v1/registrations/${registrationId}/otp`, { code })).status,
        200,
      );
      return { identity, registrationId };
    }

    it("marks the seed's example as common and the registration's own birth date and phone as personal", async () => {
      const { identity, registrationId } = await atPasswordStep();
      const seed = await check({ registrationId, password: SEED_EXAMPLE });
      assert.equal(seed.status, 200, JSON.stringify(seed.body));
      assert.equal(seed.headers.get('cache-control'), 'no-store');
      assert.deepEqual(codes(seed.body), ['TOO_COMMON']);
      assert.equal(seed.body.ok, false);
      assert.equal(seed.body.commonPassword, 'aa123456');
      assert.match(seed.body.failures[0]!.message, /phổ biến/);

      const [yyyy, mm, dd] = identity.birthDate.split('-');
      for (const password of [`Hoa#${dd}${mm}${yyyy}x`, `Xy#0${identity.phoneNumber.slice(3)}`]) {
        const personal = await check({ registrationId, password });
        assert.deepEqual(codes(personal.body), ['CONTAINS_PERSONAL_DATA'], password);
      }
      // Somebody else's birth date is no reason to refuse.
      const strangers = await check({ registrationId, password: 'Hoa#01021985x' });
      assert.deepEqual(strangers.body, { ok: true, failures: [] });
    });

    it('answers in English with Accept-Language, and reports the composition rules too', async () => {
      const { registrationId } = await atPasswordStep();
      const answer = await check({ registrationId, password: 'abc' }, { 'accept-language': 'en' });
      assert.deepEqual(codes(answer.body), ['TOO_SHORT', 'NO_UPPERCASE', 'NO_DIGIT', 'NO_SPECIAL']);
      assert.equal(answer.body.failures[0]!.message, 'The password needs at least 8 characters.');
      assert.deepEqual((await check({ registrationId, password: STRONG_PASSWORD })).body, {
        ok: true,
        failures: [],
      });
    });

    it('says nothing about a registration before its code is accepted, an unknown one, or nobody', async () => {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      const started = await startRegistration(base, identity);
      const registrationId = started.body.registrationId as string;
      expectProblem(await check({ registrationId, password: SEED_EXAMPLE }), 409, 'STEP_NOT_ALLOWED');
      const unknown = await check({ registrationId: 'x'.repeat(32), password: SEED_EXAMPLE });
      expectProblem(unknown, 404, 'REGISTRATION_NOT_FOUND');
      expectProblem(
        await check({ recoveryId: 'y'.repeat(32), password: SEED_EXAMPLE }),
        404,
        'CODE_NOT_FOUND',
      );
      const signedOut = expectProblem(await check({ password: SEED_EXAMPLE }), 401, 'UNAUTHENTICATED');
      assert.ok(!('failures' in signedOut));
    });

    it('refuses bodies that name two journeys, other fields, or a password over 1024 characters', async () => {
      const { registrationId } = await atPasswordStep();
      for (const body of [
        { registrationId, recoveryId: 'y'.repeat(32), password: 'x' },
        { registrationId, password: 'x', confirmPassword: 'x' },
        { registrationId, password: 'x'.repeat(1025) },
        { registrationId },
      ]) {
        expectProblem(await check(body), 400, 'BAD_REQUEST');
      }
    });

    it("checks a recovery at its password step against the account's data, and the signed-in account's", async () => {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      await registerCompletely(base, identity);
      const [yyyy, mm, dd] = identity.birthDate.split('-');
      const birthDay = `Hoa#${dd}${mm}${yyyy}x`;

      const sent = (await smsReceived(base, identity.phoneNumber)).length;
      const started = await call(base, 'POST', '/api/v1/password-recoveries', {
        idNumber: identity.idNumber,
        ...(await solvedCaptcha(base)),
      });
      const recoveryId = started.body.recoveryId as string;
      expectProblem(await check({ recoveryId, password: birthDay }), 409, 'STEP_NOT_ALLOWED');
      const code = await codeSentTo(base, identity.phoneNumber, sent + 1);
      await call(base, 'POST', `/api/v1/password-recoveries/${recoveryId}/otp`, { code });
      assert.deepEqual(codes((await check({ recoveryId, password: birthDay })).body), [
        'CONTAINS_PERSONAL_DATA',
      ]);

      const signedIn = await call(base, 'POST', '/api/v1/sessions', {
        username: identity.idNumber,
        password: STRONG_PASSWORD,
      });
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const mine = await check({ password: birthDay }, { cookie });
      assert.deepEqual(codes(mine.body), ['CONTAINS_PERSONAL_DATA']);
    });

    it('is in the OpenAPI document', async () => {
      const docs = await call<{ paths: Record<string, { post?: { requestBody?: unknown } }> }>(
        base,
        'GET',
        '/api/docs',
      );
      assert.ok(docs.body.paths[CHECK]?.post?.requestBody, 'POST /api/v1/password-checks with its body');
    });

    it('limits checks per IP (600 per 10 minutes) with Retry-After, and never logs a password', async () => {
      const { registrationId } = await atPasswordStep();
      let answered = 0;
      let limited: Awaited<ReturnType<typeof check>> | undefined;
      for (let i = 0; i < 700 && !limited; i++) {
        const answer = await call<Answer>(base, 'POST', CHECK, { registrationId, password: SEED_EXAMPLE });
        if (answer.status === 429) limited = answer;
        else answered++;
      }
      assert.ok(limited, 'a 429 before 700 checks');
      expectProblem(limited, 429, 'RATE_LIMITED');
      assert.ok(answered <= 600, `${answered} answered`);
      assertNoSecretsIn(
        system.log.text(),
        [...new Set(typedPasswords)].filter((p) => p.length >= 8),
      );
    });
  });
}
