import assert from 'node:assert/strict';
import { type AddressInfo, connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { Type } from 'typebox';
import { createLogger } from '../lib/logger.ts';
import { buildApp } from './app.ts';
import { contextOf } from './request-context.ts';

describe('HTTP foundation: strict input, problem+json, operations endpoints', () => {
  let app: FastifyInstance;
  let base: string;
  let handlerCalls = 0;
  let storeUp = true;

  before(async () => {
    app = await buildApp({
      logger: createLogger({ level: 'silent' }),
      registry: new Registry(),
      portalName: 'Test',
      production: false,
      formTargets: ['http://127.0.0.1:3001'],
      readiness: {
        database: async () => {},
        ephemeralStore: async () => {
          if (!storeUp) throw new Error('down');
        },
      },
      routes: async (scope) => {
        scope.post(
          '/api/v1/echo',
          {
            schema: {
              tags: ['operations'],
              body: Type.Object(
                { name: Type.String({ maxLength: 50 }), consent: Type.Literal(true) },
                { additionalProperties: false },
              ),
            },
          },
          async (request) => {
            handlerCalls++;
            return request.body;
          },
        );
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => app.close());

  const post = (body: string, contentType = 'application/json', language?: string) =>
    fetch(`${base}/api/v1/echo`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(language && { 'accept-language': language }) },
      body,
    });

  async function expectProblem(response: Response, status: number, code: string) {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.status, status);
    assert.equal(body.code, code);
    assert.equal(typeof body.title, 'string');
    assert.equal(typeof body.detail, 'string');
    assert.equal(typeof body.type, 'string');
    return body;
  }

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ name: 'An', consent: true }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { name: 'An', consent: true });
  });

  it('refuses bad input with a problem+json 4xx before any handler runs', async () => {
    const before = handlerCalls;
    await expectProblem(await post('x'.repeat(1024 * 1024)), 413, 'PAYLOAD_TOO_LARGE');
    await expectProblem(await post('{"name": "An",'), 400, 'BAD_REQUEST');
    await expectProblem(await post('[{"name":"An","consent":true}]'), 400, 'BAD_REQUEST');
    await expectProblem(
      await post('name=An', 'application/x-www-form-urlencoded'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectProblem(await post('<a/>', 'text/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const unknown = await expectProblem(
      await post(JSON.stringify({ name: 'An', consent: true, admin: true })),
      400,
      'BAD_REQUEST',
    );
    assert.deepEqual(unknown.errors, [
      { field: 'admin', code: 'UNKNOWN_FIELD', message: 'Trường này không được chấp nhận.' },
    ]);
    await expectProblem(await post(JSON.stringify({ name: 42, consent: true })), 400, 'BAD_REQUEST');
    await expectProblem(await post(''), 400, 'BAD_REQUEST');
    await expectProblem(await post('null'), 400, 'BAD_REQUEST');
    assert.equal(handlerCalls, before);
  });

  it('reports missing fields (and consent not given) as 422 REQUIRED, localised', async () => {
    const vi = await expectProblem(await post(JSON.stringify({ consent: false })), 422, 'VALIDATION_FAILED');
    assert.deepEqual(
      (vi.errors as Array<{ field: string; code: string }>).map((e) => [e.field, e.code]).sort(),
      [
        ['consent', 'REQUIRED'],
        ['name', 'REQUIRED'],
      ],
    );
    const en = await expectProblem(
      await post('{}', 'application/json', 'en-GB,en;q=0.9,vi;q=0.5'),
      422,
      'VALIDATION_FAILED',
    );
    assert.equal(en.title, 'Some information is not valid');
    assert.equal((en.errors as Array<{ message: string }>)[0]?.message, 'This field is required.');
  });

  it('answers unknown routes with a problem+json 404 and echoes a request id', async () => {
    const response = await fetch(`${base}/nowhere`, { headers: { 'x-request-id': 'client-req-12345' } });
    await expectProblem(response, 404, 'NOT_FOUND');
    assert.equal(response.headers.get('x-request-id'), 'client-req-12345');
  });

  it('replaces a request id that is not a plain token, so client text never reaches the logs', async () => {
    for (const hostile of ['Nguyen 0912345678', '../../etc', 'short']) {
      const response = await fetch(`${base}/nowhere`, { headers: { 'x-request-id': hostile } });
      await expectProblem(response, 404, 'NOT_FOUND');
      assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, hostile);
    }
  });

  it('sets security headers', async () => {
    const response = await fetch(`${base}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(
      csp,
      /form-action 'self' http:\/\/127\.0\.0\.1:3001(;|$)/,
      'a form may end at a portal, nowhere else',
    );
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
  });

  it('serves health, readiness (503 with Retry-After when a store fails), metrics and OpenAPI 3.1', async () => {
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    storeUp = false;
    const notReady = await fetch(`${base}/readyz`);
    const body = await expectProblem(notReady, 503, 'SERVICE_UNAVAILABLE');
    assert.deepEqual(body.checks, { database: 'ok', ephemeralStore: 'failing' });
    assert.ok(notReady.headers.get('retry-after'));
    storeUp = true;

    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /process_cpu_user_seconds_total/);
    assert.match(metrics, /http_request_duration_seconds_bucket\{.*route="\/healthz"/);

    const docs = (await (await fetch(`${base}/api/docs`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    assert.equal(docs.openapi, '3.1.0');
    assert.ok(docs.paths['/api/v1/echo']);
    assert.ok(docs.paths['/readyz']);
  });
});

/** Sends raw bytes and collects everything the server writes until it closes the connection. */
function rawExchange(port: number, bytes: string, withinMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`the server kept the connection open for ${withinMs} ms; got ${received.slice(0, 200)}`),
      );
    }, withinMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

function parseRaw(answer: string) {
  const [head = '', ...rest] = answer.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = new Map(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

function assertRawProblem(answer: string, status: number, code: string) {
  const { status: actual, headers, body } = parseRaw(answer);
  assert.equal(actual, status, answer.slice(0, 300));
  assert.match(headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = JSON.parse(body) as Record<string, unknown>;
  assert.equal(problem.status, status);
  assert.equal(problem.code, code);
  assert.equal(typeof problem.title, 'string');
}

describe('HTTP edge: timeouts, parser errors, Permissions-Policy, metrics exposure, client address', () => {
  const HEADERS_TIMEOUT_MS = 300;
  const REQUEST_TIMEOUT_MS = 600;
  const METRICS_TOKEN = 'scraper-token-1234567890';
  let app: FastifyInstance;
  let port: number;
  let base: string;

  before(async () => {
    app = await buildApp({
      logger: createLogger({ level: 'silent' }),
      registry: new Registry(),
      portalName: 'Test',
      production: true,
      readiness: { database: async () => {} },
      timeouts: {
        headersTimeoutMs: HEADERS_TIMEOUT_MS,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: 5000,
      },
      metrics: { exposed: true, token: METRICS_TOKEN },
      routes: async (scope) => {
        scope.get('/api/v1/things/:id', async (request) => request.params);
        scope.post('/api/v1/things', async () => ({ ok: true }));
        scope.get('/client-address', async (request) => contextOf(request));
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  after(() => app.close());

  it('closes slow-loris connections (unfinished headers, unfinished body) after the configured timeouts', async () => {
    const started = Date.now();
    const partialHeaders = Array.from({ length: 5 }, () =>
      rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: portal\r\nX-Slow: ', 4000),
    );
    const partialBodies = Array.from({ length: 5 }, () =>
      rawExchange(
        port,
        'POST /api/v1/things HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
        4000,
      ),
    );
    const answers = await Promise.all([...partialHeaders, ...partialBodies]);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= HEADERS_TIMEOUT_MS - 50, `not closed before the timeout (${elapsed} ms)`);
    for (const answer of answers.slice(0, 5)) assert.equal(parseRaw(answer).status, 408, answer);
    // A slow body already reached a route: it is answered (408 or the route's own answer) or cut, never kept.
    assert.equal(answers.length, 10);
  });

  it('answers a malformed request line with problem+json 400', async () => {
    assertRawProblem(await rawExchange(port, 'GARBAGE\r\n\r\n'), 400, 'BAD_REQUEST');
    assertRawProblem(
      await rawExchange(port, 'GET /a b c HTTP/1.1\r\nHost: portal\r\nAccept-Language: en\r\n\r\n'),
      400,
      'BAD_REQUEST',
    );
  });

  it('answers a malformed or over-long path parameter with problem+json 400 / 414', async () => {
    const badUrl = await fetch(`${base}/api/v1/things/%E0%A4%A`);
    assert.equal(badUrl.status, 400);
    assert.match(badUrl.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(((await badUrl.json()) as { code: string }).code, 'BAD_REQUEST');

    const long = await fetch(`${base}/api/v1/things/${'x'.repeat(500)}`, {
      headers: { 'accept-language': 'en' },
    });
    assert.equal(long.status, 414);
    assert.match(long.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = (await long.json()) as { code: string; title: string };
    assert.equal(body.code, 'URI_TOO_LONG');
    assert.equal(body.title, 'Address too long');
  });

  it('answers headers that are too large with problem+json 431, and HEAD with no body', async () => {
    const big = `X-Big: ${'a'.repeat(20_000)}\r\n`;
    const get = await rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: portal\r\n${big}\r\n`);
    assertRawProblem(get, 431, 'HEADERS_TOO_LARGE');

    const head = parseRaw(await rawExchange(port, `HEAD /healthz HTTP/1.1\r\nHost: portal\r\n${big}\r\n`));
    assert.equal(head.status, 431);
    assert.equal(head.body, '', 'HEAD never gets a body');
    assert.equal(head.headers.get('content-length'), '0');
  });

  it('sends a Permissions-Policy denying features the pages do not use', async () => {
    const policy = (await fetch(`${base}/healthz`)).headers.get('permissions-policy') ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
      assert.match(policy, new RegExp(`(^|, )${feature}=\\(\\)`), feature);
  });

  it('serves /metrics only to a scraper presenting the token', async () => {
    const anonymous = await fetch(`${base}/metrics`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(
      (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
      401,
    );
    const scraper = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(scraper.status, 200);
    assert.match(await scraper.text(), /process_cpu_user_seconds_total/);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const response = await fetch(`${base}/client-address`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(((await response.json()) as { clientIp: string }).clientIp, '127.0.0.1');
  });
});

describe('HTTP edge: metrics switched off', () => {
  it('has no /metrics when not exposed', async () => {
    const app = await buildApp({
      logger: createLogger({ level: 'silent' }),
      registry: new Registry(),
      portalName: 'Test',
      production: true,
      readiness: {},
      metrics: { exposed: false, token: undefined },
    });
    try {
      assert.equal((await app.inject('/metrics')).statusCode, 404);
    } finally {
      await app.close();
    }
  });
});
