/**
 * The social-insurance registry simulator (Vietnam Social Security's records): its own schema, seeded
 * from the population so a person's record agrees with every other partner's, the record-match API a
 * hub calls (`/vss/v1`, README.md), an outage switch and a latency setting for fault tests, and the dev
 * API of methods.md (`/sim/social-insurance/*`).
 */
import { createHmac } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../../lib/database.ts';
import type { Population } from '../population/index.ts';
import { createRecordStore, demoRecords, type InsuranceRecord, recordOf } from './records.ts';
import { type ClientCredentials, type FaultSwitches, socialInsuranceRoutes } from './routes.ts';
import { migrateSocialInsurance } from './schema.ts';

export type { ClientCredentials, FaultSwitches, InsuranceRecord };
export { demoRecords, recordOf };

export interface SocialInsuranceOptions {
  database: SqlDatabase;
  /** Where the seeded records come from: one per person. */
  population: Pick<Population, 'size' | 'person'>;
  /** Who may call the record-match API. */
  clients: readonly ClientCredentials[];
  /** Mounts `/sim/social-insurance/*`. */
  devApi: boolean;
  now?: () => Date;
  logger?: Logger;
}

export interface SocialInsurance {
  /** Writes the records of the people that have none yet; returns how many it wrote. */
  seed(): Promise<number>;
  upsertRecord(record: InsuranceRecord): Promise<InsuranceRecord>;
  plugin: FastifyPluginAsync;
  faults: FaultSwitches;
}

const SEED_BATCH = 5000;

/** The hub's client credentials derived from the dev secret, so the portal's dev config and the simulator agree. */
export function devSocialInsuranceClients(secret: string): ClientCredentials[] {
  return [
    {
      clientId: 'portal',
      clientSecret: createHmac('sha256', secret).update('social-insurance-client:portal').digest('base64url'),
    },
  ];
}

export async function createSocialInsurance(options: SocialInsuranceOptions): Promise<SocialInsurance> {
  await migrateSocialInsurance(options.database.as());
  const store = createRecordStore(options.database);
  const faults: FaultSwitches = { down: false, latencyMs: 0 };
  const now = options.now ?? (() => new Date());
  const { population } = options;

  return {
    async seed() {
      const start = await store.seededCount();
      for (let from = start; from < population.size; from += SEED_BATCH) {
        const to = Math.min(population.size, from + SEED_BATCH);
        await store.insertSeeded(
          Array.from({ length: to - from }, (_, i) => ({
            ...recordOf(population.person(from + i)),
            personIndex: from + i,
          })),
        );
      }
      if (start < population.size)
        options.logger?.info({ records: population.size - start }, 'social insurance registry seeded');
      return Math.max(0, population.size - start);
    },
    upsertRecord: (record) => store.upsert(record),
    plugin: async (app) => {
      await app.register(socialInsuranceRoutes, {
        store,
        clients: options.clients,
        faults,
        devApi: options.devApi,
        now,
      });
    },
    faults,
  };
}
