// The population registry adapter against the population simulator over real HTTP (PGlite): the contract of
// src/simulators/population/README.md read into the port's outcomes, and every way of not answering.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { MemoryLog } from '../../../test/support/memory-log.ts';
import { metricValue, StandIns } from '../../../test/support/partner-stand-in.ts';
import { openDatabase, type SqlDatabase } from '../../lib/database.ts';
import {
  createPopulation,
  devPopulationClients,
  type Population,
} from '../../simulators/population/index.ts';
import { person } from '../../simulators/population/people.ts';
import { ManualClock } from '../../usecases/ports/clock.ts';
import { DEFAULT_BREAKER_SETTINGS } from '../http/circuit-breaker.ts';
import {
  createHttpPopulationRegistry,
  type HttpPopulationRegistryOptions,
} from './http-population-registry.ts';

const SIZE = 200;
const [client] = devPopulationClients('population-adapter-test');
const context = { requestId: 'req-population-1' };

const gauge = (registry: Registry, name: string, partner: string) => metricValue(registry, name, { partner });

describe('HTTP population registry against the population simulator', () => {
  let database: SqlDatabase;
  let population: Population;
  let app: FastifyInstance;
  let base: string;
  let requests = 0;
  const standIns = new StandIns();

  before(async () => {
    database = await openDatabase({});
    population = await createPopulation({ database, size: SIZE, clients: [client!], devApi: false });
    await population.seed();
    app = Fastify();
    app.addHook('onRequest', async () => {
      requests += 1;
    });
    await app.register(population.plugin);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/population/v1`;
  });
  after(async () => {
    standIns.closeAll();
    await app.close();
    await database.close();
  });

  /** A fresh adapter (own breaker, metrics, clock and log) over the shared simulator. */
  function adapter(overrides: Partial<HttpPopulationRegistryOptions> = {}) {
    const clock = new ManualClock();
    const log = new MemoryLog();
    const registry = new Registry();
    const population = createHttpPopulationRegistry({
      baseUrl: base,
      apiKey: client!.apiKey,
      timeoutMs: 1000,
      now: () => clock.now(),
      logger: pino({ level: 'debug' }, log),
      registry,
      ...overrides,
    });
    return { population, clock, log, registry };
  }

  async function withOutage<T>(work: () => Promise<T>): Promise<T> {
    population.faults.down = true;
    try {
      return await work();
    } finally {
      population.faults.down = false;
    }
  }

  const answering = standIns.answering.bind(standIns);

  const withCmnd = () => population.sample(1, (p) => p.oldIdNumber !== undefined, 5)[0]!;
  const withoutCmnd = () => population.sample(1, (p) => p.oldIdNumber === undefined, 5)[0]!;

  it('finds a citizen by CCCD, with the old CMND linked to it or none, and the name as the registry spells it', async () => {
    const { population: registry } = adapter();
    const linked = withCmnd();
    assert.deepEqual(await registry.lookup(linked.idNumber, context), {
      outcome: 'found',
      idNumber: linked.idNumber,
      oldIdNumbers: [linked.oldIdNumber],
      fullName: linked.fullName,
    });
    const alone = withoutCmnd();
    assert.deepEqual(await registry.lookup(alone.idNumber, context), {
      outcome: 'found',
      idNumber: alone.idNumber,
      oldIdNumbers: [],
      fullName: alone.fullName,
    });
  });

  it('finds a citizen by the old CMND and gives the CCCD it is linked to', async () => {
    const { population: registry } = adapter();
    const linked = withCmnd();
    assert.deepEqual(await registry.lookup(linked.oldIdNumber!, context), {
      outcome: 'found',
      idNumber: linked.idNumber,
      oldIdNumbers: [linked.oldIdNumber],
      fullName: linked.fullName,
    });
  });

  it('says not_found for a well-formed number the registry does not hold', async () => {
    const { population: registry } = adapter();
    assert.deepEqual(await registry.lookup(person(SIZE + 1).idNumber, context), { outcome: 'not_found' });
    assert.deepEqual(await registry.lookup('999999999', context), { outcome: 'not_found' });
  });

  it('answers unavailable, logged as an error, when the registry refuses the API key', async () => {
    const { population: registry, log } = adapter({ apiKey: 'not-the-key' });
    assert.deepEqual(await registry.lookup(withCmnd().idNumber, context), { outcome: 'unavailable' });
    const lines = log.lines.map((line) => JSON.parse(line));
    assert.equal(lines.length, 1, 'logged once');
    assert.equal(lines[0].level, 50);
    assert.equal(lines[0].status, 401);
    assert.equal(lines[0].partnerCode, 'UNAUTHENTICATED');
    assert.equal(lines[0].requestId, context.requestId);
  });

  it('answers unavailable during an outage (503)', async () => {
    const { population: registry, registry: metrics } = adapter();
    await withOutage(async () => {
      assert.deepEqual(await registry.lookup(withCmnd().idNumber, context), { outcome: 'unavailable' });
    });
    const histogram = (await metrics.getSingleMetric('partner_call_duration_seconds')!.get()).values;
    assert.ok(
      histogram.some(
        (v) =>
          v.labels.outcome === 'http_503' &&
          v.labels.partner === 'population' &&
          (v as { metricName?: string }).metricName === 'partner_call_duration_seconds_count' &&
          v.value === 1,
      ),
    );
  });

  it('gives up at the timeout when the registry is slow', async () => {
    const { population: registry } = adapter({ timeoutMs: 100 });
    population.faults.latencyMs = 500;
    try {
      const started = performance.now();
      assert.deepEqual(await registry.lookup(withCmnd().idNumber, context), { outcome: 'unavailable' });
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 90 && elapsed < 400, `took ${elapsed} ms`);
    } finally {
      population.faults.latencyMs = 0;
    }
  });

  it('answers unavailable when nothing listens', async () => {
    const url = await standIns.nobodyListening();
    const { population: registry } = adapter({ baseUrl: `${url}/population/v1` });
    assert.deepEqual(await registry.lookup(withCmnd().idNumber, context), { outcome: 'unavailable' });
  });

  it('answers unavailable to an answer it cannot read', async () => {
    const found = withCmnd();
    for (const [type, body] of [
      ['text/html', '<h1>maintenance</h1>'],
      ['application/json', `{"found": true, "idNumber": "${found.idNumber}"`],
      ['application/json', '{"found": true, "oldIdNumbers": []}'],
      ['application/json', '{"found": true, "idNumber": "12", "oldIdNumbers": []}'],
      [
        'application/json',
        `{"found": true, "idNumber": "${found.idNumber}", "oldIdNumbers": [9], "fullName": "An"}`,
      ],
      ['application/json', `{"found": true, "idNumber": "${found.idNumber}", "oldIdNumbers": []}`],
      [
        'application/json',
        `{"found": true, "idNumber": "${found.idNumber}", "oldIdNumbers": [], "fullName": " "}`,
      ],
      [
        'application/json',
        `{"found": true, "idNumber": "${found.idNumber}", "oldIdNumbers": [], "fullName": 7}`,
      ],
      [
        'application/json',
        `{"found": true, "idNumber": "${found.idNumber}", "oldIdNumbers": [], "fullName": "${'A'.repeat(201)}"}`,
      ],
      ['application/json', '{"found": "no"}'],
      ['application/json', '[]'],
    ] as const) {
      const { population: registry, log } = adapter({ baseUrl: await answering(200, type, body) });
      assert.deepEqual(await registry.lookup(found.idNumber, context), { outcome: 'unavailable' }, body);
      assert.ok(!log.text().includes(found.idNumber), 'the answer is not quoted in the log');
    }
  });

  it('takes a 400 as our bug: unavailable, logged as an error, not held against the registry', async () => {
    const { population: registry, log, registry: metrics } = adapter();
    for (let i = 0; i < DEFAULT_BREAKER_SETTINGS.failureThreshold + 1; i++)
      assert.deepEqual(await registry.lookup('12-34', context), { outcome: 'unavailable' });
    const errors = log.lines.map((line) => JSON.parse(line)).filter((line) => line.level === 50);
    assert.equal(errors.length, DEFAULT_BREAKER_SETTINGS.failureThreshold + 1);
    assert.equal(errors[0].partnerCode, 'INVALID_ARGUMENT');
    assert.equal(await gauge(metrics, 'partner_circuit_state', 'population'), 0);
    await registry.ping();
    assert.equal((await registry.lookup(withCmnd().idNumber, context)).outcome, 'found');
  });

  it('opens the circuit after 5 failures, fails fast without calling, and closes 30 s later', async () => {
    const { population: registry, clock, registry: metrics } = adapter();
    const citizen = withCmnd();
    await registry.ping();
    await withOutage(async () => {
      for (let i = 0; i < DEFAULT_BREAKER_SETTINGS.failureThreshold; i++)
        assert.deepEqual(await registry.lookup(citizen.idNumber, context), { outcome: 'unavailable' });
      assert.equal(await gauge(metrics, 'partner_circuit_state', 'population'), 2);
      await assert.rejects(registry.ping(), /circuit is open/);
      const before = requests;
      const started = performance.now();
      assert.deepEqual(await registry.lookup(citizen.idNumber, context), { outcome: 'unavailable' });
      assert.ok(performance.now() - started < 50, 'an open circuit answers at once');
      assert.equal(requests, before, 'nothing is sent while the circuit is open');
      assert.equal(await gauge(metrics, 'partner_rejected_total', 'population'), 1);
    });
    // Back, but the circuit stays open until its 30 s are up.
    assert.deepEqual(await registry.lookup(citizen.idNumber, context), { outcome: 'unavailable' });
    clock.advance(DEFAULT_BREAKER_SETTINGS.resetAfterMs - 1);
    assert.deepEqual(await registry.lookup(citizen.idNumber, context), { outcome: 'unavailable' });
    clock.advance(1);
    assert.equal((await registry.lookup(citizen.idNumber, context)).outcome, 'found');
    assert.equal(await gauge(metrics, 'partner_circuit_state', 'population'), 0);
    await registry.ping();
  });

  it('re-opens the circuit when the trial call fails', async () => {
    const { population: registry, clock } = adapter();
    const citizen = withCmnd();
    await withOutage(async () => {
      for (let i = 0; i < DEFAULT_BREAKER_SETTINGS.failureThreshold; i++)
        await registry.lookup(citizen.idNumber, context);
      clock.advance(DEFAULT_BREAKER_SETTINGS.resetAfterMs);
      const before = requests;
      assert.deepEqual(await registry.lookup(citizen.idNumber, context), { outcome: 'unavailable' });
      assert.equal(requests, before + 1, 'the trial went out');
    });
    assert.deepEqual(await registry.lookup(citizen.idNumber, context), { outcome: 'unavailable' });
    await assert.rejects(registry.ping());
  });

  it('logs failures without ID numbers or the API key', async () => {
    const { population: registry, log } = adapter({ apiKey: 'wrong-key-123456789' });
    const citizen = withCmnd();
    await registry.lookup(citizen.idNumber, context);
    await registry.lookup(citizen.oldIdNumber!, context);
    const ok = adapter();
    await withOutage(() => ok.population.lookup(citizen.idNumber, context));
    await ok.population.lookup('12-34', context);
    const text = log.text() + ok.log.text();
    for (const secret of [citizen.idNumber, citizen.oldIdNumber!, 'wrong-key-123456789', client!.apiKey])
      assert.ok(!text.includes(secret), `the log contains ${secret}`);
    for (const line of [...log.lines, ...ok.log.lines]) {
      const { time: _t, pid: _p, hostname: _h, ...rest } = JSON.parse(line);
      assert.ok(!/\d{8,}/.test(JSON.stringify(rest)), `a long digit run in ${JSON.stringify(rest)}`);
    }
  });

  it('refuses settings it could never work with', () => {
    assert.throws(() => adapter({ baseUrl: 'population.example' }), /baseUrl/);
    assert.throws(() => adapter({ apiKey: '' }), /apiKey/);
    assert.throws(() => adapter({ timeoutMs: 0 }), /timeoutMs/);
  });
});
