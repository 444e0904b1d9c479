// The business registry simulator through its HTTP API (PGlite): the seeded businesses and their states, the
// look-up API's client authentication and answers, the dev API of docs/methods.md, the fault switches, and
// addIfMissing for the test PKI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { openDatabase, type SqlDatabase } from '../../lib/database.ts';
import { createPopulation, type Population } from '../population/index.ts';
import {
  type BusinessRegistry,
  createBusinessRegistry,
  devBusinessRegistryClients,
  seededTaxCode,
} from './index.ts';

const [client] = devBusinessRegistryClients('business-registry-test');
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const authorization = basic(client!.clientId, client!.clientSecret);

describe('business registry simulator', () => {
  let database: SqlDatabase;
  let population: Population;
  let registry: BusinessRegistry;
  let app: FastifyInstance;

  before(async () => {
    database = await openDatabase({});
    population = await createPopulation({ database, size: 300, clients: [], devApi: false });
    await population.seed();
    registry = await createBusinessRegistry({ database, population, clients: [client!], devApi: true });
    app = Fastify();
    await app.register(registry.plugin);
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const lookUp = (taxCode: string, auth = authorization) =>
    app.inject({
      method: 'GET',
      url: `/business-registry/v1/businesses/${taxCode}`,
      headers: { authorization: auth },
    });

  it('seeds once: one suspended, one closed, the rest active, each represented by a person of the population', async () => {
    assert.equal(await registry.seed(), 200);
    assert.equal(await registry.seed(), 0);
    const statuses = await Promise.all([0, 1, 2, 199].map((n) => registry.byTaxCode(seededTaxCode(n))));
    assert.deepEqual(
      statuses.map((b) => b?.status),
      ['suspended', 'closed', 'active', 'active'],
    );
    const representative = statuses[2]?.representativeIdNumber ?? '';
    assert.ok(
      await population.findByIdNumber(representative),
      'the representative is a person of the population',
    );
  });

  it('look-up API: the business for a known tax code, 404 NOT_FOUND for an unknown one, 400 for a malformed one', async () => {
    const found = await lookUp(seededTaxCode(2));
    assert.equal(found.statusCode, 200);
    const body = found.json();
    assert.equal(body.taxCode, seededTaxCode(2));
    assert.equal(body.status, 'active');
    assert.ok(body.name.length > 0 && /^\d{12}$/.test(body.representativeIdNumber));

    const unknown = await lookUp('0100000001');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'NOT_FOUND');
    assert.equal((await lookUp('12345')).statusCode, 400);
  });

  it('look-up API: refuses callers without valid client credentials', async () => {
    const refused = await lookUp(seededTaxCode(2), basic(client!.clientId, 'wrong'));
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().error.code, 'UNAUTHORIZED');
    assert.equal((await lookUp(seededTaxCode(2), '')).statusCode, 401);
  });

  it('dev API: POST a business (201) then GET it with the same fields; bad fields 422', async () => {
    const business = {
      taxCode: '0312345678-001',
      name: 'Chi nhánh Công ty Cổ phần Hoa Sen',
      status: 'suspended',
      representativeIdNumber: population.person(5).idNumber,
    };
    const created = await app.inject({
      method: 'POST',
      url: '/sim/business-registry/businesses',
      payload: business,
    });
    assert.equal(created.statusCode, 201);
    assert.deepEqual(created.json(), business);
    const read = await app.inject({ method: 'GET', url: '/sim/business-registry/businesses/0312345678-001' });
    assert.deepEqual(read.json(), business);
    const bad = await app.inject({
      method: 'POST',
      url: '/sim/business-registry/businesses',
      payload: { taxCode: '031', name: '', status: 'open', representativeIdNumber: '1' },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().details.length, 4);
    assert.equal(
      (await app.inject({ method: 'GET', url: '/sim/business-registry/businesses/0100000009' })).statusCode,
      404,
    );
  });

  it('addIfMissing adds an unknown tax code as active and leaves a known one as it is', async () => {
    assert.equal(await registry.addIfMissing('0107777777', 'Công ty TNHH Minh Khang'), true);
    assert.deepEqual(await registry.byTaxCode('0107777777'), {
      taxCode: '0107777777',
      name: 'Công ty TNHH Minh Khang',
      status: 'active',
    });
    assert.equal(await registry.addIfMissing(seededTaxCode(1), 'Another name'), false);
    assert.equal((await registry.byTaxCode(seededTaxCode(1)))?.status, 'closed');
  });

  it('outage and latency switches', async () => {
    const down = await app.inject({
      method: 'POST',
      url: '/sim/business-registry/outage',
      payload: { down: true },
    });
    assert.deepEqual(down.json(), { down: true });
    const refused = await lookUp(seededTaxCode(2));
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.headers['retry-after'], '30');
    await app.inject({ method: 'POST', url: '/sim/business-registry/outage', payload: { down: false } });
    assert.equal((await lookUp(seededTaxCode(2))).statusCode, 200);

    const slow = await app.inject({
      method: 'POST',
      url: '/sim/business-registry/latency',
      payload: { ms: 150 },
    });
    assert.deepEqual(slow.json(), { ms: 150 });
    const started = Date.now();
    await lookUp(seededTaxCode(2));
    assert.ok(Date.now() - started >= 140);
    await app.inject({ method: 'POST', url: '/sim/business-registry/latency', payload: { ms: 0 } });
    assert.equal(
      (await app.inject({ method: 'POST', url: '/sim/business-registry/latency', payload: { ms: -1 } }))
        .statusCode,
      422,
    );
  });
});
