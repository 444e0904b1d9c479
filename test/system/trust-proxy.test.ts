import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type StoreVariant, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

// The load balancer is 127.0.0.2 (Linux answers on all of 127/8); peers on 127.0.0.1 are not trusted.
const PROXY = '127.0.0.2';
const UNTRUSTED_PEER = '127.0.0.1';
const CAPTCHAS_PER_IP = 2;

/** POST /api/v1/captchas from a given local address, optionally with an X-Forwarded-For. */
function createCaptcha(base: string, from: string, forwardedFor?: string): Promise<number> {
  const url = new URL('/api/v1/captchas', base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function statuses(count: number, send: () => Promise<number>): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < count; i++) results.push(await send());
  return results;
}

for (const variant of storeVariants) {
  describe(`TRUST_PROXY: per-IP limits count the client behind the load balancer (${variant.name})`, {
    skip: variant.skip,
  }, () => {
    let t: TestSystem | undefined;
    before(async () => {
      t = await startTestSystem(variant.name as StoreVariant['name'], {
        TRUST_PROXY: PROXY,
        LIMIT_CAPTCHAS_PER_IP: String(CAPTCHAS_PER_IP),
      });
    });
    after(async () => {
      await t?.close();
    });

    it('gives two clients forwarded by the trusted proxy separate budgets', async () => {
      const base = t!.url;
      assert.deepEqual(await statuses(3, () => createCaptcha(base, PROXY, '203.0.113.10')), [201, 201, 429]);
      assert.equal(await createCaptcha(base, PROXY, '203.0.113.20'), 201, 'a second citizen is not blocked');
    });

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
      const base = t!.url;
      // Each request claims a new address; all of them count against the peer's own.
      let n = 0;
      assert.deepEqual(
        await statuses(3, () => createCaptcha(base, UNTRUSTED_PEER, `198.51.100.${++n}`)),
        [201, 201, 429],
      );
    });
  });
}
