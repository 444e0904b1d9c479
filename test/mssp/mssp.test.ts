/**
 * The MSSP simulator over its SOAP binding (ETSI TS 102 204), with the `soap` library as the application
 * provider's client built from the MSSP's own WSDL: asynchronous MSS_Signature then MSS_StatusQuery for each
 * outcome, the SIM PIN counter, expiry on the shared clock, application-provider authentication, the outage
 * switch and the client-certificate TLS port. The signatures verify with pkijs and through the hub's own
 * signature pipeline to the test root; every envelope exchanged validates against the schemas.
 */
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { exactBuffer, pkijs, x509 } from '../../src/adapters/pki/engine.ts';
import { STATUS } from '../../src/simulators/mssp/engine.ts';
import {
  AP,
  call,
  invalidEnvelopes,
  MSS_NS,
  type MsspWorld,
  signatureRequest,
  startMsspWorld,
  statusRequest,
} from './support.ts';

const PHONE = '0912000111';
const E164 = '+84912000111';
const ID = '001190012345';
const NAME = 'Lê Thị Mai';

async function addSubscriber(t: MsspWorld, body: Record<string, unknown>) {
  const response = await fetch(`${t.url}/sim/mssp/subscribers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function challenge(t: MsspWorld) {
  const issued = await t.world.signatures.issueChallenge();
  assert.ok(issued.ok);
  return issued.value;
}

async function start(
  t: MsspWorld,
  nonce: string,
  options: Parameters<typeof signatureRequest>[2] = {},
  phone = PHONE,
) {
  const answer = await call(t, 'MSS_Signature', signatureRequest(phone, nonce, options));
  assert.ok('result' in answer, JSON.stringify(answer));
  const response = answer.result.MSS_SignatureResp;
  assert.equal(Number(response.Status.StatusCode.attributes.Value), STATUS.REQUEST_OK);
  assert.equal(response.Status.StatusMessage, 'REQUEST_OK');
  return response.attributes.MSSP_TransID as string;
}

const status = (t: MsspWorld, id: string) => call(t, 'MSS_StatusQuery', statusRequest(id));

function promptOf(t: MsspWorld, id: string) {
  return t.mssp.simToolkit.pending(E164).find((p) => p.requestId === id);
}

describe('MSSP (ETSI TS 102 204 over SOAP 1.2)', () => {
  let t: MsspWorld;
  before(async () => {
    t = await startMsspWorld({ tls: true });
    const created = await addSubscriber(t, { phoneNumber: PHONE, idNumber: ID, fullName: NAME, pin: '2468' });
    assert.equal(created.status, 201);
    assert.equal(created.body.phoneNumber, E164);
    assert.match(String(created.body.serialNumber), /^[0-9a-f]+$/);
  });
  after(() => t.close());

  it('PKCS#7: 100 REQUEST_OK, 504 while the SIM asks, then 500 SIGNATURE with a CMS the pipeline accepts', async () => {
    const { challengeId, nonce } = await challenge(t);
    const id = await start(t, nonce);
    const pending = await status(t, id);
    assert.ok('result' in pending);
    assert.equal(
      Number(pending.result.MSS_StatusResp.Status.StatusCode.attributes.Value),
      STATUS.OUTSTANDING_TRANSACTION,
    );
    assert.equal(pending.result.MSS_StatusResp.MSS_Signature, undefined);

    const prompt = promptOf(t, id);
    assert.ok(prompt);
    assert.equal(prompt.text, 'Đăng ký tài khoản DVC — mã K7Q2');
    assert.deepEqual(t.mssp.simToolkit.answer(E164, id, { pin: '2468' }), { outcome: 'signed' });
    assert.equal(promptOf(t, id), undefined, 'the prompt leaves the phone once answered');

    const signed = await status(t, id);
    assert.ok('result' in signed);
    const response = signed.result.MSS_StatusResp;
    assert.equal(Number(response.Status.StatusCode.attributes.Value), STATUS.SIGNATURE);
    assert.equal(response.Status.StatusMessage, 'SIGNATURE');
    assert.equal(response.MobileUser.MSISDN, E164);
    const cms = new Uint8Array(Buffer.from(response.MSS_Signature.Base64Signature, 'base64'));

    // pkijs directly: the detached content is the nonce's bytes, the chain ends at the test root.
    const contentInfo = pkijs.ContentInfo.fromBER(cms);
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    assert.equal(signedData.certificates?.length, 2, 'the SIM certificate and its issuing CA');
    const root = pkijs.Certificate.fromBER(new x509.X509Certificate(t.world.pki.rootPem()).rawData);
    const verified = await signedData.verify({
      signer: 0,
      data: exactBuffer(new Uint8Array(Buffer.from(nonce, 'base64'))),
      checkChain: true,
      trustedCerts: [root],
      checkDate: t.world.clock.now(),
    });
    assert.equal(verified, true);

    // The hub's pipeline: signature, chain, OCSP at the test PKI, identity from the certificate.
    const outcome = await t.world.signatures.verifySignedChallenge({ challengeId, signedData: cms });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.value.kind, 'citizen');
    assert.equal(outcome.value.kind === 'citizen' && outcome.value.idNumber, ID);
    assert.equal(outcome.value.kind === 'citizen' && outcome.value.fullName, NAME);
  });

  it('PKCS#1: the bare signature with the SIM certificate and its CA, verified by the pipeline', async () => {
    const { challengeId, nonce } = await challenge(t);
    const id = await start(t, nonce, { format: 'PKCS1' });
    t.mssp.simToolkit.answer(E164, id, { pin: '2468' });
    const signed = await status(t, id);
    assert.ok('result' in signed);
    const pkcs1 = signed.result.MSS_StatusResp.MSS_Signature.PKCS1;
    const certificates = [pkcs1.X509Certificate]
      .flat()
      .map((b64: string) => new Uint8Array(Buffer.from(b64, 'base64')));
    assert.equal(certificates.length, 2);
    const outcome = await t.world.signatures.verifySignedChallenge({
      challengeId,
      signature: new Uint8Array(Buffer.from(pkcs1.SignatureValue, 'base64')),
      certificate: certificates[0]!,
      chain: certificates.slice(1),
    });
    assert.ok(outcome.ok, JSON.stringify(outcome));
  });

  it('the validate additional service answers 502 VALID_SIGNATURE', async () => {
    const { nonce } = await challenge(t);
    const request = signatureRequest(PHONE, nonce) as { MSS_SignatureReq: Record<string, unknown> };
    const { MSS_Format, ...rest } = request.MSS_SignatureReq;
    const withValidate = {
      MSS_SignatureReq: {
        ...rest,
        AdditionalServices: { Service: [{ Description: { mssURI: `${MSS_NS}validate` } }] },
        MSS_Format,
      },
    };
    const answer = await call(t, 'MSS_Signature', withValidate);
    assert.ok('result' in answer);
    const id = answer.result.MSS_SignatureResp.attributes.MSSP_TransID;
    t.mssp.simToolkit.answer(E164, id, { pin: '2468' });
    const signed = await status(t, id);
    assert.ok('result' in signed);
    assert.equal(
      Number(signed.result.MSS_StatusResp.Status.StatusCode.attributes.Value),
      STATUS.VALID_SIGNATURE,
    );
  });

  it('Cancel on the phone: 401 USER_CANCEL', async () => {
    const id = await start(t, Buffer.from('x').toString('base64'));
    assert.deepEqual(t.mssp.simToolkit.answer(E164, id, { cancel: true }), { outcome: 'cancelled' });
    assert.deepEqual(await status(t, id), { fault: { status: 401, reason: 'USER_CANCEL', httpStatus: 400 } });
  });

  it('a wrong PIN asks again; the third in a row blocks the PIN (402), later requests end 402 at once; recreating resets', async () => {
    const id = await start(t, Buffer.from('pin').toString('base64'));
    assert.deepEqual(t.mssp.simToolkit.answer(E164, id, { pin: '0000' }), {
      outcome: 'wrong_pin',
      triesLeft: 2,
    });
    const stillPending = await status(t, id);
    assert.ok('result' in stillPending);
    assert.equal(Number(stillPending.result.MSS_StatusResp.Status.StatusCode.attributes.Value), 504);
    assert.ok(promptOf(t, id), 'the SIM asks again');
    assert.deepEqual(t.mssp.simToolkit.answer(E164, id, { pin: '1111' }), {
      outcome: 'wrong_pin',
      triesLeft: 1,
    });
    assert.deepEqual(t.mssp.simToolkit.answer(E164, id, { pin: '2222' }), { outcome: 'blocked' });
    assert.deepEqual(await status(t, id), {
      fault: { status: 402, reason: 'PIN_NR_BLOCKED', httpStatus: 400 },
    });

    const later = await start(t, Buffer.from('later').toString('base64'));
    assert.equal(promptOf(t, later), undefined, 'a blocked SIM shows no prompt');
    assert.deepEqual((await status(t, later)) as unknown, {
      fault: { status: 402, reason: 'PIN_NR_BLOCKED', httpStatus: 400 },
    });

    await addSubscriber(t, { phoneNumber: PHONE, idNumber: ID, fullName: NAME, pin: '2468' });
    const fresh = await start(t, Buffer.from('fresh').toString('base64'));
    assert.ok(promptOf(t, fresh));
    assert.deepEqual(t.mssp.simToolkit.answer(E164, fresh, { pin: '2468' }), { outcome: 'signed' });
  });

  it('a correct PIN resets the count: two wrong, one right, then two wrong again do not block', async () => {
    const first = await start(t, Buffer.from('a').toString('base64'));
    t.mssp.simToolkit.answer(E164, first, { pin: '0000' });
    t.mssp.simToolkit.answer(E164, first, { pin: '0000' });
    assert.deepEqual(t.mssp.simToolkit.answer(E164, first, { pin: '2468' }), { outcome: 'signed' });
    const second = await start(t, Buffer.from('b').toString('base64'));
    t.mssp.simToolkit.answer(E164, second, { pin: '0000' });
    assert.deepEqual(t.mssp.simToolkit.answer(E164, second, { pin: '0000' }), {
      outcome: 'wrong_pin',
      triesLeft: 1,
    });
  });

  it('unanswered for 2 minutes: 208 EXPIRED_TRANSACTION and the prompt is gone (a shorter TimeOut is kept)', async () => {
    const id = await start(t, Buffer.from('slow').toString('base64'));
    t.world.clock.advance(119_000);
    const pending = await status(t, id);
    assert.ok('result' in pending);
    t.world.clock.advance(1_000);
    assert.deepEqual(await status(t, id), {
      fault: { status: 208, reason: 'EXPIRED_TRANSACTION', httpStatus: 400 },
    });
    assert.equal(promptOf(t, id), undefined);
    assert.deepEqual(t.mssp.simToolkit.answer(E164, id, { pin: '2468' }), { outcome: 'not_found' });

    const short = await start(t, Buffer.from('short').toString('base64'), { timeOut: 30 });
    t.world.clock.advance(30_000);
    assert.deepEqual(await status(t, short), {
      fault: { status: 208, reason: 'EXPIRED_TRANSACTION', httpStatus: 400 },
    });
  });

  it('a SIM without the service: 404 NO_KEY_FOUND; a number the MSSP does not serve: 105 UNKNOWN_CLIENT', async () => {
    const created = await addSubscriber(t, {
      phoneNumber: '0912000222',
      idNumber: '001190012346',
      fullName: 'Trần Văn Bình',
      pin: '1357',
      service: false,
    });
    assert.deepEqual(created, { status: 201, body: { phoneNumber: '+84912000222', serialNumber: null } });
    const noKey = await call(t, 'MSS_Signature', signatureRequest('0912000222', 'AAAA'));
    assert.deepEqual(noKey, { fault: { status: 404, reason: 'NO_KEY_FOUND', httpStatus: 400 } });
    const unknown = await call(t, 'MSS_Signature', signatureRequest('0912999888', 'AAAA'));
    assert.deepEqual(unknown, { fault: { status: 105, reason: 'UNKNOWN_CLIENT', httpStatus: 400 } });
  });

  it('a wrong AP_ID or AP_PWD: 104 UNAUTHORIZED_ACCESS on both services, nothing started', async () => {
    const before = t.mssp.simToolkit.pending(E164).length;
    const wrongPassword = { apId: AP.apId, apPwd: 'guess' };
    assert.deepEqual(await call(t, 'MSS_Signature', signatureRequest(PHONE, 'AAAA', { ap: wrongPassword })), {
      fault: { status: 104, reason: 'UNAUTHORIZED_ACCESS', httpStatus: 400 },
    });
    const otherAp = { apId: 'http://other.example/ap', apPwd: AP.apPwd };
    assert.deepEqual(await call(t, 'MSS_Signature', signatureRequest(PHONE, 'AAAA', { ap: otherAp })), {
      fault: { status: 104, reason: 'UNAUTHORIZED_ACCESS', httpStatus: 400 },
    });
    assert.equal(t.mssp.simToolkit.pending(E164).length, before);
    const id = await start(t, 'AAAA');
    assert.deepEqual(await call(t, 'MSS_StatusQuery', statusRequest(id, wrongPassword)), {
      fault: { status: 104, reason: 'UNAUTHORIZED_ACCESS', httpStatus: 400 },
    });
  });

  it('101 WRONG_PARAM: an unknown MSSP_TransID, synchronous mode, an unknown MSS_Format, a malformed number', async () => {
    const wrong = { fault: { status: 101, reason: 'WRONG_PARAM', httpStatus: 400 } };
    assert.deepEqual(await status(t, 'Tdeadbeef'), wrong);
    assert.deepEqual(
      await call(t, 'MSS_Signature', signatureRequest(PHONE, 'AAAA', { mode: 'synch' })),
      wrong,
    );
    const xmlFormat = signatureRequest(PHONE, 'AAAA');
    (xmlFormat.MSS_SignatureReq.MSS_Format as { mssURI: string }).mssURI = 'http://example.test/XMLSignature';
    assert.deepEqual(await call(t, 'MSS_Signature', xmlFormat), wrong);
    assert.deepEqual(await call(t, 'MSS_Signature', signatureRequest('12345', 'AAAA')), wrong);
  });

  it('accepts an envelope as deployed MSSP clients write it by hand (operation wrapper without namespace, text data)', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope" xmlns:mss="${MSS_NS}"><soapenv:Body><MSS_Signature><mss:MSS_SignatureReq MajorVersion="1" MinorVersion="1" MessagingMode="asynchClientServer" TimeOut="80"><mss:AP_Info AP_ID="${AP.apId}" AP_PWD="${AP.apPwd}" AP_TransID="X1" Instant="2026-06-01T08:00:00Z"/><mss:MSSP_Info><mss:MSSP_ID><mss:URI>http://mssp.sim.dichvucong.test</mss:URI></mss:MSSP_ID></mss:MSSP_Info><mss:MobileUser><mss:MSISDN>${E164}</mss:MSISDN></mss:MobileUser><mss:DataToBeSigned MimeType="text/plain" Encoding="UTF-8">Đăng nhập DVC</mss:DataToBeSigned></mss:MSS_SignatureReq></MSS_Signature></soapenv:Body></soapenv:Envelope>`;
    const response = await fetch(`${t.url}/mssp/soap/services/MSS_SignaturePort`, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      body: xml,
    });
    assert.equal(response.status, 200);
    const id = /MSSP_TransID="([^"]+)"/.exec(await response.text())?.[1];
    assert.ok(id);
    // Without DataToBeDisplayed the SIM shows the text to be signed.
    assert.equal(promptOf(t, id)?.text, 'Đăng nhập DVC');
  });

  it('a message that is not SOAP, or names no operation of the port, is a Sender fault 101', async () => {
    for (const body of [
      'garbage',
      '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><mss:Nothing xmlns:mss="http://uri.etsi.org/TS102204/v1.1.2#"/></soap:Body></soap:Envelope>',
    ]) {
      const response = await fetch(`${t.url}/mssp/soap/services/MSS_SignaturePort`, {
        method: 'POST',
        headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
        body,
      });
      assert.equal(response.status, 400);
      const xml = await response.text();
      assert.match(xml, /<soap:Subcode><soap:Value>mss:_101<\/soap:Value>/);
      t.envelopes.push({ direction: 'out', operation: 'malformed', xml });
    }
  });

  it('outage switch: HTTP 503 with Retry-After and a Receiver fault 900; latency delays answers', async () => {
    await fetch(`${t.url}/sim/mssp/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"down":true}',
    });
    const response = await fetch(`${t.url}/mssp/soap/services/MSS_SignaturePort`, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      body: '<?xml version="1.0"?><x/>',
    });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '30');
    const body = await response.text();
    assert.match(body, /<soap:Value>mss:_900<\/soap:Value>/);
    t.envelopes.push({ direction: 'out', operation: 'outage', xml: body });
    await fetch(`${t.url}/sim/mssp/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"down":false}',
    });

    await fetch(`${t.url}/sim/mssp/latency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ms":300}',
    });
    const started = Date.now();
    await call(t, 'MSS_StatusQuery', statusRequest('Tnone'));
    assert.ok(Date.now() - started >= 290);
    await fetch(`${t.url}/sim/mssp/latency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ms":0}',
    });
  });

  it('the TLS port refuses a client without the application provider certificate and serves one with it', async () => {
    const tls = t.mssp.tls!;
    const get = (withCertificate: boolean) =>
      new Promise<number>((resolve, reject) => {
        const request = httpsRequest(
          `${tls.url}/mssp/soap/services/MSS_SignaturePort?wsdl`,
          {
            ca: tls.material.server.cert,
            ...(withCertificate && { cert: tls.material.client.cert, key: tls.material.client.key }),
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.end();
      });
    await assert.rejects(get(false), (error: NodeJS.ErrnoException) =>
      /certificate|ECONNRESET|handshake|alert/i.test(`${error.code} ${error.message}`),
    );
    assert.equal(await get(true), 200);
  });

  it('every envelope the MSSP received and sent validates against the SOAP 1.2 and TS 102 204 schemas', async () => {
    const operations = new Set(t.envelopes.map((e) => `${e.direction}:${e.operation}`));
    for (const expected of [
      'in:MSS_Signature',
      'out:MSS_Signature',
      'in:MSS_StatusQuery',
      'out:MSS_StatusQuery',
    ])
      assert.ok(operations.has(expected), expected);
    const xmls = t.envelopes
      .filter((e) => e.xml.startsWith('<?xml') && e.operation !== 'none')
      .map((e) => e.xml);
    assert.ok(xmls.length > 30);
    assert.deepEqual(await invalidEnvelopes(xmls), []);
  });

  it('the schema check catches an envelope that breaks the standard (the validator is not a no-op)', async () => {
    const good = t.envelopes.find(
      (e) => e.direction === 'out' && e.operation === 'MSS_StatusQuery' && e.xml.includes('MSS_StatusResp'),
    )!.xml;
    const broken = good.replace(/<mss:Status>/, '<mss:Status><mss:Bogus/>');
    assert.equal((await invalidEnvelopes([broken])).length, 1);
  });
});
