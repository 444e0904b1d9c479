/**
 * The business registry simulator (the National Business Registration Portal's records): its own schema,
 * seeded with businesses represented by people of the population (one suspended, one closed, the others
 * active), the look-up API a hub calls (`/business-registry/v1`, README.md), an outage switch and a latency
 * setting for fault tests, the dev API of docs/methods.md (`/sim/business-registry/*`), and `addIfMissing`
 * for the test PKI: a business certificate issued for a tax code the registry does not know adds it, active.
 */
import { createHmac } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../../lib/database.ts';
import type { Population } from '../population/index.ts';
import {
  type Business,
  type BusinessStatus,
  createBusinessStore,
  SEEDED_BUSINESSES,
  seededBusiness,
  seededTaxCode,
} from './businesses.ts';
import { businessRegistryRoutes, type ClientCredentials, type FaultSwitches } from './routes.ts';
import { migrateBusinessRegistry } from './schema.ts';

export type { Business, BusinessStatus, ClientCredentials, FaultSwitches };
export { seededBusiness, seededTaxCode };

export interface BusinessRegistryOptions {
  database: SqlDatabase;
  /** Where the representatives come from. */
  population: Pick<Population, 'size' | 'person'>;
  /** Who may call the look-up API. */
  clients: readonly ClientCredentials[];
  /** Mounts `/sim/business-registry/*`. */
  devApi: boolean;
  logger?: Logger;
}

export interface BusinessRegistry {
  /** Writes the seeded businesses not there yet; returns how many it wrote. */
  seed(): Promise<number>;
  upsert(business: Business): Promise<Business>;
  byTaxCode(taxCode: string): Promise<Business | undefined>;
  /** Adds the tax code as an active business unless it is registered already; true when it added it. */
  addIfMissing(taxCode: string, name: string): Promise<boolean>;
  plugin: FastifyPluginAsync;
  faults: FaultSwitches;
}

/** The hub's client credentials derived from the dev secret, so the hub's dev config and the simulator agree. */
export function devBusinessRegistryClients(secret: string): ClientCredentials[] {
  return [
    {
      clientId: 'portal',
      clientSecret: createHmac('sha256', secret)
        .update('business-registry-client:portal')
        .digest('base64url'),
    },
  ];
}

/** Representative of seeded business #n: spread over the population, the same person on every machine. */
const representativeOf = (population: Pick<Population, 'size' | 'person'>, n: number) =>
  population.person((n * 7919 + 13) % population.size);

export async function createBusinessRegistry(options: BusinessRegistryOptions): Promise<BusinessRegistry> {
  await migrateBusinessRegistry(options.database.as());
  const store = createBusinessStore(options.database);
  const faults: FaultSwitches = { down: false, latencyMs: 0 };
  const { population } = options;
  const count = Math.min(SEEDED_BUSINESSES, population.size);

  return {
    async seed() {
      const start = await store.seededCount();
      if (start >= count) return 0;
      await store.insertSeeded(
        Array.from({ length: count - start }, (_, i) => ({
          business: seededBusiness(start + i, representativeOf(population, start + i)),
          seedIndex: start + i,
        })),
      );
      options.logger?.info({ businesses: count - start }, 'business registry seeded');
      return count - start;
    },
    upsert: (business) => store.upsert(business),
    byTaxCode: (taxCode) => store.byTaxCode(taxCode),
    addIfMissing: (taxCode, name) => store.addIfMissing(taxCode, name),
    plugin: async (app) => {
      await app.register(businessRegistryRoutes, {
        store,
        clients: options.clients,
        faults,
        devApi: options.devApi,
      });
    },
    faults,
  };
}
