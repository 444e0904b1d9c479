import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { Type } from 'typebox';
import { createLogger } from '../lib/logger.ts';
import { buildApp } from './app.ts';

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

  it('sets security headers', async () => {
    const response = await fetch(`${base}/healthz`);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
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
