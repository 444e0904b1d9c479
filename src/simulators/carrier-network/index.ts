/**
 * The carrier network simulator: subscriber registries (own schema), the national number-portability
 * lookup, each carrier's CAMARA KYC Match and SIM Swap APIs with OAuth2, the 1414 TTTB logic, a seed, and
 * the dev API of api.md (`/sim/subscribers`, `/sim/carriers/{carrier}/outage`).
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { CARRIER_IDS, type CarrierId, isCarrierId } from '../../domain/carriers.ts';
import { parseDate } from '../../domain/dates.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import type { SqlDatabase } from '../../lib/database.ts';
import { camaraRoutes } from './camara-routes.ts';
import { createCamaraValidator } from './camara-validation.ts';
import { DEV_SEED_COUNT, type DemoIdentity, demoIdentities } from './demo-identities.ts';
import { createRegistry, ID_TYPES, type IdType, type Subscriber, type SubscriberInput } from './registry.ts';
import type { CarrierTables } from './schema.ts';
import { migrateCarrierNetwork } from './schema.ts';
import { generatedSubscriber } from './seed.ts';
import { type ClientCredentials, createTokenIssuer } from './tokens.ts';
import { answerTttb } from './tttb.ts';

export type { DemoIdentity, Subscriber, SubscriberInput };

export interface CarrierNetworkOptions {
  database: SqlDatabase;
  clients: Record<CarrierId, ClientCredentials>;
  now?: () => Date;
  /** Lifetime of the OAuth2 access tokens, default 3600 s (SIM_TOKEN_TTL_SECONDS in the simulators' process). */
  tokenTtlSeconds?: number;
  devApi: boolean;
  logger?: Logger;
}

export interface CarrierNetwork {
  plugin: FastifyPluginAsync;
  seed(options?: { count?: number }): Promise<DemoIdentity[]>;
  upsertSubscriber(subscriber: SubscriberInput): Promise<void>;
  setOutage(carrier: CarrierId, down: boolean): void;
  answerTttb(fromE164: string, text: string): Promise<string>;
}

/** Per-carrier client credentials derived from one dev secret, so the portal's dev config and the simulator agree. */
export function devCarrierClients(secret: string): Record<CarrierId, ClientCredentials> {
  const derive = (label: string) =>
    createHmac('sha256', secret).update(label).digest('base64url').slice(0, 32);
  return Object.fromEntries(
    CARRIER_IDS.map((id) => [id, { clientId: `portal-${id}`, clientSecret: derive(`carrier-client:${id}`) }]),
  ) as Record<CarrierId, ClientCredentials>;
}

export async function createCarrierNetwork(options: CarrierNetworkOptions): Promise<CarrierNetwork> {
  const now = options.now ?? (() => new Date());
  await migrateCarrierNetwork(options.database.as());
  const registry = createRegistry(options.database.as<CarrierTables>(), now);
  const validator = await createCamaraValidator();
  const tokens = createTokenIssuer({
    clients: options.clients,
    now,
    ttlSeconds: options.tokenTtlSeconds ?? 3600,
  });
  const down = new Set<CarrierId>();

  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    await app.register(camaraRoutes, {
      prefix: '/carriers',
      registry,
      validator,
      tokens,
      isDown: (c) => down.has(c),
      now,
    });
    await app.register(mnpRoutes, { prefix: '/mnp/v1', registry });
    if (options.devApi)
      await app.register(devRoutes, {
        registry,
        setOutage: (c: CarrierId, d: boolean) => (d ? down.add(c) : down.delete(c)),
        now,
      });
  };

  return {
    plugin,
    async seed(seedOptions = {}) {
      const count = seedOptions.count ?? DEV_SEED_COUNT;
      // Batches go in index order, so the last subscriber present means the seed ran to its end. A database
      // seeded by an earlier seed (other people) gets these too, so the demo identities listed work.
      const last = count > 0 ? generatedSubscriber(count - 1, now()) : undefined;
      if (last && !(await registry.byPhone(last.phoneNumber))) {
        for (let start = 0; start < count; start += 200) {
          await Promise.all(
            Array.from({ length: Math.min(200, count - start) }, (_, i) =>
              registry.upsert(generatedSubscriber(start + i, now())),
            ),
          );
        }
        options.logger?.info({ subscribers: count }, 'carrier registries seeded');
      }
      return demoIdentities(count);
    },
    async upsertSubscriber(subscriber) {
      await registry.upsert(subscriber);
    },
    setOutage(carrier, isDown) {
      if (isDown) down.add(carrier);
      else down.delete(carrier);
    },
    answerTttb: (from, text) => answerTttb(registry, from, text),
  };
}

async function mnpRoutes(app: FastifyInstance, options: { registry: ReturnType<typeof createRegistry> }) {
  app.get<{ Params: { phone: string } }>(
    '/numbers/:phone',
    { schema: { hide: true } },
    async (request, reply) => {
      const parsed = normalizeMobileNumber(decodeURIComponent(request.params.phone));
      if (!parsed.ok)
        return reply
          .code(400)
          .send({ status: 400, code: 'INVALID_ARGUMENT', message: 'Not a Vietnamese mobile number.' });
      const subscriber = await options.registry.byPhone(parsed.value.e164);
      const carrier = subscriber?.carrier ?? parsed.value.allocatedCarrier;
      return {
        phoneNumber: parsed.value.e164,
        carrier,
        allocatedCarrier: parsed.value.allocatedCarrier,
        ported: carrier !== parsed.value.allocatedCarrier,
      };
    },
  );
}

async function devRoutes(
  app: FastifyInstance,
  options: {
    registry: ReturnType<typeof createRegistry>;
    setOutage: (carrier: CarrierId, down: boolean) => unknown;
    now: () => Date;
  },
) {
  const { registry } = options;
  app.post<{ Body: Record<string, unknown> }>(
    '/sim/subscribers',
    { schema: { hide: true } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: string[] = [];
      const text = (field: string) => {
        const value = body[field];
        if (typeof value !== 'string' || !value.trim()) problems.push(`${field} is required`);
        return typeof value === 'string' ? value.trim() : '';
      };
      const phone = normalizeMobileNumber(text('phoneNumber'));
      if (!phone.ok) problems.push('phoneNumber is not a Vietnamese mobile number');
      const carrier = body.carrier;
      if (carrier !== undefined && !(typeof carrier === 'string' && isCarrierId(carrier)))
        problems.push(`carrier is one of ${CARRIER_IDS.join(', ')}`);
      const idType = text('idType');
      if (!(ID_TYPES as readonly string[]).includes(idType))
        problems.push(`idType is one of ${ID_TYPES.join(', ')}`);
      const birth = parseDate(text('birthDate'), options.now());
      if (!birth.ok) problems.push('birthDate is not a valid date');
      const issued = parseDate(text('idIssueDate'), options.now());
      if (!issued.ok) problems.push('idIssueDate is not a valid date');
      const status = body.status ?? 'active';
      if (status !== 'active' && status !== 'inactive') problems.push('status is active or inactive');
      const simChangedAt = body.simChangedAt;
      if (
        simChangedAt !== undefined &&
        simChangedAt !== null &&
        (typeof simChangedAt !== 'string' || Number.isNaN(Date.parse(simChangedAt)))
      ) {
        problems.push('simChangedAt is an ISO-8601 instant');
      }
      const fields = {
        fullName: text('fullName'),
        idNumber: text('idNumber'),
        idIssuePlace: text('idIssuePlace'),
      };
      if (problems.length > 0 || !phone.ok || !birth.ok || !issued.ok)
        return reply.code(422).send({ error: 'invalid subscriber', details: problems });
      const saved = await registry.upsert({
        phoneNumber: phone.value.e164,
        ...(typeof carrier === 'string' && isCarrierId(carrier) && { carrier }),
        ...fields,
        birthDate: birth.value,
        idType: idType as IdType,
        idIssueDate: issued.value,
        status: status as 'active' | 'inactive',
        simChangedAt: (simChangedAt as string | null | undefined) ?? null,
      });
      return reply.code(201).send(saved);
    },
  );

  app.get<{ Params: { phone: string } }>(
    '/sim/subscribers/:phone',
    { schema: { hide: true } },
    async (request, reply) => {
      const phone = normalizeMobileNumber(decodeURIComponent(request.params.phone));
      const subscriber = phone.ok ? await registry.byPhone(phone.value.e164) : undefined;
      return subscriber ?? reply.code(404).send({ error: 'no such subscriber' });
    },
  );

  app.post<{ Params: { carrier: string }; Body: { down?: unknown } }>(
    '/sim/carriers/:carrier/outage',
    { schema: { hide: true } },
    async (request, reply) => {
      const { carrier } = request.params;
      const down = request.body?.down;
      if (!isCarrierId(carrier)) return reply.code(404).send({ error: 'no such carrier' });
      if (typeof down !== 'boolean') return reply.code(422).send({ error: 'down must be true or false' });
      options.setOutage(carrier, down);
      return { carrier, down };
    },
  );
}
