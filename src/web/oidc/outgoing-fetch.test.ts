import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowListedFetch } from './outgoing-fetch.ts';

describe("the provider's outgoing requests", () => {
  const calls: Array<{ url: string; dispatcher: unknown }> = [];
  const recording = (async (url: string | URL | Request, options?: RequestInit) => {
    calls.push({
      url: String(url),
      dispatcher: (options as { dispatcher?: unknown } | undefined)?.dispatcher,
    });
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  const guarded = allowListedFetch(new Set(['http://127.0.0.1:3001']), recording);
  const guard = { name: 'ssrf-guard' };

  it('lets a registered portal on loopback through without the special-use address guard', async () => {
    await guarded('http://127.0.0.1:3001/auth/backchannel-logout', {
      method: 'POST',
      dispatcher: guard,
    } as unknown as RequestInit);
    assert.deepEqual(calls.at(-1), {
      url: 'http://127.0.0.1:3001/auth/backchannel-logout',
      dispatcher: undefined,
    });
  });

  it('in dev lets any loopback address through, and nothing else', async () => {
    const dev = allowListedFetch(new Set(), recording, true);
    await dev('http://127.0.0.1:45678/logout', { dispatcher: guard } as unknown as RequestInit);
    assert.equal(calls.at(-1)?.dispatcher, undefined);
    await dev('http://192.168.1.10/logout', { dispatcher: guard } as unknown as RequestInit);
    assert.equal(calls.at(-1)?.dispatcher, guard);
  });

  it('keeps the guard for every other address, another port of the same host included', async () => {
    for (const url of ['http://127.0.0.1:3009/x', 'http://10.0.0.5/jwks', 'https://rp.example/jwks']) {
      await guarded(url, { dispatcher: guard } as unknown as RequestInit);
      assert.deepEqual(calls.at(-1), { url, dispatcher: guard });
    }
  });
});
