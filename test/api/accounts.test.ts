/**
 * Sign-in, sessions, the account, password change and recovery through the real server over HTTP, with a
 * manual clock for session expiry and lockout, on the embedded stores and on PostgreSQL + Redis.
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
} from '../support/journey.ts';
import {
  call,
  expectProblem,
  type JsonResponse,
  startTestSystem,
  storeVariants,
  type TestSystem,
} from '../support/system.ts';

const NEW_PASSWORD = 'Đồng#Nai2025mưa';

function cookieOf(response: JsonResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /sid=([^;]+)/.exec(header);
  assert.ok(match, `a session cookie is set: ${header}`);
  return `sid=${match[1]}`;
}

for (const variant of storeVariants) {
  describe(`sign-in, account and recovery (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
    });
    after(() => t.close());

    async function citizen() {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      const { accountId } = await registerCompletely(base, identity);
      return { identity, accountId };
    }
    const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
      call(base, 'POST', '/api/v1/sessions', { username, password }, headers);
    const me = (cookie: string) => call(base, 'GET', '/api/v1/me', undefined, { cookie });

    it('signs in with the ID number, sets a safe cookie, shows the account, signs out', async () => {
      const { identity, accountId } = await citizen();
      const signedIn = await signIn(identity.idNumber, STRONG_PASSWORD);
      assert.equal(signedIn.status, 201);
      assert.deepEqual(signedIn.body, { accountId });
      const setCookie = signedIn.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
      const cookie = cookieOf(signedIn);
      const account = await me(cookie);
      assert.equal(account.status, 200);
      assert.equal(account.body.username, identity.idNumber);
      assert.equal(account.body.fullName, identity.fullName);
      assert.match(account.body.maskedPhone as string, /^091\*+\d{3}$/);
      assert.equal(account.body.registrationMethod, 'mobile');
      assert.ok(
        !JSON.stringify(account.body).includes(identity.birthDate),
        'no birth date on the account view',
      );
      assert.equal(
        (await call(base, 'DELETE', '/api/v1/sessions/current', undefined, { cookie })).status,
        204,
      );
      expectProblem(await me(cookie), 401, 'UNAUTHENTICATED');
    });

    it('gives one answer for an unknown user and a wrong password (401 INVALID_CREDENTIALS), in both languages', async () => {
      const { identity } = await citizen();
      const wrong = expectProblem(await signIn(identity.idNumber, 'Wrong#Pass1'), 401, 'INVALID_CREDENTIALS');
      const unknown = expectProblem(await signIn('079190000001', 'Wrong#Pass1'), 401, 'INVALID_CREDENTIALS');
      assert.deepEqual({ ...wrong }, { ...unknown });
      const en = expectProblem(
        await signIn('079190000001', 'x', { 'accept-language': 'en' }),
        401,
        'INVALID_CREDENTIALS',
      );
      assert.equal(en.title, 'Wrong sign-in details');
    });

    it('locks password sign-in for 15 minutes after 5 failures (429 with Retry-After), then lets the right password in', async () => {
      const { identity } = await citizen();
      for (let i = 0; i < 5; i++)
        expectProblem(await signIn(identity.idNumber, 'Wrong#Pass1'), 401, 'INVALID_CREDENTIALS');
      const locked = await signIn(identity.idNumber, STRONG_PASSWORD);
      expectProblem(locked, 429, 'RATE_LIMITED');
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      t.clock.advance(15 * 60_000 + 1000);
      assert.equal((await signIn(identity.idNumber, STRONG_PASSWORD)).status, 201);
    });

    it('ends a session after 30 idle minutes but keeps an active one alive until 12 hours', async () => {
      const { identity } = await citizen();
      const idle = cookieOf(await signIn(identity.idNumber, STRONG_PASSWORD));
      const active = cookieOf(await signIn(identity.idNumber, STRONG_PASSWORD));
      assert.notEqual(idle, active, 'a new session id at every sign-in');
      for (let i = 0; i < 3; i++) {
        t.clock.advance(20 * 60_000);
        assert.equal((await me(active)).status, 200);
      }
      expectProblem(await me(idle), 401, 'UNAUTHENTICATED');
      for (let i = 0; i < 40; i++) {
        t.clock.advance(20 * 60_000);
        if ((await me(active)).status !== 200) break;
      }
      expectProblem(await me(active), 401, 'UNAUTHENTICATED');
    });

    it('changes the password with the current one and ends the other sessions', async () => {
      const { identity } = await citizen();
      const here = cookieOf(await signIn(identity.idNumber, STRONG_PASSWORD));
      const elsewhere = cookieOf(await signIn(identity.idNumber, STRONG_PASSWORD));
      expectProblem(
        await call(
          base,
          'POST',
          '/api/v1/me/password',
          { currentPassword: 'Wrong#Pass1', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
          { cookie: here },
        ),
        401,
        'INVALID_CREDENTIALS',
      );
      const common = expectProblem(
        await call(
          base,
          'POST',
          '/api/v1/me/password',
          { currentPassword: STRONG_PASSWORD, newPassword: 'Aa@123456', confirmPassword: 'Aa@123456' },
          { cookie: here },
        ),
        422,
        'PASSWORD_POLICY',
      );
      assert.deepEqual(
        (common.errors as Array<{ code: string }>).map((e) => e.code),
        ['TOO_COMMON'],
      );
      const changed = await call(
        base,
        'POST',
        '/api/v1/me/password',
        { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { cookie: here },
      );
      assert.equal(changed.status, 204);
      assert.equal((await me(cookieOf(changed))).status, 200, 'this browser stays signed in');
      expectProblem(await me(elsewhere), 401, 'UNAUTHENTICATED');
      expectProblem(await signIn(identity.idNumber, STRONG_PASSWORD), 401, 'INVALID_CREDENTIALS');
      assert.equal((await signIn(identity.idNumber, NEW_PASSWORD)).status, 201);
    });

    it('recovers a forgotten password by SMS: other sessions end and the sign-in lock lifts', async () => {
      const { identity } = await citizen();
      const session = cookieOf(await signIn(identity.idNumber, STRONG_PASSWORD));
      for (let i = 0; i < 5; i++) await signIn(identity.idNumber, 'Wrong#Pass1');
      expectProblem(await signIn(identity.idNumber, STRONG_PASSWORD), 429, 'RATE_LIMITED');

      const before = (await smsReceived(base, identity.phoneNumber)).length;
      const started = await call(base, 'POST', '/api/v1/password-recoveries', {
        idNumber: identity.idNumber,
        ...(await solvedCaptcha(base)),
      });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const id = started.body.recoveryId as string;
      const code = await codeSentTo(base, identity.phoneNumber, before + 1);
      expectProblem(
        await call(base, 'POST', `/api/v1/password-recoveries/${id}/password`, {
          password: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
        409,
        'STEP_NOT_ALLOWED',
      );
      assert.equal((await call(base, 'POST', `/api/v1/password-recoveries/${id}/otp`, { code })).status, 200);
      const same = expectProblem(
        await call(base, 'POST', `/api/v1/password-recoveries/${id}/password`, {
          password: STRONG_PASSWORD,
          confirmPassword: STRONG_PASSWORD,
        }),
        422,
        'PASSWORD_POLICY',
      );
      assert.deepEqual(
        (same.errors as Array<{ code: string }>).map((e) => e.code),
        ['SAME_AS_CURRENT'],
      );
      assert.equal(
        (
          await call(base, 'POST', `/api/v1/password-recoveries/${id}/password`, {
            password: NEW_PASSWORD,
            confirmPassword: NEW_PASSWORD,
          })
        ).status,
        204,
      );
      expectProblem(await me(session), 401, 'UNAUTHENTICATED');
      assert.equal(
        (await signIn(identity.idNumber, NEW_PASSWORD)).status,
        201,
        'lock lifted, new password works',
      );
      expectProblem(
        await call(base, 'POST', `/api/v1/password-recoveries/${id}/password`, {
          password: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
        404,
        'CODE_NOT_FOUND',
      );
    });

    it('answers recovery for an unknown ID exactly like a known one, and sends nothing', async () => {
      const unknown = await call(base, 'POST', '/api/v1/password-recoveries', {
        idNumber: '079190000002',
        ...(await solvedCaptcha(base)),
      });
      assert.equal(unknown.status, 201);
      assert.deepEqual(Object.keys(unknown.body).sort(), [
        'otpExpiresAt',
        'recoveryId',
        'resendAvailableAt',
        'step',
      ]);
      const id = unknown.body.recoveryId as string;
      for (const left of [4, 3, 2, 1]) {
        assert.equal(
          expectProblem(
            await call(base, 'POST', `/api/v1/password-recoveries/${id}/otp`, { code: '123456' }),
            422,
            'OTP_INVALID',
          ).attemptsLeft,
          left,
        );
      }
      expectProblem(
        await call(base, 'POST', `/api/v1/password-recoveries/${id}/otp`, { code: '123456' }),
        423,
        'OTP_LOCKED',
      );
      expectProblem(
        await call(base, 'POST', '/api/v1/password-recoveries', {
          idNumber: '079190000002',
          captchaId: 'nope-nope-nope',
          captchaAnswer: 'x',
        }),
        422,
        'CAPTCHA_INVALID',
      );
    });
  });
}

describe('two portal processes sharing PostgreSQL and Redis', { skip: storeVariants[1]!.skip }, () => {
  it('a session made on one is valid on the other', async () => {
    const first = await startTestSystem('servers');
    try {
      const second = await startSystemSharing(first);
      try {
        const identity = newIdentity();
        await registerSubscriber(first.url, identity);
        await registerCompletely(first.url, identity);
        const signedIn = await call(first.url, 'POST', '/api/v1/sessions', {
          username: identity.idNumber,
          password: STRONG_PASSWORD,
        });
        const cookie = cookieOf(signedIn);
        const fromSecond = await call(second.url, 'GET', '/api/v1/me', undefined, { cookie });
        assert.equal(fromSecond.status, 200);
        assert.equal(fromSecond.body.username, identity.idNumber);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});

/** A second portal on the same database, Redis prefix and secrets as `first`. */
async function startSystemSharing(first: TestSystem) {
  const { startSystem } = await import('../../src/compose.ts');
  const { loadConfig } = await import('../../src/config/config.ts');
  const { createLogger } = await import('../../src/lib/logger.ts');
  return startSystem(loadConfig({ ...first.env, SIMULATORS: 'off', ...portalPointingAt(first) }), {
    clock: first.clock,
    logger: createLogger({ level: 'silent' }),
  });
}

function portalPointingAt(first: TestSystem): Record<string, string> {
  const env: Record<string, string> = {
    MNP_URL: `${first.url}/mnp/v1`,
    SMPP_PORT: String(first.system.simulators!.smscPort),
    POPULATION_BASE_URL: `${first.url}/population/v1`,
    POPULATION_API_KEY: first.system.simulators!.populationClient.apiKey,
    SOCIAL_INSURANCE_BASE_URL: `${first.url}/vss/v1`,
    SOCIAL_INSURANCE_CLIENT_ID: first.system.simulators!.socialInsuranceClient.clientId,
    SOCIAL_INSURANCE_CLIENT_SECRET: first.system.simulators!.socialInsuranceClient.clientSecret,
    BUSINESS_REGISTRY_BASE_URL: `${first.url}/business-registry/v1`,
    BUSINESS_REGISTRY_CLIENT_ID: first.system.simulators!.businessRegistryClient.clientId,
    BUSINESS_REGISTRY_CLIENT_SECRET: first.system.simulators!.businessRegistryClient.clientSecret,
    // Not used here; a hub without simulators needs every partner configured.
    MSSP_WSDL_URL: `${first.url}/mssp/wsdl/mssp.wsdl`,
    MSSP_AP_ID: 'http://dichvucong.gov.vn/ap',
    MSSP_AP_PWD: 'unused',
  };
  for (const [id, client] of Object.entries(first.system.simulators!.carrierClients)) {
    const prefix = `CARRIER_${id.toUpperCase()}`;
    env[`${prefix}_URL`] = `${first.url}/carriers/${id}`;
    env[`${prefix}_CLIENT_ID`] = client.clientId;
    env[`${prefix}_CLIENT_SECRET`] = client.clientSecret;
  }
  return env;
}
