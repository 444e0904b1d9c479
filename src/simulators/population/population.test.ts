/**
 * The population registry over real HTTP on each database: the same people on every fresh database, valid
 * ID numbers for any index, CMND → CCCD resolution through the data-sharing API, its authentication, input
 * checks, fault switches, and the TypeScript API other simulators draw from.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { databaseVariants } from '../../../test/support/databases.ts';
import { checkIdNumberAgainstBirthDate, parseIdNumber } from '../../domain/id-number.ts';
import { validateFullName } from '../../domain/name.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { createPopulation, devPopulationClients, type Population } from './index.ts';
import { MAX_POPULATION, person, personalMobileNumber } from './people.ts';

const SIZE = 400;
const [client] = devPopulationClients('population-test');

describe('synthetic people', () => {
  it('gives every index a valid 12-digit ID agreeing with province, sex and birth year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_POPULATION - 1 }), (n) => {
        const p = person(n);
        assert.ok(checkIdNumberAgainstBirthDate(p.idNumber, p.birthDate).ok, p.idNumber);
        const parsed = parseIdNumber(p.idNumber);
        assert.ok(parsed.ok && parsed.value.kind === 'personal_12');
        assert.equal(parsed.value.province?.code, p.province.code);
        assert.equal(parsed.value.sex, p.sex);
        assert.ok(validateFullName(p.fullName).ok, p.fullName);
        if (p.oldIdNumber) assert.match(p.oldIdNumber, /^\d{9}$/);
        assert.ok(normalizeMobileNumber(personalMobileNumber(n)).ok);
        assert.deepEqual(person(n), p);
      }),
      { numRuns: 2000 },
    );
  });

  it('never gives two people the same ID number, CMND or phone', () => {
    const seen = new Set<string>();
    let numbers = 0;
    for (let n = 0; n < 30_000; n++) {
      const p = person(n);
      for (const id of [p.idNumber, p.oldIdNumber, personalMobileNumber(n)]) {
        if (!id) continue;
        numbers++;
        seen.add(id);
      }
    }
    assert.equal(seen.size, numbers);
  });

  it('writes names with diacritics and a realistic share of Nguyễn and of old CMNDs', () => {
    const people = Array.from({ length: 5000 }, (_, n) => person(n));
    const share = (test: (p: (typeof people)[number]) => boolean) =>
      people.filter(test).length / people.length;
    assert.ok(Math.abs(share((p) => p.fullName.startsWith('Nguyễn ')) - 0.38) < 0.04);
    assert.ok(share((p) => p.oldIdNumber !== undefined) > 0.15);
    assert.ok(share((p) => p.fullName !== p.fullName.normalize('NFD').replace(/\p{M}/gu, '')) > 0.9);
    assert.ok(Math.abs(share((p) => p.sex === 'female') - 0.5) < 0.04);
  });
});

for (const variant of databaseVariants) {
  describe(`population registry (${variant.name})`, { skip: variant.skip }, () => {
    let app: FastifyInstance;
    let base: string;
    let population: Population;
    const drops: Array<() => Promise<void>> = [];

    async function open() {
      const opened = await variant.open();
      drops.push(opened.drop);
      return opened.database;
    }

    before(async () => {
      population = await createPopulation({
        database: await open(),
        size: SIZE,
        clients: [client!],
        devApi: true,
      });
      assert.equal(await population.seed(), SIZE);
      app = Fastify();
      await app.register(population.plugin);
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    });
    after(async () => {
      await app.close();
      for (const drop of drops) await drop();
    });

    const lookup = (body: unknown, authorization: string | null = `Bearer ${client!.apiKey}`) =>
      fetch(`${base}/population/v1/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const dev = (path: string, body?: unknown) =>
      fetch(`${base}/sim/population${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body !== undefined && {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      });

    it('holds the same people as any other fresh database, and seeds only once', async () => {
      const other = await createPopulation({
        database: await open(),
        size: SIZE,
        clients: [],
        devApi: false,
      });
      await other.seed();
      assert.equal(await population.seed(), 0);
      for (const n of [0, 1, 17, 255, SIZE - 1]) {
        const expected = person(n);
        assert.deepEqual(await other.findByIdNumber(expected.idNumber), expected);
        assert.deepEqual(await population.findByIdNumber(expected.idNumber), expected);
      }
      assert.equal(await population.findByIdNumber(person(SIZE).idNumber), undefined);
      assert.throws(() => population.person(SIZE), RangeError);
    });

    it('shows a person by either number on the dev API, 404 otherwise', async () => {
      const [p] = population.sample(1, (candidate) => candidate.oldIdNumber !== undefined);
      const expected = {
        idNumber: p!.idNumber,
        oldIdNumber: p!.oldIdNumber,
        fullName: p!.fullName,
        birthDate: p!.birthDate,
        sex: p!.sex,
        province: p!.province.name,
      };
      for (const key of [p!.idNumber, p!.oldIdNumber!]) {
        const response = await dev(`/${key}`);
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), expected);
      }
      assert.equal((await dev('/001099000000')).status, 404);
    });

    it('resolves an old CMND to the CCCD it is linked to, with the name as the registry spells it', async () => {
      const [p] = population.sample(1, (candidate) => candidate.oldIdNumber !== undefined, 7);
      const response = await lookup({ idNumber: p!.oldIdNumber });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        found: true,
        idNumber: p!.idNumber,
        oldIdNumbers: [p!.oldIdNumber],
        fullName: p!.fullName,
      });
      const [withoutCmnd] = population.sample(1, (candidate) => candidate.oldIdNumber === undefined);
      const alone = await (await lookup({ idNumber: withoutCmnd!.idNumber })).json();
      assert.deepEqual(alone, {
        found: true,
        idNumber: withoutCmnd!.idNumber,
        oldIdNumbers: [],
        fullName: withoutCmnd!.fullName,
      });
      assert.match(alone.fullName, /[^\p{ASCII}]/u, 'the name keeps its diacritics');
      assert.deepEqual(await (await lookup({ idNumber: '999999999' })).json(), { found: false });
    });

    it('refuses callers without a valid API key', async () => {
      for (const authorization of [null, 'Bearer wrong', `Basic ${client!.apiKey}`]) {
        const response = await lookup({ idNumber: person(0).idNumber }, authorization);
        assert.equal(response.status, 401);
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
        assert.deepEqual(await response.json(), {
          status: 401,
          code: 'UNAUTHENTICATED',
          message: 'A valid API key is required.',
        });
      }
    });

    it('answers 400 INVALID_ARGUMENT to a malformed request', async () => {
      for (const body of [{}, { idNumber: 'abc' }, { idNumber: 1234567890 }, '{not json']) {
        const response = await lookup(body);
        assert.equal(response.status, 400);
        const problem = (await response.json()) as { code: string; status: number };
        assert.equal(problem.code, 'INVALID_ARGUMENT');
        assert.equal(problem.status, 400);
      }
      const missing = await fetch(`${base}/population/v1/nothing`, {
        headers: { authorization: `Bearer ${client!.apiKey}` },
      });
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { code: string }).code, 'NOT_FOUND');
    });

    it('answers 503 UNAVAILABLE during an outage, and slows down on demand', async () => {
      assert.deepEqual(await (await dev('/outage', { down: true })).json(), { down: true });
      const down = await lookup({ idNumber: person(0).idNumber });
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('retry-after'), '30');
      assert.deepEqual(await down.json(), {
        status: 503,
        code: 'UNAVAILABLE',
        message: 'The registry is unavailable.',
      });
      await dev('/outage', { down: false });
      assert.equal((await lookup({ idNumber: person(0).idNumber })).status, 200);
      assert.equal((await dev('/outage', { down: 'yes' })).status, 422);

      assert.equal((await dev('/latency', { ms: -1 })).status, 422);
      await dev('/latency', { ms: 150 });
      const started = performance.now();
      assert.equal((await lookup({ idNumber: person(0).idNumber })).status, 200);
      assert.ok(performance.now() - started >= 140);
      await dev('/latency', { ms: 0 });
    });

    it('samples distinct people in an order fixed by the seed, within the filter', () => {
      const first = population.sample(50, undefined, 3);
      assert.deepEqual(population.sample(50, undefined, 3), first);
      assert.notDeepEqual(population.sample(50, undefined, 4), first);
      assert.equal(new Set(first.map((p) => p.index)).size, 50);
      assert.ok(first.every((p) => p.index < SIZE));
      const women = population.sample(SIZE, (p) => p.sex === 'female');
      assert.equal(
        women.length,
        Array.from({ length: SIZE }, (_, n) => person(n)).filter((p) => p.sex === 'female').length,
      );
      assert.equal(population.sample(SIZE * 2).length, SIZE);
    });
  });
}
