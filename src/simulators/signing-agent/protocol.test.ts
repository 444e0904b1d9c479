/**
 * The agent's protocol decisions on a fake token (no SoftHSM2): what reaches the token, how wrong PINs are
 * counted, what each refusal says, and that neither the PIN nor the data is ever logged.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { PinCounter } from './pin-counter.ts';
import { type Answer, createProtocol, type TokenPort } from './protocol.ts';
import { PinIncorrectError, type StoredCertificate } from './token.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const PIN = '2468';
const KEY_ID = 'aa'.repeat(20);

async function certificate(name: string, ca: boolean): Promise<Uint8Array> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const made = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0102',
    name,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
    keys,
    signingAlgorithm: algorithm,
    extensions: [new x509.BasicConstraintsExtension(ca)],
  });
  return new Uint8Array(made.rawData);
}

const stored: StoredCertificate[] = [
  {
    id: KEY_ID,
    label: 'citizen',
    authority: false,
    der: await certificate('CN=Lê Thị Mai, 0.9.2342.19200300.100.1.1=CCCD:001190012345', false),
  },
  // A certificate whose key is not on the token, and a CA: neither is the holder's.
  { id: 'bb'.repeat(20), label: 'orphan', authority: false, der: await certificate('CN=Orphan', false) },
  { id: 'cc'.repeat(20), label: 'CA', authority: true, der: await certificate('CN=VNPT-CA (TEST)', true) },
];

describe('signing agent protocol (fake token)', () => {
  let signs: number;
  let failWith: Error | undefined;
  let lines: string[];
  let state: { present: boolean };
  let pins: PinCounter;
  let answer: (text: string) => Answer;
  const token: TokenPort = {
    label: 'Fake Token',
    certificates: () => stored,
    keys: () => [{ id: KEY_ID, label: 'citizen', kind: 'ec' }],
    signDigest(id, pin, digest) {
      assert.equal(id, KEY_ID);
      assert.equal(digest.length, 32);
      if (failWith) throw failWith;
      if (pin !== PIN) throw new PinIncorrectError('refused');
      signs += 1;
      return { kind: 'ec', signature: new Uint8Array(randomBytes(64)) };
    },
  };
  const call = (method: string, params?: Record<string, unknown>) =>
    answer(JSON.stringify({ id: 'r1', method, params }));
  const sign = (pin: string, certificateId = KEY_ID) =>
    call('signCms', { certificateId, pin, data: Buffer.from('challenge').toString('base64') });
  const error = (a: Answer) => ('error' in a ? a.error : undefined);

  beforeEach(() => {
    signs = 0;
    failWith = undefined;
    lines = [];
    state = { present: true };
    pins = new PinCounter(join(mkdtempSync(join(tmpdir(), 'agent-pins-')), 'pin-state.json'));
    answer = createProtocol({
      token,
      pins,
      state,
      now: () => new Date('2026-12-05T04:00:00Z'),
      log: (line) => lines.push(line),
    });
  });

  it('getInfo follows the token being plugged in', () => {
    assert.deepEqual(call('getInfo'), {
      id: 'r1',
      result: {
        name: 'DVC Signing Agent (simulator)',
        version: '1.0.0',
        tokenPresent: true,
        tokenLabel: 'Fake Token',
      },
    });
    state.present = false;
    assert.deepEqual(
      (call('getInfo') as { result: { tokenPresent: boolean; tokenLabel: null } }).result.tokenPresent,
      false,
    );
    const noSoftHsm = createProtocol({
      token: undefined,
      pins,
      state: { present: true },
      now: () => new Date(),
      log: () => {},
    });
    assert.equal(
      error(noSoftHsm(JSON.stringify({ id: 'x', method: 'listCertificates' })))?.code,
      'TOKEN_NOT_PRESENT',
    );
  });

  it('listCertificates gives only the holder certificates, with the UID', () => {
    const listed = (call('listCertificates') as { result: Array<Record<string, unknown>> }).result;
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.certificateId, KEY_ID);
    assert.equal(listed[0]!.subjectCN, 'Lê Thị Mai');
    assert.equal(listed[0]!.uid, 'CCCD:001190012345');
    assert.equal(listed[0]!.serialNumber, '0102');
  });

  it('signCms with the right PIN answers a CMS SignedData over the data, carrying the certificate', () => {
    const result = sign(PIN) as { result: { signedData: string } };
    const info = pkijs.ContentInfo.fromBER(Buffer.from(result.result.signedData, 'base64'));
    const signed = new pkijs.SignedData({ schema: info.content });
    assert.equal(signed.certificates?.length, 1, 'a self-signed CA is a root: not sent');
    assert.equal(signs, 1);
  });

  it('wrong PINs count down, a right one starts again, the fifth in a row locks it and the token is no longer asked', () => {
    for (const triesLeft of [4, 3])
      assert.deepEqual(error(sign('0000')), { code: 'PIN_INCORRECT', message: 'Wrong PIN.', triesLeft });
    assert.equal(error(sign(PIN)), undefined);
    for (const triesLeft of [4, 3, 2, 1]) assert.equal(error(sign('0000'))?.triesLeft, triesLeft);
    assert.equal(error(sign('0000'))?.code, 'PIN_LOCKED');
    assert.equal(error(sign(PIN))?.code, 'PIN_LOCKED');
    assert.equal(signs, 1);
    pins.reset();
    assert.equal(error(sign(PIN)), undefined);
  });

  it('a certificate that is not a holder certificate is CERTIFICATE_NOT_FOUND, and costs no try', () => {
    for (const id of ['bb'.repeat(20), 'cc'.repeat(20), 'dd'.repeat(20)])
      assert.equal(error(sign('0000', id))?.code, 'CERTIFICATE_NOT_FOUND');
    assert.equal(pins.triesLeft, 5);
  });

  it('an unplugged token is TOKEN_NOT_PRESENT for listing and signing', () => {
    state.present = false;
    assert.equal(error(call('listCertificates'))?.code, 'TOKEN_NOT_PRESENT');
    assert.equal(error(sign(PIN))?.code, 'TOKEN_NOT_PRESENT');
  });

  it('malformed requests are BAD_REQUEST before the token is asked, naming the id once it is known', () => {
    assert.deepEqual(answer('{'), {
      id: null,
      error: { code: 'BAD_REQUEST', message: 'The message is not JSON.' },
    });
    assert.equal((answer('[]') as { id: null }).id, null);
    assert.equal((answer('{"id":7,"method":"getInfo"}') as { id: null }).id, null);
    assert.deepEqual(answer('{"id":"q","method":"toString"}'), {
      id: 'q',
      error: { code: 'BAD_REQUEST', message: 'Unknown method.' },
    });
    assert.equal(error(answer('{"id":"q","method":"getInfo","params":[1]}'))?.code, 'BAD_REQUEST');
    for (const params of [
      {},
      { certificateId: KEY_ID, pin: PIN },
      { certificateId: KEY_ID, pin: PIN, data: '' },
      { certificateId: KEY_ID, pin: PIN, data: 'abc' },
      { certificateId: KEY_ID, pin: 1234, data: 'AAAA' },
      { certificateId: KEY_ID, pin: 'x'.repeat(65), data: 'AAAA' },
      { certificateId: 'ZZ', pin: PIN, data: 'AAAA' },
    ])
      assert.equal(error(call('signCms', params))?.code, 'BAD_REQUEST', JSON.stringify(params));
    assert.equal(signs, 0);
    assert.equal(pins.triesLeft, 5);
  });

  it('a token failing otherwise is AGENT_ERROR and costs no try', () => {
    failWith = new Error('CKR_DEVICE_ERROR');
    assert.deepEqual(error(sign(PIN)), { code: 'AGENT_ERROR', message: 'The agent could not do that.' });
    assert.equal(pins.triesLeft, 5);
  });

  it('logs the method and outcome of each request, never the PIN or the data', () => {
    sign('0000');
    sign(PIN);
    assert.deepEqual(
      lines.map((line) => line.replace(/ \(.*ms\)$/, '')),
      ['signCms → PIN_INCORRECT', 'signCms → ok'],
    );
    const all = lines.join('\n');
    assert.ok(
      !all.includes(PIN) &&
        !all.includes('0000') &&
        !all.includes(Buffer.from('challenge').toString('base64')),
    );
  });
});
