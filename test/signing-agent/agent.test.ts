/**
 * The signing agent simulator as a citizen's browser meets it: its own process, a real SoftHSM2 token in a
 * temp folder certified by the real test PKI, over its real WebSocket with TLS. Signatures are checked with
 * pkijs against the test root, the way the hub's pipeline checks them.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as x509 from '@peculiar/x509';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type PkiWorld, startPkiWorld } from '../pki/support/pki-world.ts';
import { type AgentClient, connectAgent } from './agent-client.ts';
import { type AgentProcess, startAgentProcess } from './agent-process.ts';

const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';
const OPENSSL = ['/usr/bin/openssl', '/bin/openssl'].find((path) => existsSync(path));
const HUB_ORIGIN = 'http://127.0.0.1:39999';
const PIN = '24681357';
const CITIZEN_UID = 'CCCD:044072697127';
const BUSINESS_UID = 'MST:0109876532';

pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({
    name: 'node',
    crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'],
  }),
);

interface Listed {
  certificateId: string;
  serialNumber: string;
  subjectCN: string;
  issuerCN: string;
  uid: string;
  notBefore: string;
  notAfter: string;
  certificatePem: string;
}

describe('signing agent over its WebSocket, with a SoftHSM2 token', {
  skip: !existsSync(SOFTHSM) && 'softhsm2 is not installed',
}, () => {
  let pki: PkiWorld;
  let agent: AgentProcess;
  let client: AgentClient;
  let certificates: Listed[];
  const byUid = (uid: string) => certificates.find((c) => c.uid === uid)!;
  const connect = () => connectAgent(agent.url, { ca: agent.tlsCertificate, origin: HUB_ORIGIN });
  const devPost = (path: string, body: unknown) =>
    fetchAgent(`${agent.httpsUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const fetchAgent = (url: string, init: { method: string; body?: string; origin?: string }) =>
    httpsJson(url, init, agent.tlsCertificate);

  before(async () => {
    // The pipeline's clock is now: the agent replaces certificates that are no longer valid by the wall clock.
    pki = await startPkiWorld({ start: new Date().toISOString() });
    agent = await startAgentProcess({ pkiUrl: pki.baseUrl, allowedOrigins: [HUB_ORIGIN], pin: PIN });
    client = await connect();
    const listed = await client.call('listCertificates');
    certificates = listed.result as Listed[];
  });
  after(async () => {
    client?.close();
    await agent?.stop();
    await pki?.close();
  });

  it('getInfo names the agent and the token', async () => {
    const answer = await client.call('getInfo');
    assert.equal(answer.id, 't2');
    const info = answer.result as Record<string, unknown>;
    assert.equal(info.tokenPresent, true);
    assert.equal(info.tokenLabel, 'DVC Demo Token');
    assert.equal(typeof info.name, 'string');
    assert.equal(typeof info.version, 'string');
  });

  it('listCertificates gives the citizen and the business certificates the test PKI issued for keys made on the token', () => {
    assert.equal(certificates.length, 2);
    const root = new x509.X509Certificate(pki.pki.rootPem());
    for (const listed of certificates) {
      const certificate = new x509.X509Certificate(listed.certificatePem);
      assert.match(listed.certificateId, /^[0-9a-f]{40}$/);
      assert.equal(listed.serialNumber, certificate.serialNumber);
      assert.equal(listed.subjectCN, certificate.subjectName.getField('CN')[0]);
      assert.equal(listed.issuerCN, certificate.issuerName.getField('CN')[0]);
      assert.equal(listed.notBefore, certificate.notBefore.toISOString());
      assert.equal(listed.notAfter, certificate.notAfter.toISOString());
      assert.notEqual(certificate.issuer, root.subject, 'issued by an issuing CA, not the root');
    }
    const citizen = byUid(CITIZEN_UID);
    assert.equal(citizen.subjectCN, 'Nguyễn Hoàng Quân');
    assert.match(citizen.issuerCN, /VNPT/);
    assert.equal(new x509.X509Certificate(citizen.certificatePem).publicKey.algorithm.name, 'ECDSA');
    const business = byUid(BUSINESS_UID);
    assert.equal(business.subjectCN, 'Công ty TNHH Dịch vụ số Sông Hồng');
    assert.match(business.issuerCN, /Viettel/);
    assert.equal(
      new x509.X509Certificate(business.certificatePem).publicKey.algorithm.name,
      'RSASSA-PKCS1-v1_5',
    );
  });

  for (const [who, uid] of [
    ['citizen (EC P-256)', CITIZEN_UID],
    ['business (RSA-2048)', BUSINESS_UID],
  ] as const)
    it(`signCms with the ${who} key gives a detached CMS SignedData that verifies to the test root`, async () => {
      const data = webcrypto.getRandomValues(new Uint8Array(32));
      const answer = await client.call('signCms', {
        certificateId: byUid(uid).certificateId,
        pin: PIN,
        data: Buffer.from(data).toString('base64'),
      });
      assert.equal(answer.error, undefined);
      const der = Buffer.from((answer.result as { signedData: string }).signedData, 'base64');
      const signed = parseSignedData(der);
      assert.equal(signed.encapContentInfo.eContent, undefined, 'detached');
      const types = signed.signerInfos[0]!.signedAttrs!.attributes.map((a) => a.type).sort();
      assert.deepEqual(types, ['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.5']);
      // Signer certificate + issuing CA, no root.
      const carried = (signed.certificates ?? []).map(
        (c) => new x509.X509Certificate((c as pkijs.Certificate).toSchema().toBER()),
      );
      assert.equal(carried.length, 2);
      assert.equal(carried[0]!.serialNumber, byUid(uid).serialNumber);
      assert.equal(carried[1]!.subject, carried[0]!.issuer);
      const trusted = pkijs.Certificate.fromBER(new x509.X509Certificate(pki.pki.rootPem()).rawData);
      const verified = await signed.verify({
        signer: 0,
        data: data.buffer,
        trustedCerts: [trusted],
        checkChain: true,
        extendedMode: true,
      });
      assert.equal(verified.signatureVerified, true);
      if (OPENSSL) assert.equal(opensslVerifies(der, data, pki.pki.rootPem()), true, 'openssl cms -verify');
      // The same signature over other data must fail.
      const other = await signed
        .verify({ signer: 0, data: new Uint8Array(32).buffer, extendedMode: true })
        .catch(() => ({ signatureVerified: false }));
      assert.equal(other.signatureVerified, false);
    });

  it("a signature over the hub's challenge passes the hub's pipeline: the citizen's and the business's identities", async () => {
    const identities = [];
    for (const uid of [CITIZEN_UID, BUSINESS_UID]) {
      const challenge = await pki.signatures.issueChallenge();
      assert.ok(challenge.ok);
      const answer = await client.call('signCms', {
        certificateId: byUid(uid).certificateId,
        pin: PIN,
        data: challenge.value.nonce,
      });
      const signedData = Buffer.from((answer.result as { signedData: string }).signedData, 'base64');
      const verified = await pki.signatures.verifySignedChallenge({
        challengeId: challenge.value.challengeId,
        signedData: new Uint8Array(signedData),
      });
      assert.ok(verified.ok, JSON.stringify(verified));
      identities.push(verified.value);
    }
    const [citizen, business] = identities;
    assert.equal(citizen?.kind, 'citizen');
    assert.deepEqual(citizen?.kind === 'citizen' && [citizen.idType, citizen.idNumber, citizen.fullName], [
      'CCCD',
      '044072697127',
      'Nguyễn Hoàng Quân',
    ]);
    assert.equal(citizen?.certificate.serialNumber, byUid(CITIZEN_UID).serialNumber);
    assert.deepEqual(business?.kind === 'organisation' && [business.taxCode, business.organisationName], [
      '0109876532',
      'Công ty TNHH Dịch vụ số Sông Hồng',
    ]);
  });

  it('an unknown certificate is CERTIFICATE_NOT_FOUND and costs no PIN try', async () => {
    const answer = await client.call('signCms', {
      certificateId: 'ab'.repeat(20),
      pin: 'wrong-pin',
      data: 'AAAA',
    });
    assert.equal(answer.error?.code, 'CERTIFICATE_NOT_FOUND');
    assert.deepEqual(await fetchAgent(`${agent.httpsUrl}/dev/token`, { method: 'GET' }), {
      status: 200,
      body: { present: true, locked: false, triesLeft: 5 },
    });
  });

  it('malformed requests are BAD_REQUEST, naming the id when there is one', async () => {
    assert.deepEqual((await client.raw('not json')).error?.code, 'BAD_REQUEST');
    assert.equal((await client.raw('not json')).id, null);
    const unknown = await client.call('formatDisk');
    assert.equal(unknown.error?.code, 'BAD_REQUEST');
    assert.match(unknown.id ?? '', /^t\d+$/);
    const citizen = byUid(CITIZEN_UID).certificateId;
    for (const params of [
      { certificateId: citizen, pin: PIN },
      { certificateId: citizen, pin: PIN, data: 'not base64!' },
      { certificateId: citizen, pin: '', data: 'AAAA' },
      { certificateId: 'XYZ', pin: PIN, data: 'AAAA' },
    ])
      assert.equal((await client.call('signCms', params)).error?.code, 'BAD_REQUEST', JSON.stringify(params));
  });

  it('wrong PINs count down like a token, a right one starts again; five in a row lock it, across a restart, until reset', async () => {
    const citizen = byUid(CITIZEN_UID).certificateId;
    const sign = (pin: string) => client.call('signCms', { certificateId: citizen, pin, data: 'AAAA' });
    for (const triesLeft of [4, 3])
      assert.deepEqual(pick(await sign('00000000')), { code: 'PIN_INCORRECT', triesLeft });
    assert.equal((await sign(PIN)).error, undefined);
    for (const triesLeft of [4, 3, 2, 1])
      assert.deepEqual(pick(await sign('11111111')), { code: 'PIN_INCORRECT', triesLeft });
    assert.equal((await sign('11111111')).error?.code, 'PIN_LOCKED');
    assert.equal((await sign(PIN)).error?.code, 'PIN_LOCKED', 'the right PIN does not unlock it');

    // A restart keeps the token (no new certificates) and the lock.
    client.close();
    await agent.stop();
    agent = await startAgentProcess({
      pkiUrl: pki.baseUrl,
      allowedOrigins: [HUB_ORIGIN],
      pin: PIN,
      dataDir: agent.dataDir,
    });
    client = await connect();
    // The same certificates: none was issued again.
    assert.equal(agent.output().includes('certified'), false, agent.output());
    assert.deepEqual(
      ((await client.call('listCertificates')).result as Listed[]).map((c) => c.serialNumber).sort(),
      certificates.map((c) => c.serialNumber).sort(),
    );
    assert.equal((await sign(PIN)).error?.code, 'PIN_LOCKED');

    assert.equal((await devPost('/dev/token/reset', {})).status, 200);
    assert.equal((await sign(PIN)).error, undefined);
  });

  it('an unplugged token: getInfo says so, listing and signing are TOKEN_NOT_PRESENT', async () => {
    assert.equal((await devPost('/dev/token', { present: false })).status, 200);
    try {
      const info = (await client.call('getInfo')).result as Record<string, unknown>;
      assert.equal(info.tokenPresent, false);
      assert.equal((await client.call('listCertificates')).error?.code, 'TOKEN_NOT_PRESENT');
      const sign = await client.call('signCms', {
        certificateId: byUid(CITIZEN_UID).certificateId,
        pin: PIN,
        data: 'AAAA',
      });
      assert.equal(sign.error?.code, 'TOKEN_NOT_PRESENT');
    } finally {
      await devPost('/dev/token', { present: true });
    }
    assert.equal(((await client.call('getInfo')).result as Record<string, unknown>).tokenPresent, true);
  });

  it('refuses pages of other origins (and clients without one) before the WebSocket opens', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:40000', undefined])
      await assert.rejects(
        connectAgent(agent.url, { ca: agent.tlsCertificate, ...(origin && { origin }) }),
        (error: { status?: number }) => error.status === 403,
      );
    assert.equal(
      (
        await fetchAgent(`${agent.httpsUrl}/dev/token`, {
          method: 'POST',
          body: '{"present":false}',
          origin: 'https://evil.example',
        })
      ).status,
      403,
    );
    assert.equal(((await client.call('getInfo')).result as Record<string, unknown>).tokenPresent, true);
  });

  it('never writes the PIN to its output', () => {
    assert.ok(!agent.output().includes('11111111'));
    assert.ok(!agent.output().includes('00000000'));
  });
});

/** Another implementation's view: `openssl cms -verify` of the detached signature over the data, to the root. */
function opensslVerifies(signedData: Uint8Array, data: Uint8Array, rootPem: string): boolean {
  const folder = mkdtempSync(join(tmpdir(), 'agent-cms-'));
  writeFileSync(join(folder, 'cms.der'), signedData);
  writeFileSync(join(folder, 'data.bin'), data);
  writeFileSync(join(folder, 'root.pem'), rootPem);
  const result = spawnSync(OPENSSL!, [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    join(folder, 'cms.der'),
    '-content',
    join(folder, 'data.bin'),
    '-CAfile',
    join(folder, 'root.pem'),
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
  return result.status === 0;
}

function pick(answer: { error?: { code: string; triesLeft?: number } }) {
  return { code: answer.error?.code, triesLeft: answer.error?.triesLeft };
}

function parseSignedData(der: Uint8Array): pkijs.SignedData {
  const info = pkijs.ContentInfo.fromBER(der);
  assert.equal(info.contentType, '1.2.840.113549.1.7.2');
  return new pkijs.SignedData({ schema: info.content as asn1js.Sequence });
}

async function httpsJson(
  url: string,
  init: { method: string; body?: string; origin?: string },
  ca: string,
): Promise<{ status: number; body: unknown }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: init.method,
        ca,
        headers: {
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
          ...(init.origin && { origin: init.origin }),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    request.once('error', reject);
    request.end(init.body);
  });
}

describe('signing agent without what it needs', () => {
  it('the PKI not answering: it still listens, with no certificates yet, and says it will ask again', {
    skip: !existsSync(SOFTHSM) && 'softhsm2 is not installed',
  }, async () => {
    const agent = await startAgentProcess({ pkiUrl: 'http://127.0.0.1:9', allowedOrigins: [HUB_ORIGIN] });
    try {
      const client = await connectAgent(agent.url, { ca: agent.tlsCertificate, origin: HUB_ORIGIN });
      assert.equal(((await client.call('getInfo')).result as Record<string, unknown>).tokenPresent, true);
      assert.deepEqual((await client.call('listCertificates')).result, []);
      client.close();
      assert.match(agent.output(), /no certificate for the citizen key yet .*again in 30 s/);
    } finally {
      await agent.stop();
    }
  });

  it('a PKI whose root changed (its database was reset): the same keys are certified again under the new root', {
    skip: !existsSync(SOFTHSM) && 'softhsm2 is not installed',
  }, async () => {
    /** Lists the token, and has the citizen's key sign that PKI's challenge, checked by its pipeline. */
    const visit = async (pki: PkiWorld, dataDir?: string) => {
      const agent = await startAgentProcess({
        pkiUrl: pki.baseUrl,
        allowedOrigins: [HUB_ORIGIN],
        pin: PIN,
        ...(dataDir && { dataDir }),
      });
      try {
        const client = await connectAgent(agent.url, { ca: agent.tlsCertificate, origin: HUB_ORIGIN });
        const listed = (await client.call('listCertificates')).result as Listed[];
        const challenge = await pki.signatures.issueChallenge();
        assert.ok(challenge.ok);
        const answer = await client.call('signCms', {
          certificateId: listed.find((c) => c.uid === CITIZEN_UID)!.certificateId,
          pin: PIN,
          data: challenge.value.nonce,
        });
        client.close();
        const signedData = Buffer.from((answer.result as { signedData: string }).signedData, 'base64');
        const verified = await pki.signatures.verifySignedChallenge({
          challengeId: challenge.value.challengeId,
          signedData: new Uint8Array(signedData),
        });
        return { dataDir: agent.dataDir, listed, verified: verified.ok };
      } finally {
        await agent.stop();
      }
    };
    const first = await startPkiWorld({ start: new Date().toISOString() });
    const second = await startPkiWorld({ start: new Date().toISOString() });
    try {
      const before = await visit(first);
      const after = await visit(second, before.dataDir);
      const ids = (listed: Listed[]) => listed.map((c) => c.certificateId).sort();
      assert.deepEqual(ids(after.listed), ids(before.listed), 'the same keys');
      const serials = new Set(before.listed.map((c) => c.serialNumber));
      assert.ok(
        after.listed.every((c) => !serials.has(c.serialNumber)),
        'new certificates',
      );
      assert.deepEqual([before.verified, after.verified], [true, true], 'each trusted by its own PKI');
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('no SoftHSM2: it runs as an agent with no token plugged in, and says why', async () => {
    const agent = await startAgentProcess({
      pkiUrl: 'http://127.0.0.1:9',
      allowedOrigins: [HUB_ORIGIN],
      env: { SOFTHSM2_MODULE: '/nonexistent/libsofthsm2.so' },
    });
    try {
      const client = await connectAgent(agent.url, { ca: agent.tlsCertificate, origin: HUB_ORIGIN });
      assert.deepEqual((await client.call('getInfo')).result, {
        name: 'DVC Signing Agent (simulator)',
        version: '1.0.0',
        tokenPresent: false,
        tokenLabel: null,
      });
      assert.equal((await client.call('listCertificates')).error?.code, 'TOKEN_NOT_PRESENT');
      client.close();
      assert.match(
        agent.output(),
        /runs with no token: the SoftHSM2 module \/nonexistent\/libsofthsm2.so is missing/,
      );
    } finally {
      await agent.stop();
    }
  });
});
