/**
 * The population registry simulator: one deterministic synthetic population (people.ts) kept in its own
 * schema, a TypeScript API for the other simulators to draw their records from, the registry's
 * data-sharing API a hub calls to resolve an old CMND to the CCCD (`/population/v1`, README.md) and the
 * dev look-up `GET /sim/population/{idNumber}`.
 */
import { createHmac } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../../lib/database.ts';
import { MAX_POPULATION, type Person, person } from './people.ts';
import { createPeopleStore } from './registry.ts';
import { type ApiClient, type FaultSwitches, populationRoutes } from './routes.ts';
import { migratePopulation } from './schema.ts';

export type { ApiClient, Person };

export interface PopulationOptions {
  database: SqlDatabase;
  /** How many people the registry holds: #0 … #size-1. */
  size?: number;
  /** Who may call the data-sharing API. */
  clients: readonly ApiClient[];
  /** Mounts `/sim/population/*`. */
  devApi: boolean;
  logger?: Logger;
}

export interface Population {
  readonly size: number;
  /** Person #n, the same on every machine and database; n < size. */
  person(n: number): Person;
  /** By the 12-digit number or the old 9-digit CMND linked to it. */
  findByIdNumber(idNumber: string): Promise<Person | undefined>;
  /**
   * k different people (fewer if the filter leaves fewer), in a fixed pseudo-random order over the whole
   * population: the same seed gives the same people.
   */
  sample(k: number, filter?: (p: Person) => boolean, seed?: number): Person[];
  /** Writes the people not yet stored; returns how many it wrote. */
  seed(): Promise<number>;
  plugin: FastifyPluginAsync;
  faults: FaultSwitches;
}

export const DEFAULT_POPULATION_SIZE = 5000;
const SEED_BATCH = 5000;

/** The hub's API key derived from the dev secret, so the portal's dev config and the simulator agree. */
export function devPopulationClients(secret: string): ApiClient[] {
  return [
    {
      clientId: 'portal',
      apiKey: createHmac('sha256', secret).update('population-client:portal').digest('base64url'),
    },
  ];
}

export async function createPopulation(options: PopulationOptions): Promise<Population> {
  const size = options.size ?? DEFAULT_POPULATION_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_POPULATION)
    throw new RangeError(`population size must be an integer in [0, ${MAX_POPULATION}]`);
  await migratePopulation(options.database.as());
  const store = createPeopleStore(options.database);
  const faults: FaultSwitches = { down: false, latencyMs: 0 };
  const personOf = (n: number) => {
    if (n >= size) throw new RangeError(`the population holds ${size} people`);
    return person(n);
  };

  return {
    size,
    person: personOf,
    findByIdNumber: (idNumber) => store.byIdNumber(idNumber),
    sample: (k, filter, seed) => samplePeople(size, k, filter, seed),
    async seed() {
      // Batches go in index order, each in one statement, so the stored people are always #0 … #count-1.
      const start = await store.count();
      for (let from = start; from < size; from += SEED_BATCH) {
        const to = Math.min(size, from + SEED_BATCH);
        await store.insert(Array.from({ length: to - from }, (_, i) => person(from + i)));
      }
      if (start < size) options.logger?.info({ people: size - start }, 'population registry seeded');
      return Math.max(0, size - start);
    },
    plugin: async (app) => {
      await app.register(populationRoutes, {
        store,
        clients: options.clients,
        faults,
        devApi: options.devApi,
      });
    },
    faults,
  };
}

/**
 * Walks a full-period linear congruential sequence modulo the next power of two (Hull–Dobell: multiplier
 * ≡ 1 mod 4, odd increment) and skips values ≥ size: every index comes once, in an order fixed by the seed.
 */
function samplePeople(size: number, k: number, filter?: (p: Person) => boolean, seed = 1): Person[] {
  const chosen: Person[] = [];
  if (size === 0 || k <= 0) return chosen;
  let modulus = 1;
  while (modulus < size) modulus *= 2;
  const increment = ((seed * 2 + 1) >>> 0) % modulus || 1;
  let x = Math.abs(Math.trunc(seed)) % modulus;
  for (let step = 0; step < modulus && chosen.length < k; step++) {
    x = (x * 1_103_515_245 + increment) % modulus;
    if (x >= size) continue;
    const candidate = person(x);
    if (!filter || filter(candidate)) chosen.push(candidate);
  }
  return chosen;
}
