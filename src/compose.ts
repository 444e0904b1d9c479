/**
 * Composition root: turns a Config into a running system. Builds the adapters (database, ephemeral store),
 * the use cases and the web app, and in dev mode the simulators of the partners. Used by `src/main.ts`
 * and by integration tests, which start the real system in-process on a free port.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { migratePortal } from './adapters/db/migrate.ts';
import { MemoryEphemeralStore } from './adapters/ephemeral/memory-store.ts';
import { connectRedisStore } from './adapters/ephemeral/redis-store.ts';
import type { Config } from './config/config.ts';
import { openDatabase, type SqlDatabase } from './lib/database.ts';
import { createLogger } from './lib/logger.ts';
import { type Clock, systemClock } from './usecases/ports/clock.ts';
import type { EphemeralStore } from './usecases/ports/ephemeral-store.ts';
import { buildApp } from './web/app.ts';
import { closeGracefully } from './web/graceful-close.ts';

export interface SystemOverrides {
  clock?: Clock;
  logger?: Logger;
  /** PGlite in memory instead of DATA_DIR (tests). */
  inMemoryDatabase?: boolean;
}

export interface RunningSystem {
  app: FastifyInstance;
  url: string;
  database: SqlDatabase;
  store: EphemeralStore;
  logger: Logger;
  close(): Promise<void>;
}

export async function startSystem(config: Config, overrides: SystemOverrides = {}): Promise<RunningSystem> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const registry = new Registry();
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse())
      await close().catch((error) => logger.error({ err: error }, 'close failed'));
  };

  try {
    const database = await openDatabase({
      url: config.databaseUrl,
      dataDir: overrides.inMemoryDatabase ? undefined : join(config.dataDir, 'pglite'),
    });
    closers.push(() => database.close());
    await migratePortal(database.as());

    const store: EphemeralStore = config.redisUrl
      ? await connectRedisStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix })
      : new MemoryEphemeralStore(clock);
    closers.push(() => store.close());

    const app = await buildApp({
      logger,
      registry,
      portalName: config.portalName,
      production: config.mode === 'production',
      readiness: { database: () => database.ping(), ephemeralStore: () => store.ping() },
    });
    closers.push(() => closeGracefully(app));

    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    let closing: Promise<void> | undefined;
    return {
      app,
      url,
      database,
      store,
      logger,
      close: () => {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
