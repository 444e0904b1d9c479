/**
 * The SMS centre goes down (the dev SMSC stops listening and drops its sessions): once the sender knows the
 * link is down, a registration start answers 503 SMS_UNAVAILABLE at once instead of waiting out the SMS
 * deadline, /readyz answers 503 naming `sms`, and both recover by themselves when the centre is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../support/eventually.ts';
import { newIdentity, registerSubscriber, startRegistration } from '../support/journey.ts';
import { call, expectProblem, startTestSystem, type TestSystem } from '../support/system.ts';

/**
 * Under the SMS hand-over deadline (2 s), so this cannot pass by waiting it out; a quiet machine answers in
 * tens of milliseconds, the margin is for CI running other suites beside this one.
 */
const FAST_ANSWER_MS = 1500;

describe('the SMS centre goes down', () => {
  let test: TestSystem;
  before(async () => {
    test = await startTestSystem('embedded');
  });
  after(async () => {
    await test?.close();
  });

  const readiness = () => call<{ checks?: Record<string, string> }>(test.url, 'GET', '/readyz');
  const start = async () => {
    const citizen = newIdentity();
    await registerSubscriber(test.url, citizen);
    const started = performance.now();
    const answer = await startRegistration(test.url, citizen);
    return { answer, ms: performance.now() - started };
  };

  it('start fails fast with SMS_UNAVAILABLE, /readyz names sms, and both recover', async () => {
    await eventually(async () => ((await readiness()).status === 200 ? true : undefined));
    assert.equal((await readiness()).body.checks?.sms, 'ok');

    assert.equal((await call(test.url, 'POST', '/sim/smsc/outage', { down: 'yes' })).status, 422);
    assert.deepEqual((await call(test.url, 'POST', '/sim/smsc/outage', { down: true })).body, { down: true });
    const notReady = await eventually(async () => {
      const answer = await readiness();
      return answer.status === 503 ? answer : undefined;
    });
    expectProblem(notReady, 503, 'SERVICE_UNAVAILABLE');
    assert.equal(notReady.body.checks?.sms, 'failing');

    // The first start may be the one that learns of the outage; from then on no start waits for the link.
    expectProblem((await start()).answer, 503, 'SMS_UNAVAILABLE');
    for (let i = 0; i < 3; i++) {
      const { answer, ms } = await start();
      expectProblem(answer, 503, 'SMS_UNAVAILABLE');
      assert.ok(ms < FAST_ANSWER_MS, `answered in ${Math.round(ms)} ms`);
    }

    await call(test.url, 'POST', '/sim/smsc/outage', { down: false });
    await eventually(async () => ((await readiness()).status === 200 ? true : undefined));
    const { answer } = await start();
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });
});
