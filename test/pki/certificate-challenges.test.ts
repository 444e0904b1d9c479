/**
 * POST /api/v1/certificate-challenges through the real server, on the embedded stores and on PostgreSQL +
 * Redis: the challenge's shape and lifetime, no caching, the per-IP limit as problem+json, its place in the
 * OpenAPI document; and the dev test PKI served by the hub, its certificates naming the hub's address.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { x509 } from '../../src/adapters/pki/engine.ts';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

for (const variant of storeVariants) {
  describe(`certificate challenges (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    before(async () => {
      hub = await startTestSystem(variant.name, { LIMIT_CHALLENGES_PER_IP: '3' });
    });
    after(() => hub.close());

    const challenge = (_label: string, language = 'vi') =>
      fetch(`${hub.url}/api/v1/certificate-challenges`, {
        method: 'POST',
        headers: { 'accept-language': language },
      });

    it('answers 201 with a single-use challenge: an id, 32 random bytes in base64, five minutes', async () => {
      const answers = await Promise.all([challenge('1'), challenge('1')]);
      const bodies = [];
      for (const answer of answers) {
        assert.equal(answer.status, 201);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        const body = (await answer.json()) as { challengeId: string; nonce: string; expiresAt: string };
        assert.deepEqual(Object.keys(body).sort(), ['challengeId', 'expiresAt', 'nonce']);
        assert.equal(Buffer.from(body.nonce, 'base64').length, 32);
        assert.equal(new Date(body.expiresAt).getTime(), hub.clock.now().getTime() + 5 * 60_000);
        bodies.push(body);
      }
      assert.notEqual(bodies[0]!.challengeId, bodies[1]!.challengeId);
      assert.notEqual(bodies[0]!.nonce, bodies[1]!.nonce);
    });

    it('limits challenges per address: 429 RATE_LIMITED problem+json with Retry-After, in the asked language', async () => {
      // Every test here comes from 127.0.0.1 (no trusted proxy): two challenges were given above.
      assert.equal((await challenge('2')).status, 201);
      const refused = await challenge('2', 'en');
      assert.equal(refused.status, 429);
      assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      const problem = (await refused.json()) as { code: string; limit: string; title: string };
      assert.equal(problem.code, 'RATE_LIMITED');
      assert.equal(problem.limit, 'CHALLENGES_PER_IP');
      assert.match(problem.title, /[a-z]/);
    });

    it('is in the OpenAPI document', async () => {
      const docs = (await (await fetch(`${hub.url}/api/docs`)).json()) as { paths: Record<string, unknown> };
      assert.ok(docs.paths['/api/v1/certificate-challenges']);
    });

    it("serves the dev test PKI, whose certificates name the hub's OCSP, CRL and CA addresses", async () => {
      const issued = await fetch(`${hub.url}/sim/ca/certificates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ idNumber: '001090012345', fullName: 'Nguyễn Văn An' }),
      });
      assert.equal(issued.status, 201);
      const { certificatePem } = (await issued.json()) as { certificatePem: string };
      const aia = new x509.X509Certificate(certificatePem).getExtension(x509.AuthorityInfoAccessExtension)!;
      assert.equal(aia.ocsp[0]?.value, `${hub.url}/pki/vnpt/ocsp`);
      const crl = await fetch(`${hub.url}/pki/vnpt/crl`);
      assert.equal(crl.status, 200);
      assert.equal(
        await (await fetch(`${hub.url}/sim/ca/root.pem`)).text(),
        hub.system.simulators!.testPki.rootPem(),
      );
    });
  });
}
