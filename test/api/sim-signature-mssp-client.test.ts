/**
 * The hub's MSSP client (src/adapters/mssp/) against the MSSP simulator over real SOAP on HTTP, its SIMs
 * certified by the test PKI: the status codes become what the port says, and the signatures it returns (PKCS#7
 * and PKCS#1) go through the signature pipeline to the test root. Outage and latency are `unavailable`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createSoapMobileSignatureService } from '../../src/adapters/mssp/soap-mobile-signature-service.ts';
import { createMssp, devMsspApplicationProvider, type Mssp } from '../../src/simulators/mssp/index.ts';
import type { MobileSignatureService } from '../../src/usecases/ports/mobile-signature-service.ts';
import { type PkiWorld, startPkiWorld } from '../pki/support/pki-world.ts';

const AP = devMsspApplicationProvider('test-secret');
const CITIZEN = {
  phoneNumber: '+84912000101',
  idNumber: '001090000101',
  fullName: 'Trần Văn Ký',
  pin: '2468',
};
const NO_SERVICE = {
  phoneNumber: '+84912000102',
  idNumber: '001090000102',
  fullName: 'Lê Thị Không',
  pin: '1357',
};

describe('MSSP client over SOAP against the simulator', () => {
  let world: PkiWorld;
  let mssp: Mssp;
  let app: FastifyInstance;
  let base: string;
  const client = (overrides: { apPwd?: string; format?: 'PKCS7' | 'PKCS1'; timeoutMs?: number } = {}) =>
    createSoapMobileSignatureService({
      wsdlUrl: `${base}/mssp/wsdl/mssp.wsdl`,
      apId: AP.apId,
      apPwd: overrides.apPwd ?? AP.apPwd,
      format: overrides.format ?? 'PKCS7',
      timeoutMs: overrides.timeoutMs ?? 3000,
      now: () => world.clock.now(),
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
    });
  const context = { requestId: 'test-1' };

  before(async () => {
    world = await startPkiWorld();
    mssp = await createMssp({
      issue: (request) => world.pki.issue(request),
      applicationProviders: [AP],
      now: () => world.clock.now(),
    });
    app = Fastify();
    await app.register(mssp.soapRoutes);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    await mssp.engine.addSubscriber({ msisdn: CITIZEN.phoneNumber, ...CITIZEN });
    await mssp.engine.addSubscriber({ msisdn: NO_SERVICE.phoneNumber, ...NO_SERVICE, service: false });
  });
  after(async () => {
    await app.close();
    await mssp.close();
    await world.close();
  });

  async function startFor(service: MobileSignatureService, phoneNumber: string) {
    const challenge = await world.signatures.issueChallenge();
    assert.ok(challenge.ok);
    const started = await service.requestSignature(
      {
        phoneNumber,
        dataToBeSigned: new Uint8Array(Buffer.from(challenge.value.nonce, 'base64')),
        dataToBeDisplayed: 'Đăng ký tài khoản DVC — mã AB3K',
        transactionId: 'reg-abc_123',
      },
      context,
    );
    return { challenge: challenge.value, started };
  }

  const approve = (pin: string) => {
    const [prompt] = mssp.simToolkit.pending(CITIZEN.phoneNumber);
    assert.ok(prompt, 'the SIM shows the prompt');
    return mssp.simToolkit.answer(CITIZEN.phoneNumber, prompt.requestId, { pin });
  };

  for (const format of ['PKCS7', 'PKCS1'] as const) {
    it(`${format}: pending until the PIN, then a signature the pipeline verifies to the citizen`, async () => {
      const service = client({ format });
      const { challenge, started } = await startFor(service, CITIZEN.phoneNumber);
      assert.equal(started.outcome, 'accepted');
      if (started.outcome !== 'accepted') return;
      assert.match(mssp.simToolkit.pending(CITIZEN.phoneNumber)[0]?.text ?? '', /AB3K/);
      assert.deepEqual(await service.queryStatus(started.msspTransactionId, context), { outcome: 'pending' });
      assert.equal(approve(CITIZEN.pin).outcome, 'signed');
      const status = await service.queryStatus(started.msspTransactionId, context);
      assert.equal(status.outcome, 'signed');
      if (status.outcome !== 'signed') return;
      const { outcome: _outcome, ...signed } = status;
      assert.equal('signedData' in signed, format === 'PKCS7');
      const verified = await world.signatures.verifySignedChallenge({
        challengeId: challenge.challengeId,
        ...signed,
      });
      assert.ok(verified.ok, JSON.stringify(!verified.ok && verified.failure));
      assert.equal(verified.value.kind, 'citizen');
      if (verified.value.kind === 'citizen') assert.equal(verified.value.idNumber, CITIZEN.idNumber);
    });
  }

  it('cancel on the phone is cancelled; three wrong PINs are pin_blocked, and the next request too', async () => {
    const service = client();
    const cancelled = await startFor(service, CITIZEN.phoneNumber);
    assert.equal(cancelled.started.outcome, 'accepted');
    if (cancelled.started.outcome !== 'accepted') return;
    const [prompt] = mssp.simToolkit.pending(CITIZEN.phoneNumber);
    mssp.simToolkit.answer(CITIZEN.phoneNumber, prompt!.requestId, { cancel: true });
    assert.deepEqual(await service.queryStatus(cancelled.started.msspTransactionId, context), {
      outcome: 'cancelled',
    });

    const blocked = await startFor(service, CITIZEN.phoneNumber);
    if (blocked.started.outcome !== 'accepted') return assert.fail('not accepted');
    assert.equal(approve('0000').outcome, 'wrong_pin');
    assert.deepEqual(await service.queryStatus(blocked.started.msspTransactionId, context), {
      outcome: 'pending',
    });
    approve('0000');
    approve('0000');
    assert.deepEqual(await service.queryStatus(blocked.started.msspTransactionId, context), {
      outcome: 'pin_blocked',
    });
    const again = await startFor(service, CITIZEN.phoneNumber);
    if (again.started.outcome !== 'accepted') return assert.fail('not accepted');
    assert.deepEqual(await service.queryStatus(again.started.msspTransactionId, context), {
      outcome: 'pin_blocked',
    });
    // Creating the subscriber again resets the PIN counter.
    await mssp.engine.addSubscriber({ msisdn: CITIZEN.phoneNumber, ...CITIZEN });
  });

  it('an unanswered request is expired once its window passed (the clock)', async () => {
    const service = client();
    const { started } = await startFor(service, CITIZEN.phoneNumber);
    if (started.outcome !== 'accepted') return assert.fail('not accepted');
    world.clock.advance(121_000);
    assert.deepEqual(await service.queryStatus(started.msspTransactionId, context), { outcome: 'expired' });
  });

  it('a SIM without the service, or an unknown one, is not_enabled', async () => {
    const service = client();
    assert.deepEqual((await startFor(service, NO_SERVICE.phoneNumber)).started, { outcome: 'not_enabled' });
    assert.deepEqual((await startFor(service, '+84912999999')).started, { outcome: 'not_enabled' });
  });

  it('wrong AP credentials, an outage or a slow MSSP are unavailable', async () => {
    assert.deepEqual((await startFor(client({ apPwd: 'wrong' }), CITIZEN.phoneNumber)).started, {
      outcome: 'unavailable',
    });
    const service = client({ timeoutMs: 400 });
    mssp.faults.down = true;
    try {
      assert.deepEqual((await startFor(service, CITIZEN.phoneNumber)).started, { outcome: 'unavailable' });
      assert.deepEqual(await service.queryStatus('Tabc', context), { outcome: 'unavailable' });
    } finally {
      mssp.faults.down = false;
    }
    mssp.faults.latencyMs = 1500;
    try {
      const started = performance.now();
      assert.deepEqual((await startFor(service, CITIZEN.phoneNumber)).started, { outcome: 'unavailable' });
      assert.ok(performance.now() - started < 1400, 'the timeout cuts the wait');
    } finally {
      mssp.faults.latencyMs = 0;
    }
  });
});
