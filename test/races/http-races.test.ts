/**
 * The attacks of issue 16 replayed through the real server over HTTP: bursts against one-time codes, the
 * sign-in lock and the per-IP failure budget, and recovery probing for which ID numbers have accounts. On
 * the embedded stores and on PostgreSQL + Redis (where two portal processes would share the counters).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SIGN_IN_RULES } from '../../src/usecases/accounts/dependencies.ts';
import {
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  solvedCaptcha,
  startRegistration,
} from '../support/journey.ts';
import {
  call,
  type JsonResponse,
  startTestSystem,
  storeVariants,
  type TestSystem,
} from '../support/system.ts';

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');
const codeOf = (answer: JsonResponse) =>
  answer.status < 300 ? answer.status : `${answer.status} ${answer.body.code}`;

for (const variant of storeVariants) {
  describe(`races and probes of issue 16 (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    /** Failed sign-ins from this test process's address so far: they use its per-IP budget. */
    let failuresFromHere = 0;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
    });
    after(() => t.close());

    /** 200 wrong codes and the right one last, all at once: only 5 are compared, the right one is refused. */
    async function assertCodeBurstRefused(otpPath: string, code: string) {
      const answers = await Promise.all([
        ...Array.from({ length: 200 }, () => call(base, 'POST', otpPath, { code: wrongFor(code) })),
        call(base, 'POST', otpPath, { code }),
      ]);
      assert.equal(answers.filter((a) => a.status === 200).length, 0, 'the right code is never accepted');
      assert.equal(codeOf(answers.at(-1)!), '423 OTP_LOCKED');
      const compared = answers.filter((a) => a.status === 422);
      assert.deepEqual(
        compared.map((a) => a.body.attemptsLeft).sort(),
        [1, 2, 3, 4],
        'four wrong answers compared before the fifth locked',
      );
      assert.ok(answers.filter((a) => a.status !== 422).every((a) => a.body.code === 'OTP_LOCKED'));
      assert.equal(codeOf(await call(base, 'POST', otpPath, { code })), '423 OTP_LOCKED');
    }

    it('registration: a burst of 200 wrong codes + the right one last never gets it accepted', async () => {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      const started = await startRegistration(base, identity);
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const code = await codeSentTo(base, identity.phoneNumber);
      await assertCodeBurstRefused(`/api/v1/registrations/${started.body.registrationId}/otp`, code);
    });

    it('recovery: a burst of 200 wrong codes + the right one last never gets it accepted', async () => {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      await registerCompletely(base, identity);
      const started = await call(base, 'POST', '/api/v1/password-recoveries', {
        idNumber: identity.idNumber,
        ...(await solvedCaptcha(base)),
      });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const code = await codeSentTo(base, identity.phoneNumber, 2);
      await assertCodeBurstRefused(`/api/v1/password-recoveries/${started.body.recoveryId}/otp`, code);
    });

    it('sign-in: a burst of 100 wrong passwords + the right one is refused, 5 verified, and the lock is set', async () => {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      await registerCompletely(base, identity);
      const signIn = (password: string) =>
        call(base, 'POST', '/api/v1/sessions', { username: identity.idNumber, password });
      const answers = await Promise.all([
        ...Array.from({ length: 100 }, () => signIn('Wrong#Pass1')),
        signIn(STRONG_PASSWORD),
      ]);
      failuresFromHere += 5;
      assert.equal(codeOf(answers.at(-1)!), '429 RATE_LIMITED');
      assert.equal(answers.filter((a) => a.status === 401).length, 5);
      assert.equal(answers.filter((a) => a.status === 429).length, 96);
      assert.equal(codeOf(await signIn(STRONG_PASSWORD)), '429 RATE_LIMITED', 'locked after the burst');
    });

    it('recovery: a known and an unknown ID number get the same statuses over 15 starts', async () => {
      const identity = newIdentity();
      await registerSubscriber(base, identity);
      await registerCompletely(base, identity);
      const statuses = async (idNumber: string) => {
        const seen = [];
        for (let i = 0; i < 15; i++) {
          const started = await call(base, 'POST', '/api/v1/password-recoveries', {
            idNumber,
            ...(await solvedCaptcha(base)),
          });
          seen.push(codeOf(started));
        }
        return seen;
      };
      const known = await statuses(identity.idNumber);
      const unknown = await statuses(newIdentity().idNumber);
      assert.deepEqual(unknown, known);
      assert.deepEqual(known, [...Array(10).fill(201), ...Array(5).fill('429 RATE_LIMITED')]);
    });

    it('sign-in: a burst over the per-IP failure budget stays at the budget', async () => {
      const budget = DEFAULT_SIGN_IN_RULES.failuresPerIpPer10Minutes - failuresFromHere;
      const answers = await Promise.all(
        Array.from({ length: budget + 40 }, (_, i) =>
          call(base, 'POST', '/api/v1/sessions', {
            username: `07919${String(i).padStart(7, '0')}`,
            password: 'x',
          }),
        ),
      );
      assert.equal(answers.filter((a) => a.status === 401).length, budget);
      assert.equal(answers.filter((a) => a.status === 429).length, 40);
    });
  });
}
