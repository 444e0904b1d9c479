// The business registry adapter against the business registry simulator over real HTTP (PGlite): a business,
// no business (a 404 is an answer, not a failure), wrong credentials, an outage and a registry slower than the
// timeout, each of which throws BusinessRegistryUnavailableError (the caller's 503).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { MemoryLog } from '../../../test/support/memory-log.ts';
import { openDatabase, type SqlDatabase } from '../../lib/database.ts';
import {
  type BusinessRegistry,
  createBusinessRegistry,
  devBusinessRegistryClients,
  seededTaxCode,
} from '../../simulators/business-registry/index.ts';
import { createPopulation } from '../../simulators/population/index.ts';
import { BusinessRegistryUnavailableError } from '../../usecases/ports/business-registry.ts';
import { createHttpBusinessRegistry, type HttpBusinessRegistryOptions } from './http-business-registry.ts';

const [client] = devBusinessRegistryClients('business-registry-adapter-test');
const context = { requestId: 'req-dkkd-1' };

describe('HTTP business registry against the business registry simulator', () => {
  let database: SqlDatabase;
  let simulator: BusinessRegistry;
  let app: FastifyInstance;
  let base: string;

  before(async () => {
    database = await openDatabase({});
    const population = await createPopulation({ database, size: 300, clients: [], devApi: false });
    simulator = await createBusinessRegistry({ database, population, clients: [client!], devApi: false });
    await simulator.seed();
    app = Fastify();
    await app.register(simulator.plugin);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/business-registry/v1`;
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  function adapter(overrides: Partial<HttpBusinessRegistryOptions> = {}) {
    const log = new MemoryLog();
    const registry = createHttpBusinessRegistry({
      baseUrl: base,
      clientId: client!.clientId,
      clientSecret: client!.clientSecret,
      timeoutMs: 1000,
      now: () => new Date(),
      logger: pino({ level: 'debug' }, log),
      registry: new Registry(),
      ...overrides,
    });
    return { registry, log };
  }

  it('reads a business: name, status and legal representative', async () => {
    const { registry } = adapter();
    const seeded = await simulator.byTaxCode(seededTaxCode(3));
    assert.deepEqual(await registry.lookUp(seededTaxCode(3), context), {
      name: seeded?.name,
      status: 'active',
      representativeIdNumber: seeded?.representativeIdNumber,
    });
    assert.equal((await registry.lookUp(seededTaxCode(0), context))?.status, 'suspended');
    assert.equal((await registry.lookUp(seededTaxCode(1), context))?.status, 'closed');
  });

  it('no business with that tax code is null, and does not count against the registry', async () => {
    const { registry } = adapter();
    for (let i = 0; i < 8; i++) assert.equal(await registry.lookUp('0100000001', context), null);
    await registry.ping();
  });

  it('wrong credentials, an outage or a slow registry throw BusinessRegistryUnavailableError', async () => {
    const wrong = adapter({ clientSecret: 'not-the-secret' }).registry;
    await assert.rejects(wrong.lookUp(seededTaxCode(3), context), BusinessRegistryUnavailableError);

    simulator.faults.down = true;
    try {
      await assert.rejects(
        adapter().registry.lookUp(seededTaxCode(3), context),
        BusinessRegistryUnavailableError,
      );
    } finally {
      simulator.faults.down = false;
    }

    simulator.faults.latencyMs = 400;
    try {
      const started = Date.now();
      await assert.rejects(
        adapter({ timeoutMs: 150 }).registry.lookUp(seededTaxCode(3), context),
        BusinessRegistryUnavailableError,
      );
      assert.ok(Date.now() - started < 380, 'fails at its timeout, not when the registry answers');
    } finally {
      simulator.faults.latencyMs = 0;
    }
  });

  it('refuses to be configured without credentials or with a colon in the client id', () => {
    assert.throws(() => adapter({ clientId: 'a:b' }), RangeError);
    assert.throws(() => adapter({ clientSecret: '' }), RangeError);
  });
});
