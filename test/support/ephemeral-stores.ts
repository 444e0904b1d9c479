/**
 * Ephemeral store variants for tests: in memory always; Redis when REDIS_URL is set, under a fresh random
 * key prefix per call so test runs sharing the server never see each other's keys.
 */
import { randomBytes } from 'node:crypto';
import { MemoryEphemeralStore } from '../../src/adapters/ephemeral/memory-store.ts';
import { connectRedisStore } from '../../src/adapters/ephemeral/redis-store.ts';
import type { Clock } from '../../src/usecases/ports/clock.ts';
import type { EphemeralStore } from '../../src/usecases/ports/ephemeral-store.ts';

export interface EphemeralVariant {
  name: 'memory' | 'redis';
  skip: string | undefined;
  open(clock: Clock): Promise<EphemeralStore>;
}

const redisUrl = process.env.REDIS_URL;

export const testKeyPrefix = () => `test:${Date.now().toString(36)}:${randomBytes(4).toString('hex')}:`;

export const ephemeralVariants: EphemeralVariant[] = [
  { name: 'memory', skip: undefined, open: async (clock) => new MemoryEphemeralStore(clock) },
  {
    name: 'redis',
    skip: redisUrl ? undefined : 'REDIS_URL is not set: Redis variant not run',
    open: () => connectRedisStore({ url: redisUrl!, keyPrefix: testKeyPrefix() }),
  },
];
