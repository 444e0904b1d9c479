/**
 * Issue 17, points 7 to 9 over HTTP (api.md): the password step of a registration signs the citizen in
 * (the session cookie, as POST /api/v1/sessions sets it), codes are accepted as people write them
 * (`123 456`, `123-456`), and each journey's SMS says what its code is for. Through the real server, on the
 * embedded stores and on PostgreSQL + Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  smsReceived,
  solvedCaptcha,
  startRegistration,
} from '../support/journey.ts';
import {
  call,
  expectProblem,
  type JsonResponse,
  startTestSystem,
  storeVariants,
  type TestSystem,
} from '../support/system.ts';

const sessionCookieOf = (response: JsonResponse) =>
  /(?:^|,\s*)sid=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

for (const variant of storeVariants) {
  describe(`registration's session, codes as typed, SMS per purpose (${variant.name})`, {
    skip: variant.skip,
  }, () => {
    let t: TestSystem;
    let base: string;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
    });
    after(() => t.close());

    /** A registration whose code was accepted, ready for its password. */
    async function atPasswordStep() {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      const started = await startRegistration(base, identity);
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const id = started.body.registrationId as string;
      const code = await codeSentTo(base, identity.phoneNumber);
      assert.equal((await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code })).status, 200);
      return { identity, id };
    }
    const setPassword = (id: string, headers: Record<string, string> = {}) =>
      call(
        base,
        'POST',
        `/api/v1/registrations/${id}/password`,
        { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
        headers,
      );
    const me = (sid: string) => call(base, 'GET', '/api/v1/me', undefined, { cookie: `sid=${sid}` });

    it('the password step answers 201 { accountId, username } and signs in with a safe session cookie', async () => {
      const { identity, id } = await atPasswordStep();
      const done = await setPassword(id);
      assert.equal(done.status, 201, JSON.stringify(done.body));
      assert.deepEqual(Object.keys(done.body).sort(), ['accountId', 'username']);
      assert.equal(done.body.username, identity.idNumber);
      const setCookie = done.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
      assert.match(setCookie, /Path=\//i);
      const sid = sessionCookieOf(done);
      assert.ok(sid, setCookie);
      const account = await me(sid);
      assert.equal(account.status, 200);
      assert.equal(account.body.accountId, done.body.accountId);
      assert.equal(account.body.fullName, identity.fullName);
      assert.equal(account.body.registrationMethod, 'mobile');
    });

    it('ends the session the caller held before (one session per browser); a refused password opens none', async () => {
      const other = newIdentity();
      await registerSubscriber(base, other);
      await registerCompletely(base, other);
      const signedIn = await call(base, 'POST', '/api/v1/sessions', {
        username: other.idNumber,
        password: STRONG_PASSWORD,
      });
      const before = sessionCookieOf(signedIn);
      assert.ok(before);

      const { id } = await atPasswordStep();
      const refused = await call(
        base,
        'POST',
        `/api/v1/registrations/${id}/password`,
        { password: STRONG_PASSWORD, confirmPassword: 'Other#Password1' },
        { cookie: `sid=${before}` },
      );
      expectProblem(refused, 422, 'PASSWORD_MISMATCH');
      assert.equal(sessionCookieOf(refused), undefined);
      assert.equal((await me(before)).status, 200, 'a refusal leaves the earlier session alone');

      const done = await setPassword(id, { cookie: `sid=${before}` });
      assert.equal(done.status, 201);
      const after = sessionCookieOf(done);
      assert.ok(after && after !== before);
      expectProblem(await me(before), 401, 'UNAUTHENTICATED');
      assert.equal((await me(after)).body.accountId, done.body.accountId);
      expectProblem(await setPassword(id, { cookie: `sid=${after}` }), 409, 'STEP_NOT_ALLOWED');
    });

    it('accepts the code typed with a space or a dash; anything else is a wrong answer', async () => {
      for (const separate of [
        (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`,
        (c: string) => `${c.slice(0, 3)}-${c.slice(3)}`,
      ]) {
        const identity = newIdentity();
        await registerSubscriber(base, identity);
        const started = await startRegistration(base, identity);
        const id = started.body.registrationId as string;
        const code = await codeSentTo(base, identity.phoneNumber);
        const dotted = `${code.slice(0, 3)}.${code.slice(3)}`;
        const wrong = expectProblem(
          await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: dotted }),
          422,
          'OTP_INVALID',
        );
        assert.equal(wrong.attemptsLeft, 4);
        const typed = separate(code);
        const accepted = await call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code: typed });
        assert.equal(accepted.status, 200, `${typed}: ${JSON.stringify(accepted.body)}`);
        assert.deepEqual(accepted.body, { step: 'password' });
      }
    });

    it('sends the recovery code with its own text, not the registration one', async () => {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      await registerCompletely(base, identity);
      const started = await call(base, 'POST', '/api/v1/password-recoveries', {
        idNumber: identity.idNumber,
        ...(await solvedCaptcha(base)),
      });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const code = await codeSentTo(base, identity.phoneNumber, 2);
      const [registration, recovery] = (await smsReceived(base, identity.phoneNumber)).map((m) => m.text);
      assert.match(registration ?? '', /^DVCQG: Ma xac thuc \d{6} de DANG KY tai khoan/);
      assert.match(recovery ?? '', new RegExp(`^DVCQG: Ma xac thuc ${code} de DAT LAI MAT KHAU`));
      assert.match(recovery ?? '', /KHONG cung cap ma cho bat ky ai/);
      assert.doesNotMatch(recovery ?? '', /DANG KY/);
      const id = started.body.recoveryId as string;
      const typed = `${code.slice(0, 3)} ${code.slice(3)}`;
      assert.equal(
        (await call(base, 'POST', `/api/v1/password-recoveries/${id}/otp`, { code: typed })).status,
        200,
        'recovery takes a spaced code too',
      );
    });
  });
}
