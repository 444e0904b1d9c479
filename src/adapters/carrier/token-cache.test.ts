import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTokenCache, refreshMarginMs, TokenFailure, type TokenFetchOutcome } from './token-cache.ts';

/** A token endpoint whose answer each test sets; it records what it was sent. */
interface Endpoint {
  url: string;
  requests: Array<{ headers: IncomingHttpHeaders; body: string }>;
  answer: { status: number; body: unknown; delayMs?: number };
}

describe('token cache', () => {
  let server: Server;
  const endpoint: Endpoint = { url: '', requests: [], answer: { status: 200, body: {} } };
  let issued = 0;

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        endpoint.requests.push({ headers: req.headers, body });
        issued += 1;
        const { status, delayMs = 0 } = endpoint.answer;
        const answerBody = JSON.stringify(endpoint.answer.body).replace('$n', String(issued));
        setTimeout(() => {
          res.statusCode = status;
          res.setHeader('content-type', 'application/json');
          res.end(answerBody);
        }, delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/carriers/viettel/oauth2/token`;
  });
  after(() => server.close());
  beforeEach(() => {
    endpoint.requests = [];
    endpoint.answer = {
      status: 200,
      body: { access_token: 'tok-$n', token_type: 'Bearer', expires_in: 300 },
    };
  });

  function cache(clientId = 'portal', clientSecret = 's3cret') {
    let ms = Date.parse('2026-01-15T08:00:00Z');
    const fetches: TokenFetchOutcome[] = [];
    const tokens = createTokenCache({
      tokenUrl: endpoint.url,
      clientId,
      clientSecret,
      timeoutMs: 500,
      now: () => new Date(ms),
      onFetch: (outcome) => fetches.push(outcome),
    });
    return { tokens, fetches, advance: (by: number) => (ms += by) };
  }

  async function tokenFailure(promise: Promise<unknown>): Promise<TokenFailure> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof TokenFailure, `expected TokenFailure, got ${error}`);
      return error;
    }
    assert.fail('expected a TokenFailure');
  }

  it('asks with client credentials over HTTP Basic (form-encoded first) and the correlator', async () => {
    const { tokens } = cache('portal:id', 'p@ss word');
    await tokens.get('corr-1');
    const [request] = endpoint.requests;
    assert.ok(request);
    assert.equal(request.body, 'grant_type=client_credentials');
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.headers['x-correlator'], 'corr-1');
    const decoded = Buffer.from(
      String(request.headers.authorization).replace(/^Basic /, ''),
      'base64',
    ).toString();
    assert.equal(decoded, 'portal%3Aid:p%40ss%20word');
  });

  it('fetches once for many concurrent and later calls while the token is fresh', async () => {
    endpoint.answer.delayMs = 30;
    const { tokens, fetches, advance } = cache();
    const got = await Promise.all(Array.from({ length: 20 }, () => tokens.get('c')));
    assert.equal(new Set(got).size, 1);
    advance(200_000);
    assert.equal(await tokens.get('c'), got[0]);
    assert.deepEqual(fetches, ['ok']);
  });

  it('refreshes before expiry: at lifetime minus the margin', async () => {
    const { tokens, fetches, advance } = cache();
    const first = await tokens.get('c');
    const margin = refreshMarginMs(300_000);
    assert.equal(margin, 60_000);
    advance(300_000 - margin - 1);
    assert.equal(await tokens.get('c'), first);
    advance(1);
    const second = await tokens.get('c');
    assert.notEqual(second, first);
    assert.equal(fetches.length, 2);
  });

  it('uses a fifth of short lifetimes as the margin', () => {
    assert.equal(refreshMarginMs(10_000), 2_000);
    assert.equal(refreshMarginMs(3_600_000), 60_000);
  });

  it('forgets a refused token, but not a newer one that already replaced it', async () => {
    const { tokens, fetches } = cache();
    const first = await tokens.get('c');
    tokens.invalidate(first);
    const second = await tokens.get('c');
    assert.notEqual(second, first);
    tokens.invalidate(first);
    assert.equal(await tokens.get('c'), second);
    assert.equal(fetches.length, 2);
  });

  it('reports refused credentials, server errors and malformed answers as TokenFailure', async () => {
    endpoint.answer = { status: 401, body: { error: 'invalid_client' } };
    assert.equal((await tokenFailure(cache().tokens.get('c'))).outcome, 'rejected');
    endpoint.answer = { status: 503, body: { status: 503, code: 'UNAVAILABLE', message: 'x' } };
    assert.equal((await tokenFailure(cache().tokens.get('c'))).outcome, 'http_error');
    endpoint.answer = { status: 200, body: { access_token: 'x', token_type: 'mac', expires_in: 60 } };
    assert.equal((await tokenFailure(cache().tokens.get('c'))).outcome, 'bad_response');
    endpoint.answer = { status: 200, body: { access_token: 'x', token_type: 'Bearer', expires_in: -1 } };
    assert.equal((await tokenFailure(cache().tokens.get('c'))).outcome, 'bad_response');
    endpoint.answer = {
      status: 200,
      body: { access_token: 'x', token_type: 'Bearer', expires_in: 60 },
      delayMs: 800,
    };
    assert.equal((await tokenFailure(cache().tokens.get('c'))).outcome, 'timeout');
  });

  it('shares a failed fetch with its waiters, then tries again on the next call', async () => {
    endpoint.answer = { status: 503, body: {}, delayMs: 20 };
    const { tokens, fetches } = cache();
    const results = await Promise.allSettled([tokens.get('c'), tokens.get('c'), tokens.get('c')]);
    assert.ok(results.every((r) => r.status === 'rejected'));
    assert.deepEqual(fetches, ['http_error']);
    endpoint.answer = { status: 200, body: { access_token: 'ok-$n', token_type: 'bearer', expires_in: 60 } };
    assert.match(await tokens.get('c'), /^ok-/);
  });

  it('assumes a short life when expires_in is absent', async () => {
    endpoint.answer = { status: 200, body: { access_token: 'tok-$n', token_type: 'Bearer' } };
    const { tokens, advance } = cache();
    const first = await tokens.get('c');
    advance(60_000 - refreshMarginMs(60_000));
    assert.notEqual(await tokens.get('c'), first);
  });
});
