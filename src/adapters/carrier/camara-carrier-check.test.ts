// The CAMARA carrier check against the carrier network simulator over real HTTP, on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { databaseVariants } from '../../../test/support/databases.ts';
import { MemoryLog } from '../../../test/support/memory-log.ts';
import { CARRIER_IDS, type CarrierId } from '../../domain/carriers.ts';
import type { SqlDatabase } from '../../lib/database.ts';
import {
  createCarrierNetwork,
  devCarrierClients,
  type SubscriberInput,
} from '../../simulators/carrier-network/index.ts';
import { ManualClock } from '../../usecases/ports/clock.ts';
import { type CamaraCarrierCheckOptions, createCamaraCarrierCheck } from './camara-carrier-check.ts';

type Network = Awaited<ReturnType<typeof createCarrierNetwork>>;

/** One request the carrier network received: path (query-less) and the correlator it carried. */
interface SeenRequest {
  method: string;
  path: string;
  correlator: string | undefined;
}

const HOUR = 3_600_000;

/** The values of one metric, as label sets with their numbers. */
async function metric(
  registry: Registry,
  name: string,
): Promise<Array<{ labels: Record<string, unknown>; value: number }>> {
  const found = registry.getSingleMetric(name);
  if (!found) return [];
  const { values } = await found.get();
  return values.map((v) => ({ labels: v.labels as Record<string, unknown>, value: v.value }));
}

async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const rows = await metric(registry, name);
  const row = rows.find((r) => Object.entries(labels).every(([k, v]) => r.labels[k] === v));
  return row?.value ?? 0;
}

/** How many observations a histogram holds for these labels. */
async function histogramCount(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const found = registry.getSingleMetric(name);
  if (!found) return 0;
  const { values } = await found.get();
  const row = values.find(
    (v) =>
      (v as { metricName?: string }).metricName === `${name}_count` &&
      Object.entries(labels).every(([k, value]) => (v.labels as Record<string, unknown>)[k] === value),
  );
  return row?.value ?? 0;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port where nothing listens: connection refused at once. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

/**
 * A forwarding proxy in front of the network that can hold requests whose path matches a pattern for a
 * while: a slow carrier, so concurrency and timeouts can be seen from outside.
 */
async function slowProxy(target: string, slow: RegExp, delayMs: number) {
  const seen: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push(req.url ?? '');
    if (slow.test(req.url ?? '')) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'x-correlator', 'accept'])
      if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
    try {
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      res.statusCode = upstream.status;
      const type = upstream.headers.get('content-type');
      if (type) res.setHeader('content-type', type);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.destroy();
    }
  });
  const url = await listen(server);
  return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

for (const variant of databaseVariants) {
  describe(`CAMARA carrier check against the carrier network (${variant.name})`, {
    skip: variant.skip,
  }, () => {
    let database: SqlDatabase;
    let drop: () => Promise<void>;
    let network: Network;
    let app: FastifyInstance;
    let base: string;
    const simClock = new ManualClock(new Date());
    const clients = devCarrierClients('adapter-test-secret');
    const seen: SeenRequest[] = [];
    const extraServers: Server[] = [];

    before(async () => {
      ({ database, drop } = await variant.open());
      network = await createCarrierNetwork({ database, clients, now: () => simClock.now(), devApi: true });
      app = Fastify();
      app.addHook('onRequest', async (request) => {
        const correlator = request.headers['x-correlator'];
        seen.push({
          method: request.method,
          path: request.url.split('?')[0]!,
          correlator: typeof correlator === 'string' ? correlator : undefined,
        });
      });
      await app.register(network.plugin);
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });

    after(async () => {
      for (const server of extraServers) server.close();
      await app?.close();
      await drop?.();
    });

    function endpoints(baseUrl = base): CamaraCarrierCheckOptions['carriers'] {
      return Object.fromEntries(
        CARRIER_IDS.map((id) => [id, { baseUrl: `${baseUrl}/carriers/${id}`, ...clients[id] }]),
      ) as CamaraCarrierCheckOptions['carriers'];
    }

    /** A fresh adapter (own breakers, token cache, metrics, clock and log) over the shared network. */
    function adapter(overrides: Partial<CamaraCarrierCheckOptions> = {}) {
      const clock = new ManualClock(simClock.now());
      const registry = new Registry();
      const log = new MemoryLog();
      const check = createCamaraCarrierCheck({
        mnpBaseUrl: `${base}/mnp/v1`,
        carriers: endpoints(),
        timeoutMs: 1000,
        breaker: { failureThreshold: 3, resetAfterMs: 5000 },
        logger: pino({ level: 'debug' }, log),
        registry,
        now: () => clock.now(),
        ...overrides,
      });
      return { check, clock, registry, log };
    }

    let sequence = 0;
    /** Registers a new subscriber (unique number in a block of the given prefix) and returns what a citizen types. */
    async function subscriber(
      options: {
        prefix?: string;
        carrier?: CarrierId;
        idType?: SubscriberInput['idType'];
        idNumber?: string;
        status?: 'active' | 'inactive';
        simChangedAt?: string;
      } = {},
    ) {
      sequence += 1;
      const phoneNumber = `+84${options.prefix ?? '96'}${String(7_000_000 + sequence * 37).padStart(7, '0')}`;
      const citizen = {
        phoneNumber,
        // A woman born in 1990 in Hà Nội: 001, sex/century 1, year 90.
        idNumber: `0011900${String(10_000 + sequence).padStart(5, '0')}`,
        fullName: 'Nguyễn Thị Thu Hà',
        birthDate: '1990-05-17',
      };
      await network.upsertSubscriber({
        phoneNumber,
        ...(options.carrier && { carrier: options.carrier }),
        fullName: citizen.fullName,
        birthDate: citizen.birthDate,
        idType: options.idType ?? 'CCCD',
        idNumber: options.idNumber ?? citizen.idNumber,
        idIssueDate: '2021-04-10',
        idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
        ...(options.status && { status: options.status }),
        ...(options.simChangedAt && { simChangedAt: options.simChangedAt }),
      });
      return citizen;
    }

    function since(mark: number, predicate: (r: SeenRequest) => boolean = () => true) {
      return seen.slice(mark).filter(predicate);
    }

    it('says owner when ID, name and birth date all match an active SIM', async () => {
      const { check, registry } = adapter();
      const citizen = await subscriber();
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'viettel' });
      assert.equal(
        await metricValue(registry, 'carrier_owner_check_total', { carrier: 'viettel', outcome: 'owner' }),
        1,
      );
    });

    it('names the failed fact: name, birth date, ID number', async () => {
      const { check } = adapter();
      const citizen = await subscriber({ prefix: '91' });
      assert.deepEqual(await check.checkOwner({ ...citizen, fullName: 'Nguyễn Thị Thu Hằng' }), {
        outcome: 'not_owner',
        carrier: 'vinaphone',
        reasons: ['name'],
      });
      assert.deepEqual(await check.checkOwner({ ...citizen, birthDate: '1990-05-18' }), {
        outcome: 'not_owner',
        carrier: 'vinaphone',
        reasons: ['birth_date'],
      });
      assert.deepEqual(await check.checkOwner({ ...citizen, idNumber: '001190099999' }), {
        outcome: 'not_owner',
        carrier: 'vinaphone',
        reasons: ['id_number'],
      });
      assert.deepEqual(
        await check.checkOwner({
          ...citizen,
          idNumber: '001190099999',
          fullName: 'Trần Văn Nam',
          birthDate: '1985-01-01',
        }),
        { outcome: 'not_owner', carrier: 'vinaphone', reasons: ['id_number', 'name', 'birth_date'] },
      );
    });

    it('refuses a subscriber still on a 9-digit CMND when the citizen types their 12-digit CCCD', async () => {
      const { check } = adapter();
      const citizen = await subscriber({ prefix: '90', idType: 'CMND', idNumber: '012345678' });
      assert.deepEqual(await check.checkOwner(citizen), {
        outcome: 'not_owner',
        carrier: 'mobifone',
        reasons: ['id_number'],
      });
    });

    it('refuses an inactive SIM', async () => {
      const { check } = adapter();
      const citizen = await subscriber({ status: 'inactive' });
      assert.deepEqual(await check.checkOwner(citizen), {
        outcome: 'not_owner',
        carrier: 'viettel',
        reasons: ['inactive'],
      });
    });

    it('refuses a SIM swapped 1 hour ago, saying when the 72 hours end, but not one swapped 30 days ago', async () => {
      const { check } = adapter();
      const recentChange = simClock.now().getTime() - HOUR;
      const oldChange = simClock.now().getTime() - 30 * 24 * HOUR;
      const recent = await subscriber({ simChangedAt: new Date(recentChange).toISOString() });
      const old = await subscriber({ simChangedAt: new Date(oldChange).toISOString() });
      const mark = seen.length;
      assert.deepEqual(await check.checkOwner(recent), {
        outcome: 'not_owner',
        carrier: 'viettel',
        reasons: ['recent_sim_swap'],
        simChangeWaitEndsAt: new Date(recentChange + 72 * HOUR),
      });
      assert.equal(since(mark, (r) => r.path.endsWith('/sim-swap/v2/retrieve-date')).length, 1);
      assert.deepEqual(await check.checkOwner(old), { outcome: 'owner', carrier: 'viettel' });
      const wide = adapter({ simSwapMaxAgeHours: 24 * 31 });
      assert.deepEqual(await wide.check.checkOwner(old), {
        outcome: 'not_owner',
        carrier: 'viettel',
        reasons: ['recent_sim_swap'],
        simChangeWaitEndsAt: new Date(oldChange + 31 * 24 * HOUR),
      });
    });

    it('asks the carrier a ported number moved to, not the prefix carrier', async () => {
      const { check } = adapter();
      const mark = seen.length;
      const citizen = await subscriber({ prefix: '98', carrier: 'mobifone' });
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'mobifone' });
      const carrierCalls = since(mark, (r) => r.path.startsWith('/carriers/') && !r.path.includes('oauth2'));
      assert.ok(carrierCalls.length >= 2);
      assert.ok(carrierCalls.every((r) => r.path.startsWith('/carriers/mobifone/')));
    });

    it('says unknown_number for a number no carrier has', async () => {
      const { check } = adapter();
      assert.deepEqual(
        await check.checkOwner({
          phoneNumber: '+84979999001',
          idNumber: '001090012345',
          fullName: 'Nguyễn Văn An',
          birthDate: '1990-01-01',
        }),
        { outcome: 'unknown_number' },
      );
    });

    it('sends the request id as x-correlator on every call of a check, or one UUID when there is none', async () => {
      const { check } = adapter();
      const citizen = await subscriber();
      let mark = seen.length;
      await check.checkOwner(citizen, { requestId: 'req-42:abc' });
      const calls = since(mark);
      assert.deepEqual(
        new Set(calls.map((c) => c.path.replace(/\/numbers\/.*/, '/numbers/…'))),
        new Set([
          '/mnp/v1/numbers/…',
          '/carriers/viettel/oauth2/token',
          '/carriers/viettel/kyc-match/v0.4/match',
          '/carriers/viettel/sim-swap/v2/check',
        ]),
      );
      assert.ok(calls.every((c) => c.correlator === 'req-42:abc'));
      for (const context of [undefined, { requestId: 'not allowed (spaces)' }]) {
        mark = seen.length;
        await check.checkOwner(citizen, context);
        const ids = new Set(since(mark).map((c) => c.correlator));
        assert.equal(ids.size, 1);
        assert.match(
          [...ids][0] ?? '',
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }
    });

    it('calls KYC Match and SIM Swap side by side', async () => {
      const proxy = await slowProxy(base, /kyc-match|sim-swap/, 400);
      try {
        const { check } = adapter({ carriers: endpoints(proxy.url) });
        const citizen = await subscriber();
        await check.checkOwner(citizen); // fetches the token
        const started = performance.now();
        assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'viettel' });
        const elapsed = performance.now() - started;
        // One after the other they would take 800 ms at least; the margin absorbs a loaded CI machine.
        assert.ok(elapsed >= 400 && elapsed < 780, `a check with two 400 ms calls took ${elapsed} ms`);
      } finally {
        await proxy.close();
      }
    });

    it('gives up on a slow KYC Match at the timeout, without repeating it', async () => {
      const proxy = await slowProxy(base, /kyc-match/, 1000);
      try {
        const { check, registry } = adapter({ carriers: endpoints(proxy.url), timeoutMs: 150 });
        const citizen = await subscriber();
        const started = performance.now();
        assert.deepEqual(await check.checkOwner(citizen), {
          outcome: 'carrier_unavailable',
          carrier: 'viettel',
        });
        const elapsed = performance.now() - started;
        // Waiting for the slow answer would take 1000 ms; the timeout is 150 ms (margin for a loaded machine).
        assert.ok(elapsed < 800, `took ${elapsed} ms`);
        assert.equal(proxy.seen.filter((p) => p.includes('kyc-match')).length, 1);
        assert.equal(
          await histogramCount(registry, 'carrier_call_duration_seconds', {
            target: 'viettel',
            operation: 'kyc_match',
            outcome: 'timeout',
          }),
          1,
        );
      } finally {
        await proxy.close();
      }
    });

    it('answers at once instead of queueing when too many checks already wait on a carrier', async () => {
      const proxy = await slowProxy(base, /kyc-match|sim-swap/, 300);
      try {
        const { check, registry } = adapter({ carriers: endpoints(proxy.url), maxInFlightPerCarrier: 2 });
        const citizen = await subscriber({ prefix: '88' });
        const timed = async () => {
          const started = performance.now();
          const decision = await check.checkOwner(citizen);
          return { decision, ms: performance.now() - started };
        };
        const results = await Promise.all([timed(), timed(), timed(), timed()]);
        const owners = results.filter((r) => r.decision.outcome === 'owner');
        const refused = results.filter((r) => r.decision.outcome === 'carrier_unavailable');
        assert.equal(owners.length, 2);
        assert.equal(refused.length, 2);
        // Relative, not absolute, so a busy machine does not fail it: refused checks end before any
        // admitted one, which waits at least the proxy's 300 ms.
        const firstOwner = Math.min(...owners.map((r) => r.ms));
        assert.ok(
          refused.every((r) => r.ms < firstOwner && r.ms < 300),
          'the refused checks did not wait',
        );
        assert.equal(
          await metricValue(registry, 'carrier_rejected_total', {
            target: 'vinaphone',
            reason: 'too_many_in_flight',
          }),
          2,
        );
        assert.equal(await metricValue(registry, 'carrier_circuit_state', { target: 'vinaphone' }), 0);
      } finally {
        await proxy.close();
      }
    });

    it('during an outage: unavailable, then the breaker opens, fails fast, and closes once the carrier is back', async () => {
      const { check, clock, registry } = adapter();
      const citizen = await subscriber();
      const other = await subscriber({ prefix: '94' });
      await network.setOutage('viettel', true);
      try {
        for (let i = 0; i < 3; i++)
          assert.deepEqual(await check.checkOwner(citizen), {
            outcome: 'carrier_unavailable',
            carrier: 'viettel',
          });
        assert.equal(await metricValue(registry, 'carrier_circuit_state', { target: 'viettel' }), 2);

        const mark = seen.length;
        const started = performance.now();
        assert.deepEqual(await check.checkOwner(citizen), {
          outcome: 'carrier_unavailable',
          carrier: 'viettel',
        });
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 100, `open-circuit answer took ${elapsed} ms`);
        assert.deepEqual(
          since(mark, (r) => r.path.startsWith('/carriers/viettel/')),
          [],
          'nothing is sent to a carrier whose circuit is open',
        );
        assert.equal(
          await metricValue(registry, 'carrier_rejected_total', {
            target: 'viettel',
            reason: 'circuit_open',
          }),
          1,
        );

        assert.deepEqual(await check.checkOwner(other), { outcome: 'owner', carrier: 'vinaphone' });
      } finally {
        await network.setOutage('viettel', false);
      }
      // Back, but the circuit stays open until resetAfterMs has passed.
      assert.deepEqual(await check.checkOwner(citizen), {
        outcome: 'carrier_unavailable',
        carrier: 'viettel',
      });
      clock.advance(5000);
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'viettel' });
      assert.equal(await metricValue(registry, 'carrier_circuit_state', { target: 'viettel' }), 0);
    });

    it('re-opens the breaker when the trial call after resetAfterMs fails', async () => {
      const { check, clock, registry } = adapter({ breaker: { failureThreshold: 1, resetAfterMs: 1000 } });
      const citizen = await subscriber({ prefix: '93' });
      await network.setOutage('mobifone', true);
      try {
        await check.checkOwner(citizen);
        assert.equal(await metricValue(registry, 'carrier_circuit_state', { target: 'mobifone' }), 2);
        clock.advance(1000);
        const mark = seen.length;
        assert.equal((await check.checkOwner(citizen)).outcome, 'carrier_unavailable');
        assert.ok(
          since(mark, (r) => r.path.startsWith('/carriers/mobifone/')).length > 0,
          'the trial went out',
        );
        assert.equal(await metricValue(registry, 'carrier_circuit_state', { target: 'mobifone' }), 2);
      } finally {
        await network.setOutage('mobifone', false);
      }
    });

    it('fetches one token for many checks and a new one once it is about to expire', async () => {
      const { check, clock, registry } = adapter();
      const citizen = await subscriber({ prefix: '86' });
      const mark = seen.length;
      const results = await Promise.all(Array.from({ length: 10 }, () => check.checkOwner(citizen)));
      assert.ok(results.every((r) => r.outcome === 'owner'));
      for (let i = 0; i < 5; i++) await check.checkOwner(citizen);
      const tokenPath = '/carriers/viettel/oauth2/token';
      assert.equal(since(mark, (r) => r.path === tokenPath).length, 1);
      assert.equal(
        await metricValue(registry, 'carrier_token_fetch_total', { carrier: 'viettel', outcome: 'ok' }),
        1,
      );

      clock.advance(24 * HOUR);
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'viettel' });
      assert.equal(since(mark, (r) => r.path === tokenPath).length, 2);
    });

    it('fetches a new token once when the carrier refuses the cached one (401), and carries on', async () => {
      const { check } = adapter();
      const citizen = await subscriber({ prefix: '83' });
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'vinaphone' });
      // The carrier's clock runs ahead: it has expired the token the adapter still believes fresh.
      simClock.advance(24 * HOUR);
      const mark = seen.length;
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'vinaphone' });
      const calls = since(mark, (r) => r.path.startsWith('/carriers/vinaphone/'));
      assert.equal(calls.filter((r) => r.path.endsWith('/oauth2/token')).length, 1);
      assert.equal(calls.filter((r) => r.path.endsWith('/kyc-match/v0.4/match')).length, 2);
      assert.equal(calls.filter((r) => r.path.endsWith('/sim-swap/v2/check')).length, 2);
    });

    it('falls back to the prefix when the portability service is down, and counts it', async () => {
      const { check, registry } = adapter({ mnpBaseUrl: `${await deadUrl()}/mnp/v1` });
      const citizen = await subscriber({ prefix: '97' });
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'viettel' });
      assert.equal(await metricValue(registry, 'carrier_mnp_fallback_total', { reason: 'connection' }), 1);
      // A ported number is then asked at the prefix carrier, which does not know it.
      const ported = await subscriber({ prefix: '97', carrier: 'vinaphone' });
      assert.deepEqual(await check.checkOwner(ported), { outcome: 'unknown_number' });
      assert.equal(await metricValue(registry, 'carrier_mnp_fallback_total', { reason: 'connection' }), 2);
    });

    it('falls back after the MNP timeout, and skips a portability service whose circuit is open', async () => {
      const hanging = createServer(() => {});
      extraServers.push(hanging);
      const hangingUrl = await listen(hanging);
      const { check, registry } = adapter({
        mnpBaseUrl: `${hangingUrl}/mnp/v1`,
        timeoutMs: 100,
        breaker: { failureThreshold: 2, resetAfterMs: 60_000 },
      });
      const citizen = await subscriber({ prefix: '39' });
      for (let i = 0; i < 2; i++)
        assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'viettel' });
      assert.equal(await metricValue(registry, 'carrier_mnp_fallback_total', { reason: 'timeout' }), 2);
      const started = performance.now();
      assert.deepEqual(await check.checkOwner(citizen), { outcome: 'owner', carrier: 'viettel' });
      assert.ok(performance.now() - started < 90, 'no MNP timeout is waited for once its circuit is open');
      assert.equal(await metricValue(registry, 'carrier_mnp_fallback_total', { reason: 'circuit_open' }), 1);
    });

    it('ping resolves while the portability service answers and rejects otherwise', async () => {
      await adapter().check.ping();
      await assert.rejects(adapter({ mnpBaseUrl: `${await deadUrl()}/mnp/v1` }).check.ping());
      const broken = createServer((_req, res) => {
        res.statusCode = 500;
        res.end();
      });
      extraServers.push(broken);
      await assert.rejects(adapter({ mnpBaseUrl: `${await listen(broken)}/mnp/v1` }).check.ping());
    });

    it('logs decisions without ID numbers, names, birth dates or full phone numbers', async () => {
      const { check, log } = adapter();
      const citizen = await subscriber({ prefix: '32' });
      await check.checkOwner(citizen, { requestId: 'log-check' });
      await check.checkOwner({ ...citizen, fullName: 'Lê Văn Tám' });
      await network.setOutage('viettel', true);
      try {
        await check.checkOwner(citizen);
      } finally {
        await network.setOutage('viettel', false);
      }
      const text = log.text();
      assert.match(text, /owner check decided/);
      assert.match(text, /log-check/);
      const national = citizen.phoneNumber.replace('+84', '');
      for (const secret of [
        citizen.idNumber,
        citizen.fullName,
        'Lê Văn Tám',
        citizen.birthDate,
        national,
        `0${national}`,
      ])
        assert.ok(!text.includes(secret), `the log contains ${secret}`);
      for (const line of log.lines) {
        // Fields that are not about the citizen (and a random UUID may well hold 8 digits in a row).
        const { time: _t, pid: _p, hostname: _h, correlator: _c, ...rest } = JSON.parse(line);
        assert.ok(!/\d{8,}/.test(JSON.stringify(rest)), `a long digit run in ${JSON.stringify(rest)}`);
      }
    });
  });
}
