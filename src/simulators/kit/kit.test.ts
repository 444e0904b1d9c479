// The simulators' shared kit: the fault switches' dev routes (validation and answers, default and per-partner
// wording), the onRequest hook's latency and outage, the answers to what no route answered, and client credentials.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { basicClientCheck, clientGuard, clientSecretCheck } from './clients.ts';
import { partnerErrors } from './errors.ts';
import { type FaultSwitches, faultSwitchRoutes, partnerFaults } from './faults.ts';

const post = (app: ReturnType<typeof Fastify>, url: string, payload?: object) =>
  app.inject({ method: 'POST', url, ...(payload && { payload }) });

describe('fault switch routes', () => {
  it('sets the outage from a boolean and refuses anything else with 422', async () => {
    const faults: FaultSwitches = { down: false, latencyMs: 0 };
    const app = Fastify();
    faultSwitchRoutes(app, '/sim/partner', faults);
    const on = await post(app, '/sim/partner/outage', { down: true });
    assert.equal(on.statusCode, 200);
    assert.deepEqual(on.json(), { down: true });
    assert.equal(faults.down, true);
    for (const body of [undefined, {}, { down: 'true' }, { down: 1 }, { down: null }]) {
      const refused = await post(app, '/sim/partner/outage', body);
      assert.equal(refused.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(refused.json(), { error: 'down must be true or false' });
    }
    assert.equal(faults.down, true, 'a refused switch changes nothing');
    assert.deepEqual((await post(app, '/sim/partner/outage', { down: false })).json(), { down: false });
    assert.equal(faults.down, false);
  });

  it('sets the latency from a whole number of ms from 0 to 60 000 and refuses anything else with 422', async () => {
    const faults: FaultSwitches = { down: false, latencyMs: 0 };
    const app = Fastify();
    faultSwitchRoutes(app, '/sim/partner', faults);
    for (const ms of [0, 800, 60_000]) {
      const set = await post(app, '/sim/partner/latency', { ms });
      assert.deepEqual([set.statusCode, set.json()], [200, { ms }]);
      assert.equal(faults.latencyMs, ms);
    }
    for (const body of [undefined, {}, { ms: -1 }, { ms: 1.5 }, { ms: '5' }, { ms: 60_001 }]) {
      const refused = await post(app, '/sim/partner/latency', body);
      assert.equal(refused.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(refused.json(), { error: 'ms must be an integer from 0 to 60000' });
    }
    assert.equal(faults.latencyMs, 60_000, 'a refused switch changes nothing');
  });

  it("keeps a partner's own status, limit, wording and further outage switches", async () => {
    const faults = { down: false, latencyMs: 0, ocspDown: false };
    const app = Fastify();
    faultSwitchRoutes(app, '/sim/a', faults, { refusedStatus: 400, maxLatencyMs: 120_000 });
    faultSwitchRoutes(app, '/sim/b', faults, {
      refusals: { down: 'down is true or false', ms: 'ms is a whole number from 0 to 60000' },
      outages: {
        '/ocsp/outage': (down) => {
          faults.ocspDown = down;
        },
      },
    });
    assert.deepEqual((await post(app, '/sim/a/latency', { ms: 120_000 })).json(), { ms: 120_000 });
    const tooLong = await post(app, '/sim/a/latency', { ms: 120_001 });
    assert.deepEqual(
      [tooLong.statusCode, tooLong.json()],
      [400, { error: 'ms must be an integer from 0 to 120000' }],
    );
    const notBoolean = await post(app, '/sim/a/outage', {});
    assert.deepEqual(
      [notBoolean.statusCode, notBoolean.json()],
      [400, { error: 'down must be true or false' }],
    );
    const worded = await post(app, '/sim/b/latency', { ms: 60_001 });
    assert.deepEqual(
      [worded.statusCode, worded.json()],
      [422, { error: 'ms is a whole number from 0 to 60000' }],
    );
    assert.deepEqual((await post(app, '/sim/b/outage', {})).json(), { error: 'down is true or false' });
    assert.deepEqual((await post(app, '/sim/b/ocsp/outage', { down: true })).json(), { down: true });
    assert.deepEqual([faults.ocspDown, faults.down], [true, false]);
  });
});

describe('partner faults hook', () => {
  const appWith = (faults: FaultSwitches, onDown?: boolean) => {
    const app = Fastify();
    app.addHook(
      'onRequest',
      partnerFaults(
        faults,
        onDown ? (_request, reply) => reply.type('application/json').send({ partner: 'down' }) : undefined,
      ),
    );
    app.get('/x', async () => ({ ok: true }));
    return app;
  };

  it('answers 503 with Retry-After in the partner shape while down, and passes through when up', async () => {
    const faults: FaultSwitches = { down: true, latencyMs: 0 };
    const app = appWith(faults, true);
    const down = await app.inject({ method: 'GET', url: '/x' });
    assert.equal(down.statusCode, 503);
    assert.equal(down.headers['retry-after'], '30');
    assert.deepEqual(down.json(), { partner: 'down' });
    faults.down = false;
    assert.deepEqual((await app.inject({ method: 'GET', url: '/x' })).json(), { ok: true });
  });

  it('without an outage answer only delays: the routes decide what an outage stops', async () => {
    const faults: FaultSwitches = { down: true, latencyMs: 120 };
    const app = appWith(faults);
    const started = performance.now();
    const answer = await app.inject({ method: 'GET', url: '/x' });
    assert.ok(performance.now() - started >= 100, 'delayed by the latency');
    assert.deepEqual([answer.statusCode, answer.json()], [200, { ok: true }]);
  });
});

describe('partner errors', () => {
  it("answers Fastify's refusals as invalid with their status, failures as unavailable (logged), unknown paths as not found", async () => {
    const logged: string[] = [];
    const app = Fastify({
      logger: { level: 'error', stream: { write: (line: string) => logged.push(JSON.parse(line).msg) } },
    });
    partnerErrors(app, {
      failed: 'partner failed',
      invalid: (_request, reply, status) => reply.code(status).send({ invalid: status }),
      unavailable: (_request, reply) => reply.send({ unavailable: true }),
      notFound: (_request, reply) => reply.code(404).send({ notFound: true }),
    });
    app.post('/echo', async (request) => request.body);
    app.get('/broken', async () => {
      throw new Error('storage down');
    });
    const badJson = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    assert.deepEqual([badJson.statusCode, badJson.json()], [400, { invalid: 400 }]);
    const broken = await app.inject({ method: 'GET', url: '/broken' });
    assert.deepEqual(
      [broken.statusCode, broken.headers['retry-after'], broken.json()],
      [503, '30', { unavailable: true }],
    );
    assert.deepEqual(logged, ['partner failed']);
    const unknown = await app.inject({ method: 'GET', url: '/nope' });
    assert.deepEqual([unknown.statusCode, unknown.json()], [404, { notFound: true }]);
  });
});

describe('client credentials', () => {
  const clients = [
    { clientId: 'portal', clientSecret: 's3cret' },
    { clientId: 'other', clientSecret: 'another secret' },
  ];
  const basic = (value: string) => `Basic ${Buffer.from(value).toString('base64')}`;

  it('accepts only a known id with its own secret', () => {
    const check = clientSecretCheck(clients);
    assert.equal(check('portal', 's3cret'), true);
    assert.equal(check('other', 'another secret'), true);
    assert.equal(check('portal', 'another secret'), false);
    assert.equal(check('nobody', 's3cret'), false);
    assert.equal(check(undefined, 's3cret'), false);
    assert.equal(check('portal', ''), false);
  });

  it('reads HTTP Basic: id and secret split at the first colon, anything else refused', () => {
    const check = basicClientCheck([...clients, { clientId: 'colon', clientSecret: 'a:b' }]);
    assert.equal(check(basic('portal:s3cret')), true);
    assert.equal(check(basic('colon:a:b')), true);
    for (const header of [
      undefined,
      '',
      basic('portal'),
      basic('portal:wrong'),
      `Bearer ${Buffer.from('portal:s3cret').toString('base64')}`,
      `basic ${Buffer.from('portal:s3cret').toString('base64')}`,
      `Basic ${Buffer.from('portal:s3cret').toString('base64')} `,
    ])
      assert.equal(check(header), false, String(header));
  });

  it("refuses with 401 and the partner's challenge, the body the partner's own", async () => {
    const app = Fastify();
    app.addHook(
      'onRequest',
      clientGuard(basicClientCheck(clients), 'Basic realm="partner"', (_request, reply) =>
        reply.send({ refused: true }),
      ),
    );
    app.get('/x', async () => ({ ok: true }));
    const refused = await app.inject({
      method: 'GET',
      url: '/x',
      headers: { authorization: basic('portal:x') },
    });
    assert.deepEqual(
      [refused.statusCode, refused.headers['www-authenticate'], refused.json()],
      [401, 'Basic realm="partner"', { refused: true }],
    );
    const admitted = await app.inject({
      method: 'GET',
      url: '/x',
      headers: { authorization: basic('portal:s3cret') },
    });
    assert.deepEqual([admitted.statusCode, admitted.json()], [200, { ok: true }]);
  });
});
