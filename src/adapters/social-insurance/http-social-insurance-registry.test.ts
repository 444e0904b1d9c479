// The social-insurance registry adapter against the social-insurance simulator over real HTTP (PGlite): the
// contract of src/simulators/social-insurance/README.md read into the port's outcomes, and every way of not
// answering.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { MemoryLog } from '../../../test/support/memory-log.ts';
import { metricValue, StandIns } from '../../../test/support/partner-stand-in.ts';
import { openDatabase, type SqlDatabase } from '../../lib/database.ts';
import { createPopulation, type Population } from '../../simulators/population/index.ts';
import {
  createSocialInsurance,
  devSocialInsuranceClients,
  recordOf,
  type SocialInsurance,
} from '../../simulators/social-insurance/index.ts';
import { ManualClock } from '../../usecases/ports/clock.ts';
import type { InsuranceRecordQuery } from '../../usecases/ports/social-insurance-registry.ts';
import { DEFAULT_BREAKER_SETTINGS } from '../http/circuit-breaker.ts';
import {
  createHttpSocialInsuranceRegistry,
  type HttpSocialInsuranceRegistryOptions,
} from './http-social-insurance-registry.ts';

const SIZE = 200;
const [client] = devSocialInsuranceClients('social-insurance-adapter-test');
const context = { requestId: 'req-vss-1' };

const gauge = (registry: Registry, name: string) =>
  metricValue(registry, name, { partner: 'social_insurance' });

describe('HTTP social-insurance registry against the social-insurance simulator', () => {
  let database: SqlDatabase;
  let population: Population;
  let vss: SocialInsurance;
  let app: FastifyInstance;
  let base: string;
  let requests = 0;
  const standIns = new StandIns();

  before(async () => {
    database = await openDatabase({});
    population = await createPopulation({ database, size: SIZE, clients: [], devApi: false });
    vss = await createSocialInsurance({ database, population, clients: [client!], devApi: false });
    await vss.seed();
    app = Fastify();
    app.addHook('onRequest', async () => {
      requests += 1;
    });
    await app.register(vss.plugin);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/vss/v1`;
  });
  after(async () => {
    standIns.closeAll();
    await app.close();
    await database.close();
  });

  /** A fresh adapter (own breaker, metrics, clock and log) over the shared simulator. */
  function adapter(overrides: Partial<HttpSocialInsuranceRegistryOptions> = {}) {
    const clock = new ManualClock();
    const log = new MemoryLog();
    const registry = new Registry();
    const insurance = createHttpSocialInsuranceRegistry({
      baseUrl: base,
      clientId: client!.clientId,
      clientSecret: client!.clientSecret,
      timeoutMs: 1000,
      now: () => clock.now(),
      logger: pino({ level: 'debug' }, log),
      registry,
      ...overrides,
    });
    return { insurance, clock, log, registry };
  }

  async function withOutage<T>(work: () => Promise<T>): Promise<T> {
    vss.faults.down = true;
    try {
      return await work();
    } finally {
      vss.faults.down = false;
    }
  }

  /** The query a citizen whose record is seeded would type, and the phone that record holds. */
  function citizen(hasPhone: boolean, seed = 1): { query: InsuranceRecordQuery; phoneNumber: string | null } {
    const chosen = population.sample(1, (p) => (recordOf(p).phoneNumber !== null) === hasPhone, seed)[0]!;
    const record = recordOf(chosen);
    return {
      query: {
        socialInsuranceNumber: record.socialInsuranceNumber,
        idNumber: record.idNumber,
        fullName: record.fullName,
        birthDate: record.birthDate,
      },
      phoneNumber: record.phoneNumber,
    };
  }

  it('matches a record and gives its phone as E.164', async () => {
    const { insurance } = adapter();
    const { query, phoneNumber } = citizen(true);
    assert.match(phoneNumber!, /^\+84\d{9}$/);
    assert.deepEqual(await insurance.match(query, context), { outcome: 'match', phoneNumber });
  });

  it('matches a record without a phone with phoneNumber null', async () => {
    const { insurance } = adapter();
    assert.deepEqual(await insurance.match(citizen(false).query, context), {
      outcome: 'match',
      phoneNumber: null,
    });
  });

  it('gives phoneNumber null for a record whose phone is not a mobile number', async () => {
    const { insurance } = adapter();
    const record = {
      socialInsuranceNumber: '0199000001',
      idNumber: '001090012345',
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-05-17',
    };
    await vss.upsertRecord({ ...record, phoneNumber: '+842438253535' });
    assert.deepEqual(await insurance.match(record, context), { outcome: 'match', phoneNumber: null });
  });

  it('says no_match for an unknown number and for any differing fact', async () => {
    const { insurance } = adapter();
    const { query } = citizen(true);
    const other = citizen(false).query;
    for (const differing of [
      { socialInsuranceNumber: '0000000000' },
      { idNumber: other.idNumber },
      { fullName: other.fullName },
      { birthDate: query.birthDate === '1990-01-01' ? '1990-01-02' : '1990-01-01' },
    ])
      assert.deepEqual(await insurance.match({ ...query, ...differing }, context), { outcome: 'no_match' });
  });

  it('answers unavailable, logged once as an error, when the registry refuses the client credentials', async () => {
    for (const credentials of [
      { clientSecret: 'not-the-secret' },
      { clientId: 'someone-else' },
    ] satisfies Partial<HttpSocialInsuranceRegistryOptions>[]) {
      const { insurance, log } = adapter(credentials);
      assert.deepEqual(await insurance.match(citizen(true).query, context), { outcome: 'unavailable' });
      const lines = log.lines.map((line) => JSON.parse(line));
      assert.equal(lines.length, 1, 'logged once');
      assert.equal(lines[0].level, 50);
      assert.equal(lines[0].status, 401);
      assert.equal(lines[0].partnerCode, 'UNAUTHORIZED');
      assert.equal(lines[0].requestId, context.requestId);
    }
  });

  it('answers unavailable during an outage (503)', async () => {
    const { insurance } = adapter();
    await withOutage(async () => {
      assert.deepEqual(await insurance.match(citizen(true).query, context), { outcome: 'unavailable' });
    });
  });

  it('gives up at the timeout when the registry is slow', async () => {
    const { insurance } = adapter({ timeoutMs: 100 });
    vss.faults.latencyMs = 500;
    try {
      const started = performance.now();
      assert.deepEqual(await insurance.match(citizen(true).query, context), { outcome: 'unavailable' });
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 90 && elapsed < 400, `took ${elapsed} ms`);
    } finally {
      vss.faults.latencyMs = 0;
    }
  });

  it('answers unavailable to an answer it cannot read', async () => {
    for (const body of ['{"match": true}', '{"match": "yes"}', '{"match": true, "phoneNumber": 912345678}']) {
      const { insurance } = adapter({ baseUrl: await standIns.answering(200, 'application/json', body) });
      assert.deepEqual(await insurance.match(citizen(true).query, context), { outcome: 'unavailable' }, body);
    }
  });

  it('takes a 400 as our bug: unavailable, logged as an error, not held against the registry', async () => {
    const { insurance, log, registry } = adapter();
    const { query } = citizen(true);
    for (let i = 0; i < DEFAULT_BREAKER_SETTINGS.failureThreshold + 1; i++)
      assert.deepEqual(await insurance.match({ ...query, birthDate: '17/05/1990' }, context), {
        outcome: 'unavailable',
      });
    const errors = log.lines.map((line) => JSON.parse(line)).filter((line) => line.level === 50);
    assert.equal(errors.length, DEFAULT_BREAKER_SETTINGS.failureThreshold + 1);
    assert.equal(errors[0].partnerCode, 'INVALID_REQUEST');
    assert.equal(await gauge(registry, 'partner_circuit_state'), 0);
    assert.equal((await insurance.match(query, context)).outcome, 'match');
  });

  it('opens the circuit after 5 failures, fails fast without calling, and closes 30 s later', async () => {
    const { insurance, clock, registry } = adapter();
    const { query, phoneNumber } = citizen(true, 2);
    await insurance.ping();
    await withOutage(async () => {
      for (let i = 0; i < DEFAULT_BREAKER_SETTINGS.failureThreshold; i++)
        assert.deepEqual(await insurance.match(query, context), { outcome: 'unavailable' });
      assert.equal(await gauge(registry, 'partner_circuit_state'), 2);
      await assert.rejects(insurance.ping(), /circuit is open/);
      const before = requests;
      const started = performance.now();
      assert.deepEqual(await insurance.match(query, context), { outcome: 'unavailable' });
      assert.ok(performance.now() - started < 50, 'an open circuit answers at once');
      assert.equal(requests, before, 'nothing is sent while the circuit is open');
    });
    assert.deepEqual(await insurance.match(query, context), { outcome: 'unavailable' });
    clock.advance(DEFAULT_BREAKER_SETTINGS.resetAfterMs);
    assert.deepEqual(await insurance.match(query, context), { outcome: 'match', phoneNumber });
    assert.equal(await gauge(registry, 'partner_circuit_state'), 0);
    await insurance.ping();
  });

  it('logs failures without the citizen’s facts or the client secret', async () => {
    const { query } = citizen(true, 3);
    const wrong = adapter({ clientSecret: 'wrong-secret-987654321' });
    await wrong.insurance.match(query, context);
    const ok = adapter();
    await withOutage(() => ok.insurance.match(query, context));
    await ok.insurance.match({ ...query, birthDate: '17/05/1990' }, context);
    const lines = [...wrong.log.lines, ...ok.log.lines];
    const text = lines.join('\n');
    for (const secret of [
      query.socialInsuranceNumber,
      query.idNumber,
      query.fullName,
      query.birthDate,
      'wrong-secret-987654321',
      client!.clientSecret,
    ])
      assert.ok(!text.includes(secret), `the log contains ${secret}`);
    for (const line of lines) {
      const { time: _t, pid: _p, hostname: _h, ...rest } = JSON.parse(line);
      assert.ok(!/\d{8,}/.test(JSON.stringify(rest)), `a long digit run in ${JSON.stringify(rest)}`);
    }
  });

  it('refuses settings it could never work with', () => {
    assert.throws(() => adapter({ baseUrl: 'ftp://vss.example' }), /baseUrl/);
    assert.throws(() => adapter({ clientId: 'a:b' }), /clientId/);
    assert.throws(() => adapter({ clientSecret: '' }), /clientSecret/);
    assert.throws(() => adapter({ timeoutMs: -1 }), /timeoutMs/);
  });
});
