/**
 * The social-insurance registry over real HTTP on each database: records seeded from the population,
 * match / no match / no phone, one answer for every kind of mismatch, client authentication, input
 * validation with its error body, the outage switch and latency, and the dev API of methods.md.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { databaseVariants } from '../../../test/support/databases.ts';
import { createPopulation, type Population } from '../population/index.ts';
import { person } from '../population/people.ts';
import { createSocialInsurance, devSocialInsuranceClients, recordOf, type SocialInsurance } from './index.ts';

const SIZE = 300;
const [client] = devSocialInsuranceClients('social-insurance-test');
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('seeded social-insurance records', () => {
  it('give each person a unique 10-digit number opening with the province, and one in ten no phone', () => {
    const records = Array.from({ length: 5000 }, (_, n) => recordOf(person(n)));
    assert.ok(
      records.every(
        (r, n) =>
          /^\d{10}$/.test(r.socialInsuranceNumber) &&
          r.socialInsuranceNumber.startsWith(person(n).province.code.slice(1)),
      ),
    );
    assert.equal(new Set(records.map((r) => r.socialInsuranceNumber)).size, records.length);
    const withoutPhone = records.filter((r) => r.phoneNumber === null).length / records.length;
    assert.ok(withoutPhone > 0.07 && withoutPhone < 0.13, String(withoutPhone));
    assert.deepEqual(recordOf(person(42)), recordOf(person(42)));
  });
});

for (const variant of databaseVariants) {
  describe(`social insurance registry (${variant.name})`, { skip: variant.skip }, () => {
    let app: FastifyInstance;
    let base: string;
    let population: Population;
    let registry: SocialInsurance;
    let drop: () => Promise<void>;

    before(async () => {
      const opened = await variant.open();
      drop = opened.drop;
      population = await createPopulation({
        database: opened.database,
        size: SIZE,
        clients: [],
        devApi: false,
      });
      registry = await createSocialInsurance({
        database: opened.database,
        population,
        clients: [client!],
        devApi: true,
        now: () => new Date('2026-06-01T08:00:00Z'),
      });
      assert.equal(await registry.seed(), SIZE);
      assert.equal(await registry.seed(), 0);
      app = Fastify();
      await app.register(registry.plugin);
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    });
    after(async () => {
      await app.close();
      await drop();
    });

    const match = (
      body: unknown,
      authorization: string | null = basic(client!.clientId, client!.clientSecret),
    ) =>
      fetch(`${base}/vss/v1/records/match`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const dev = (path: string, body?: unknown) =>
      fetch(`${base}/sim/social-insurance${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body !== undefined && {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      });
    const queryOf = (n: number) => {
      const r = recordOf(person(n));
      return {
        socialInsuranceNumber: r.socialInsuranceNumber,
        idNumber: r.idNumber,
        fullName: r.fullName,
        birthDate: r.birthDate,
      };
    };
    const withPhone = () => population.sample(1, (p) => recordOf(p).phoneNumber !== null)[0]!.index;
    const withoutPhone = () => population.sample(1, (p) => recordOf(p).phoneNumber === null)[0]!.index;

    it('matches a seeded record, names compared without diacritics, case or extra spaces', async () => {
      const n = withPhone();
      const query = queryOf(n);
      const loose = query.fullName
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[đĐ]/g, 'D')
        .toLowerCase()
        .replaceAll(' ', '   ');
      for (const fullName of [query.fullName, ` ${loose} `]) {
        const response = await match({ ...query, fullName });
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), {
          match: true,
          phoneNumber: recordOf(person(n)).phoneNumber,
        });
      }
      assert.match(recordOf(person(n)).phoneNumber!, /^\+84\d{9}$/);
    });

    it('matches a record without a phone with phoneNumber null', async () => {
      const response = await match(queryOf(withoutPhone()));
      assert.deepEqual(await response.json(), { match: true, phoneNumber: null });
    });

    it('gives one answer for an unknown number and for each differing field', async () => {
      const query = queryOf(withPhone());
      const other = queryOf(withoutPhone());
      const variants = [
        { ...query, socialInsuranceNumber: '0000000000' },
        { ...query, idNumber: other.idNumber },
        { ...query, fullName: other.fullName },
        { ...query, birthDate: query.birthDate === '1990-01-01' ? '1990-01-02' : '1990-01-01' },
        { ...query, socialInsuranceNumber: other.socialInsuranceNumber },
      ];
      const answers = await Promise.all(
        variants.map(async (body) => {
          const response = await match(body);
          return `${response.status} ${await response.text()}`;
        }),
      );
      assert.deepEqual(new Set(answers), new Set(['200 {"match":false}']));
    });

    it('refuses a caller without valid client credentials', async () => {
      for (const authorization of [
        null,
        basic(client!.clientId, 'wrong'),
        basic('someone-else', client!.clientSecret),
        `Bearer ${client!.clientSecret}`,
      ]) {
        const response = await match(queryOf(0), authorization);
        assert.equal(response.status, 401);
        assert.match(response.headers.get('www-authenticate') ?? '', /^Basic/);
        const body = (await response.json()) as {
          error: { code: string; message: string; requestId: string };
        };
        assert.equal(body.error.code, 'UNAUTHORIZED');
        assert.equal(typeof body.error.requestId, 'string');
      }
    });

    it('answers 400 INVALID_REQUEST naming each wrong field', async () => {
      const response = await match({
        socialInsuranceNumber: '12345',
        idNumber: '12',
        fullName: '',
        birthDate: '31/02/1990',
        phone: '0912345678',
      });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { code: string; details: Array<{ field: string }> } };
      assert.equal(body.error.code, 'INVALID_REQUEST');
      assert.deepEqual(body.error.details.map((d) => d.field).sort(), [
        'birthDate',
        'fullName',
        'idNumber',
        'phone',
        'socialInsuranceNumber',
      ]);
      assert.equal(
        (
          (await (await match({ ...queryOf(0), birthDate: '1990-02-30' })).json()) as {
            error: { code: string };
          }
        ).error.code,
        'INVALID_REQUEST',
      );
      for (const body of ['{oops', '[]']) {
        const malformed = await match(body);
        assert.equal(malformed.status, 400);
        assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'INVALID_REQUEST');
      }
    });

    it('answers 503 SERVICE_UNAVAILABLE with Retry-After while the outage switch is on', async () => {
      assert.deepEqual(await (await dev('/outage', { down: true })).json(), { down: true });
      try {
        const response = await match(queryOf(0));
        assert.equal(response.status, 503);
        assert.equal(response.headers.get('retry-after'), '30');
        const body = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'SERVICE_UNAVAILABLE');
        assert.equal(body.error.message, 'The social insurance registry is temporarily unavailable.');
      } finally {
        await dev('/outage', { down: false });
      }
      assert.equal((await match(queryOf(0))).status, 200);
      assert.equal((await dev('/outage', {})).status, 422);
    });

    it('delays every answer by the latency setting', async () => {
      assert.equal((await dev('/latency', { ms: 'slow' })).status, 422);
      await dev('/latency', { ms: 150 });
      try {
        const started = performance.now();
        assert.equal((await match(queryOf(0))).status, 200);
        assert.ok(performance.now() - started >= 140);
      } finally {
        await dev('/latency', { ms: 0 });
      }
    });

    it('adds and replaces records through the dev API', async () => {
      const record = {
        socialInsuranceNumber: '0199887766',
        idNumber: '001090012345',
        fullName: 'Nguyễn  Văn An',
        birthDate: '17/05/1990',
        phoneNumber: '0912 345 678',
      };
      const created = await dev('/records', record);
      assert.equal(created.status, 201);
      assert.deepEqual(await created.json(), {
        socialInsuranceNumber: '0199887766',
        idNumber: '001090012345',
        fullName: 'Nguyễn Văn An',
        birthDate: '1990-05-17',
        phoneNumber: '+84912345678',
      });
      const query = {
        socialInsuranceNumber: '0199887766',
        idNumber: '001090012345',
        fullName: 'NGUYEN VAN AN',
        birthDate: '1990-05-17',
      };
      assert.deepEqual(await (await match(query)).json(), { match: true, phoneNumber: '+84912345678' });

      const { phoneNumber: _, ...withoutPhone } = record;
      assert.equal((await dev('/records', withoutPhone)).status, 201);
      assert.deepEqual(await (await match(query)).json(), { match: true, phoneNumber: null });
      assert.equal(
        ((await (await dev('/records/001090012345')).json()) as { phoneNumber: null }).phoneNumber,
        null,
      );
      assert.equal((await dev('/records/0000000001')).status, 404);

      const invalid = await dev('/records', {
        ...record,
        socialInsuranceNumber: '12',
        birthDate: 'soon',
        phoneNumber: '12',
      });
      assert.equal(invalid.status, 422);
      assert.equal(((await invalid.json()) as { details: string[] }).details.length, 3);
    });
  });
}
