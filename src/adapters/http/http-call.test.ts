import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CallFailure, callHttp } from './http-call.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, count: number) => void;

async function serve(handler: Handler): Promise<{ url: string; server: Server; count(): number }> {
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    const n = count;
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handler(req, res, body, n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, count: () => count };
}

async function failure(promise: Promise<unknown>): Promise<CallFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CallFailure, `expected a CallFailure, got ${error}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('callHttp', () => {
  const servers: Server[] = [];
  let echo: string;
  before(async () => {
    const s = await serve((req, res, body) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    });
    servers.push(s.server);
    echo = s.url;
  });
  after(() => {
    for (const server of servers) server.close();
  });

  it('sends JSON and reads JSON answers with their status', async () => {
    const answer = await callHttp({
      method: 'POST',
      url: `${echo}/x`,
      headers: { 'x-correlator': 'abc' },
      body: { a: 1 },
      timeoutMs: 1000,
    });
    assert.equal(answer.status, 200);
    const seen = answer.body as { method: string; headers: Record<string, string>; body: string };
    assert.equal(seen.method, 'POST');
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers['x-correlator'], 'abc');
    assert.deepEqual(JSON.parse(seen.body), { a: 1 });
  });

  it('sends URLSearchParams as an HTML form', async () => {
    const answer = await callHttp({
      method: 'POST',
      url: echo,
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      timeoutMs: 1000,
    });
    const seen = answer.body as { headers: Record<string, string>; body: string };
    assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(seen.body, 'grant_type=client_credentials');
  });

  it('passes error statuses through and gives undefined for non-JSON answers', async () => {
    const s = await serve((_req, res) => {
      res.statusCode = 503;
      res.setHeader('content-type', 'text/html');
      res.end('<h1>down</h1>');
    });
    servers.push(s.server);
    assert.deepEqual(await callHttp({ method: 'GET', url: s.url, timeoutMs: 1000 }), {
      status: 503,
      body: undefined,
    });
  });

  it('fails with bad_response on malformed JSON', async () => {
    const s = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"swapped": tru');
    });
    servers.push(s.server);
    assert.equal(
      (await failure(callHttp({ method: 'GET', url: s.url, timeoutMs: 1000 }))).kind,
      'bad_response',
    );
  });

  it('times out on a slow answer, including a slow body, and never repeats it', async () => {
    const s = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.write('{"a":');
      setTimeout(() => res.end('1}'), 400).unref();
    });
    servers.push(s.server);
    const started = performance.now();
    const error = await failure(
      callHttp({ method: 'GET', url: s.url, timeoutMs: 80, retryOnConnectionError: true }),
    );
    const elapsed = performance.now() - started;
    assert.equal(error.kind, 'timeout');
    assert.ok(elapsed >= 70 && elapsed < 350, `took ${elapsed} ms`);
    assert.equal(s.count(), 1);
  });

  it('fails with connection when nothing listens, and says where without the path digits', async () => {
    const s = await serve(() => {});
    await new Promise((resolve) => s.server.close(resolve));
    const error = await failure(
      callHttp({ method: 'GET', url: `${s.url}/numbers/+84912345678`, timeoutMs: 1000 }),
    );
    assert.equal(error.kind, 'connection');
    assert.match(error.message, /ECONNREFUSED/);
    assert.doesNotMatch(error.message, /912345678/);
  });

  it('repeats once after a dropped connection only when asked to', async () => {
    const s = await serve((req, res, _body, n) => {
      if (n % 2 === 1) {
        req.socket.destroy();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    servers.push(s.server);
    const answer = await callHttp({
      method: 'GET',
      url: s.url,
      timeoutMs: 1000,
      retryOnConnectionError: true,
    });
    assert.deepEqual(answer, { status: 200, body: { ok: true } });
    assert.equal(s.count(), 2);
    assert.equal(
      (await failure(callHttp({ method: 'GET', url: s.url, timeoutMs: 1000 }))).kind,
      'connection',
    );
    assert.equal(s.count(), 3);
  });
});
