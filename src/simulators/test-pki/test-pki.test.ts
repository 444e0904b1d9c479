/**
 * The test PKI over real HTTP on each database: certificates as C1 says (subject with UID, AIA, CDP, key
 * usage, chain to the root), OCSP answers (POST and GET) that verify against the CA, CRLs listing the revoked
 * serials with nextUpdate one minute ahead, persistence across a restart, the dev API and its switches.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { databaseVariants } from '../../../test/support/databases.ts';
import type { SqlDatabase } from '../../lib/database.ts';
import { pkijs, x509 } from './crypto.ts';
import { createTestPki, type TestPki } from './index.ts';
import { UID_OID } from './issue.ts';

const NOW = new Date('2026-06-01T08:00:00Z');
const logger = pino({ level: 'silent' });

for (const variant of databaseVariants) {
  describe(`test PKI (${variant.name})`, { skip: variant.skip }, () => {
    let database: SqlDatabase;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let base = '';
    let pki: TestPki;
    const organisations: Array<[string, string]> = [];

    const start = async () => {
      pki = await createTestPki({
        database,
        now: () => NOW,
        logger,
        baseUrl: () => base,
        onOrganisationCertificate: async (taxCode, name) => {
          organisations.push([taxCode, name]);
        },
      });
      app = Fastify();
      await app.register(async (scope) => pki.routes(scope));
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    };

    before(async () => {
      const opened = await variant.open();
      database = opened.database;
      drop = opened.drop;
      await start();
    });
    after(async () => {
      await app.close();
      await drop();
    });

    const ocspRequest = async (certificatePem: string, chainPem: string) => {
      const request = new pkijs.OCSPRequest();
      await request.createForCertificate(
        pkijs.Certificate.fromBER(new x509.X509Certificate(certificatePem).rawData),
        {
          hashAlgorithm: 'SHA-1',
          issuerCertificate: pkijs.Certificate.fromBER(new x509.X509Certificate(chainPem).rawData),
        },
      );
      return new Uint8Array(request.toSchema(true).toBER(false));
    };
    /** The status an OCSP answer gives, after checking it is signed by the issuing CA. */
    const readOcsp = async (body: ArrayBuffer, certificatePem: string, chainPem: string) => {
      const response = pkijs.OCSPResponse.fromBER(body);
      assert.equal(response.responseStatus.valueBlock.valueDec, 0);
      const basic = pkijs.BasicOCSPResponse.fromBER(
        response.responseBytes!.response.valueBlock.valueHexView.slice().buffer,
      );
      const issuer = pkijs.Certificate.fromBER(new x509.X509Certificate(chainPem).rawData);
      assert.equal(await basic.verify({ trustedCerts: [issuer], trustedResponders: [issuer] }), true);
      const single = basic.tbsResponseData.responses[0]!;
      assert.equal(single.nextUpdate!.getTime() - single.thisUpdate.getTime(), 60_000);
      const status = await basic.getCertificateStatus(
        pkijs.Certificate.fromBER(new x509.X509Certificate(certificatePem).rawData),
        issuer,
      );
      return ['good', 'revoked', 'unknown'][status.status];
    };
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('issues a citizen certificate with UID, AIA, CDP and key usage, chaining to the root', async () => {
      const issued = await pki.issue({ idNumber: '001090012345', fullName: 'Nguyễn Văn An', ca: 'viettel' });
      const certificate = new x509.X509Certificate(issued.certificatePem);
      assert.equal(certificate.subjectName.getField('CN')[0], 'Nguyễn Văn An');
      assert.deepEqual(certificate.subjectName.getField(UID_OID), ['CCCD:001090012345']);
      assert.deepEqual(certificate.subjectName.getField('C'), ['VN']);
      assert.equal(certificate.serialNumber.toLowerCase(), issued.serialNumber);
      const aia = certificate.getExtension(x509.AuthorityInfoAccessExtension)!;
      assert.deepEqual(
        aia.ocsp.map((n) => n.value),
        [`${base}/pki/viettel/ocsp`],
      );
      assert.deepEqual(
        aia.caIssuers.map((n) => n.value),
        [`${base}/pki/viettel/ca.cer`],
      );
      const cdp = certificate.getExtension(x509.CRLDistributionPointsExtension)!;
      assert.equal(
        cdp.distributionPoints[0]?.distributionPoint?.fullName?.[0]?.uniformResourceIdentifier,
        `${base}/pki/viettel/crl`,
      );
      assert.equal(
        certificate.getExtension(x509.KeyUsagesExtension)!.usages,
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      );
      const chain = new x509.X509Certificate(issued.chainPem);
      assert.equal(chain.subjectName.getField('CN')[0], 'Viettel-CA (TEST)');
      assert.ok(await certificate.verify({ publicKey: chain.publicKey, date: NOW }));
      const root = new x509.X509Certificate(pki.rootPem());
      assert.equal(root.subjectName.getField('CN')[0], 'DVC Test Root CA - TEST ONLY');
      assert.ok(await chain.verify({ publicKey: root.publicKey, date: NOW }));
      assert.match(issued.privateKeyPem!, /BEGIN PRIVATE KEY/);
      const caCer = await fetch(`${base}/pki/viettel/ca.cer`);
      assert.deepEqual(Buffer.from(await caCer.arrayBuffer()), Buffer.from(chain.rawData));
    });

    it('issues a business certificate (UID=MST:) and tells the business registry', async () => {
      const issued = await pki.issue({
        taxCode: '0101234567',
        organisationName: 'Công ty TNHH Sao Mai',
        keyType: 'rsa',
      });
      const certificate = new x509.X509Certificate(issued.certificatePem);
      assert.deepEqual(certificate.subjectName.getField(UID_OID), ['MST:0101234567']);
      assert.equal(certificate.publicKey.algorithm.name, 'RSASSA-PKCS1-v1_5');
      assert.deepEqual(organisations.at(-1), ['0101234567', 'Công ty TNHH Sao Mai']);
    });

    it('answers OCSP by POST and GET: good, then revoked once revoked; unknown for a serial it never issued', async () => {
      const issued = await pki.issue({ idNumber: '001090000021' });
      const request = await ocspRequest(issued.certificatePem, issued.chainPem);
      const byPost = await fetch(`${base}/pki/vnpt/ocsp`, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: request,
      });
      assert.equal(byPost.headers.get('content-type'), 'application/ocsp-response');
      assert.equal(
        await readOcsp(await byPost.arrayBuffer(), issued.certificatePem, issued.chainPem),
        'good',
      );
      assert.equal(await pki.revoke(issued.serialNumber), 'revoked');
      assert.equal(await pki.revoke(issued.serialNumber), 'already');
      const byGet = await fetch(
        `${base}/pki/vnpt/ocsp/${encodeURIComponent(Buffer.from(request).toString('base64'))}`,
      );
      assert.equal(
        await readOcsp(await byGet.arrayBuffer(), issued.certificatePem, issued.chainPem),
        'revoked',
      );

      // A certificate of another CA asked of this responder: not authorised (6).
      const other = await pki.issue({ idNumber: '001090000022', ca: 'fpt' });
      const wrong = await fetch(`${base}/pki/vnpt/ocsp`, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: await ocspRequest(other.certificatePem, other.chainPem),
      });
      assert.equal(
        pkijs.OCSPResponse.fromBER(await wrong.arrayBuffer()).responseStatus.valueBlock.valueDec,
        6,
      );
      const garbage = await fetch(`${base}/pki/vnpt/ocsp`, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: new Uint8Array([1, 2, 3]),
      });
      assert.equal(
        pkijs.OCSPResponse.fromBER(await garbage.arrayBuffer()).responseStatus.valueBlock.valueDec,
        1,
      );
      assert.equal(await pki.revoke('00ff'), 'not_found');
    });

    it('serves a signed CRL of the revoked serials, nextUpdate one minute ahead', async () => {
      const revoked = await pki.issue({ idNumber: '001090000023', ca: 'fpt' });
      const kept = await pki.issue({ idNumber: '001090000024', ca: 'fpt' });
      await pki.revoke(revoked.serialNumber);
      const answer = await fetch(`${base}/pki/fpt/crl`);
      assert.equal(answer.headers.get('content-type'), 'application/pkix-crl');
      const crl = new x509.X509Crl(await answer.arrayBuffer());
      const ca = new x509.X509Certificate(revoked.chainPem);
      assert.ok(await crl.verify({ publicKey: ca.publicKey }));
      assert.equal(crl.thisUpdate.getTime(), NOW.getTime());
      assert.equal(crl.nextUpdate!.getTime(), NOW.getTime() + 60_000);
      const serials = crl.entries.map((entry) => entry.serialNumber.toLowerCase());
      assert.ok(serials.includes(revoked.serialNumber));
      assert.ok(!serials.includes(kept.serialNumber));
    });

    it('keeps its CAs, certificates and revocations across a restart', async () => {
      const issued = await pki.issue({ idNumber: '001090000025' });
      await pki.revoke(issued.serialNumber);
      const root = pki.rootPem();
      await app.close();
      await start();
      assert.equal(pki.rootPem(), root);
      const request = await ocspRequest(issued.certificatePem, issued.chainPem);
      const answer = await fetch(`${base}/pki/vnpt/ocsp`, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: request,
      });
      assert.equal(
        await readOcsp(await answer.arrayBuffer(), issued.certificatePem, issued.chainPem),
        'revoked',
      );
      assert.equal((await pki.issue({ idNumber: '001090000026' })).chainPem, issued.chainPem);
    });

    it('dev API: issues (with publicKeyPem: no private key), refuses bad requests, revokes, serves the root', async () => {
      const created = await post('/sim/ca/certificates', {
        idNumber: '012345678',
        fullName: 'Lê Thị Cúc',
        ca: 'fpt',
        keyType: 'rsa',
        validDays: 30,
        notBefore: '2026-05-01T00:00:00Z',
      });
      assert.equal(created.status, 201);
      const body = (await created.json()) as Record<string, string>;
      assert.deepEqual(Object.keys(body).sort(), [
        'certificatePem',
        'chainPem',
        'privateKeyPem',
        'serialNumber',
      ]);
      const certificate = new x509.X509Certificate(body.certificatePem!);
      assert.deepEqual(certificate.subjectName.getField(UID_OID), ['CMND:012345678']);
      assert.equal(certificate.notBefore.toISOString(), '2026-05-01T00:00:00.000Z');
      assert.equal(certificate.notAfter.toISOString(), '2026-05-31T00:00:00.000Z');

      const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
        'sign',
        'verify',
      ]);
      const spki = x509.PemConverter.encode(
        await crypto.subtle.exportKey('spki', keys.publicKey),
        'PUBLIC KEY',
      );
      const certified = await post('/sim/ca/certificates', {
        taxCode: '0109876543',
        organisationName: 'Công ty B',
        publicKeyPem: spki,
      });
      assert.equal(certified.status, 201);
      const certifiedBody = (await certified.json()) as Record<string, string>;
      assert.equal(certifiedBody.privateKeyPem, undefined);
      const publicKey = await new x509.X509Certificate(certifiedBody.certificatePem!).publicKey.export();
      assert.deepEqual(
        Buffer.from(await crypto.subtle.exportKey('spki', publicKey)),
        Buffer.from(await crypto.subtle.exportKey('spki', keys.publicKey)),
      );
      const noIdentity = await post('/sim/ca/certificates', { noIdentity: true });
      assert.deepEqual(
        new x509.X509Certificate(
          ((await noIdentity.json()) as { certificatePem: string }).certificatePem,
        ).subjectName.getField(UID_OID),
        [],
      );

      const refused = await post('/sim/ca/certificates', {
        idNumber: '12',
        ca: 'other',
        keyType: 'dsa',
        notBefore: 'soon',
        colour: 'red',
      });
      assert.equal(refused.status, 422);
      assert.equal(((await refused.json()) as { details: string[] }).details.length, 5);
      assert.equal((await post('/sim/ca/certificates', {})).status, 422);
      assert.equal(
        (await post('/sim/ca/certificates', { idNumber: '001090000027', publicKeyPem: 'nope' })).status,
        422,
      );

      assert.equal((await post(`/sim/ca/certificates/${body.serialNumber}/revoke`, {})).status, 200);
      assert.equal((await post('/sim/ca/certificates/00aa/revoke', {})).status, 404);
      const root = await fetch(`${base}/sim/ca/root.pem`);
      assert.equal(await root.text(), pki.rootPem());
    });

    it('outage switches: OCSP only leaves the CRL up; the whole CA answers 503 on both; latency delays', async () => {
      const issued = await pki.issue({ idNumber: '001090000028' });
      const request = await ocspRequest(issued.certificatePem, issued.chainPem);
      const ocsp = () =>
        fetch(`${base}/pki/vnpt/ocsp`, {
          method: 'POST',
          headers: { 'content-type': 'application/ocsp-request' },
          body: request,
        });
      const crl = () => fetch(`${base}/pki/vnpt/crl`);
      try {
        assert.deepEqual(await (await post('/sim/ca/ocsp/outage', { down: true })).json(), { down: true });
        const down = await ocsp();
        assert.equal(down.status, 503);
        assert.equal(down.headers.get('retry-after'), '30');
        assert.equal((await crl()).status, 200);
        await post('/sim/ca/ocsp/outage', { down: false });
        await post('/sim/ca/outage', { down: true });
        assert.equal((await ocsp()).status, 503);
        assert.equal((await crl()).status, 503);
        await post('/sim/ca/outage', { down: false });
        assert.equal((await ocsp()).status, 200);
        assert.equal((await post('/sim/ca/outage', {})).status, 422);
        assert.equal((await post('/sim/ca/latency', { ms: -1 })).status, 422);
        await post('/sim/ca/latency', { ms: 150 });
        const started = performance.now();
        assert.equal((await crl()).status, 200);
        assert.ok(performance.now() - started >= 140);
      } finally {
        pki.setDown(false);
        pki.setOcspDown(false);
        pki.faults.latencyMs = 0;
      }
    });
  });
}
