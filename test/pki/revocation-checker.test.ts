/**
 * The revocation checker against a test CA whose OCSP answers are tampered with on the way: an answer
 * re-signed by an impostor bearing the CA's name is not believed (the CRL decides), nor is one that is not
 * OCSP at all; a CA that cannot be reached is `unavailable`, and after repeated failures its circuit opens so
 * the responder is no longer waited for.
 */
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { readCertificate } from '../../src/adapters/pki/certificate-reader.ts';
import { exactBuffer, pkijs, x509 } from '../../src/adapters/pki/engine.ts';
import { createRevocationChecker } from '../../src/adapters/pki/revocation-checker.ts';
import { openDatabase, type SqlDatabase } from '../../src/lib/database.ts';
import { createTestPki, type TestPki } from '../../src/simulators/test-pki/index.ts';
import { ManualClock } from '../../src/usecases/ports/clock.ts';
import { derOf } from './support/cms.ts';

type Tamper = 'none' | 'impostor' | 'garbage';

describe('revocation checker against tampered and absent answers', () => {
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let database: SqlDatabase;
  let pki: TestPki;
  let app: FastifyInstance;
  let base = '';
  let tamper: Tamper = 'none';
  let impostor: { certificate: pkijs.Certificate; key: webcrypto.CryptoKey };

  before(async () => {
    database = await openDatabase({});
    pki = await createTestPki({ database, clock, logger: pino({ level: 'silent' }), baseUrl: () => base });
    app = Fastify();
    // Tampers with OCSP answers on their way out, as a network attacker would.
    app.addHook('onSend', async (request, _reply, payload) => {
      if (!request.url.includes('/ocsp') || tamper === 'none') return payload;
      if (tamper === 'garbage') return Buffer.from('<html>not OCSP</html>');
      return reSignedByImpostor(payload as Buffer);
    });
    await app.register(async (scope) => pki.routes(scope));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    impostor = await makeImpostor(
      new x509.X509Certificate((await pki.issue({ idNumber: '001090000099' })).chainPem),
    );
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  /** The genuine answer's content, its status forged to good, signed by the impostor, which it embeds. */
  async function reSignedByImpostor(payload: Buffer): Promise<Buffer> {
    const response = pkijs.OCSPResponse.fromBER(exactBuffer(new Uint8Array(payload)));
    const basic = pkijs.BasicOCSPResponse.fromBER(
      exactBuffer(new Uint8Array(response.responseBytes!.response.valueBlock.valueHexView)),
    );
    for (const single of basic.tbsResponseData.responses)
      single.certStatus = new asn1js.Primitive({
        idBlock: { tagClass: 3, tagNumber: 0 },
      } as asn1js.PrimitiveParams);
    basic.certs = [impostor.certificate];
    await basic.sign(impostor.key as unknown as Parameters<typeof basic.sign>[0], 'SHA-256');
    response.responseBytes!.response = new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) });
    return Buffer.from(response.toSchema().toBER(false));
  }

  const checker = () =>
    createRevocationChecker({ timeoutMs: 1000, now: () => clock.now(), logger: pino({ level: 'silent' }) });
  const statusOf = async (
    revocation: ReturnType<typeof checker>,
    issued: { certificatePem: string; chainPem: string },
  ) =>
    revocation.status(readCertificate(derOf(issued.certificatePem)), derOf(issued.chainPem), {
      requestId: 'test',
    });

  it('does not believe an OCSP answer re-signed by an impostor with the CA name: the CRL says revoked', async () => {
    const issued = await pki.issue({ idNumber: '001090000031' });
    await pki.revoke(issued.serialNumber);
    tamper = 'impostor';
    try {
      const revocation = checker();
      assert.equal(await statusOf(revocation, issued), 'revoked');
      assert.deepEqual(revocation.calls, { ocsp: 1, crl: 1 });
    } finally {
      tamper = 'none';
    }
  });

  it('falls back to the CRL when the OCSP answer is not OCSP at all', async () => {
    const issued = await pki.issue({ idNumber: '001090000032', ca: 'viettel' });
    tamper = 'garbage';
    try {
      const revocation = checker();
      assert.equal(await statusOf(revocation, issued), 'good');
      assert.deepEqual(revocation.calls, { ocsp: 1, crl: 1 });
    } finally {
      tamper = 'none';
    }
  });

  it('is unavailable when the CA is down, and stops waiting for it once its circuit opens', async () => {
    const issued = await pki.issue({ idNumber: '001090000033', ca: 'fpt' });
    pki.setDown(true);
    try {
      const revocation = checker();
      for (let n = 0; n < 5; n++) assert.equal(await statusOf(revocation, issued), 'unavailable');
      pki.setDown(false);
      // Open after five failures: not asked again until the breaker's reset time has passed.
      assert.equal(await statusOf(revocation, issued), 'unavailable');
      clock.advance(31_000);
      assert.equal(await statusOf(revocation, issued), 'good');
    } finally {
      pki.setDown(false);
    }
  });
});

/** A self-signed certificate bearing the CA's subject name, with a key of its own. */
async function makeImpostor(genuine: x509.X509Certificate) {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0c03',
    name: genuine.subject,
    keys,
    signingAlgorithm: algorithm,
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2040-01-01'),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  return { certificate: pkijs.Certificate.fromBER(certificate.rawData), key: keys.privateKey };
}
