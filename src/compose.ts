/**
 * Composition root: turns a Config into a running system. Builds the adapters (database, ephemeral store,
 * crypto, SMS, carriers), the use cases and the web app, and in dev mode the simulators of the partners.
 * Used by `src/main.ts` and by integration tests, which start the real system in-process on free ports.
 * Each concern is built in `src/compose/`; this file is the order they start in and what closes them.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { createPersonalDataProtector } from './adapters/crypto/personal-data-protector.ts';
import { migratePortal } from './adapters/db/migrate.ts';
import { MemoryEphemeralStore } from './adapters/ephemeral/memory-store.ts';
import { connectRedisStore } from './adapters/ephemeral/redis-store.ts';
import { createGrantStore, type GrantStore } from './adapters/oidc/oidc-grant-store.ts';
import { createSmppSender } from './adapters/sms/smpp-sender.ts';
import { describeDatabase, describeServer } from './compose/describe.ts';
import { startHubProvider } from './compose/hub-provider.ts';
import { attachPartners, unattachedPartners } from './compose/partners.ts';
import { buildSignatures } from './compose/signatures.ts';
import { buildUseCases } from './compose/use-cases.ts';
import { buildHubApp } from './compose/web.ts';
import type { Config } from './config/config.ts';
import { type DevSimulators, startDevSimulators } from './dev-simulators.ts';
import { openDatabase, type SqlDatabase } from './lib/database.ts';
import { createLogger, type LogFormat } from './lib/logger.ts';
import type { Warn } from './usecases/after-commit.ts';
import { type Clock, systemClock } from './usecases/ports/clock.ts';
import type { EphemeralStore } from './usecases/ports/ephemeral-store.ts';
import { closeGracefully } from './web/graceful-close.ts';
import { DEFAULT_INTERACTION_PAGES } from './web/oidc/interaction.ts';
import { oidcMount } from './web/oidc/routes.ts';

export interface SystemOverrides {
  clock?: Clock;
  logger?: Logger;
  /** PGlite in memory instead of DATA_DIR (tests). */
  inMemoryDatabase?: boolean;
  /** `lines` for a developer's terminal; JSON otherwise. */
  logFormat?: LogFormat;
  /** Told as each start-up stage begins, in words for a developer (`npm start` prints them in dev mode). */
  progress?: (stage: string) => void;
}

export interface RunningSystem {
  app: FastifyInstance;
  url: string;
  database: SqlDatabase;
  store: EphemeralStore;
  logger: Logger;
  simulators: DevSimulators | undefined;
  /** The OpenID Provider (built once the server listens) and the grants citizens gave its clients. */
  oidc: { provider: Provider; grants: GrantStore; issuer: string };
  close(): Promise<void>;
}

export async function startSystem(config: Config, overrides: SystemOverrides = {}): Promise<RunningSystem> {
  const clock = overrides.clock ?? systemClock;
  const logger =
    overrides.logger ?? createLogger({ level: config.logLevel, format: overrides.logFormat ?? 'json' });
  const progress = overrides.progress ?? (() => {});
  const registry = new Registry();
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse())
      await close().catch((error) => logger.error({ err: error }, 'close failed'));
  };

  try {
    const pgliteDir = overrides.inMemoryDatabase ? undefined : join(config.dataDir, 'pglite');
    progress(`Opening the database (${describeDatabase(config.databaseUrl, pgliteDir)})…`);
    const database = await openDatabase({ url: config.databaseUrl, dataDir: pgliteDir });
    closers.push(() => database.close());
    progress('Migrations…');
    await migratePortal(database.as());

    if (config.redisUrl) progress(`Connecting to Redis (${describeServer(config.redisUrl)})…`);
    const store: EphemeralStore = config.redisUrl
      ? await connectRedisStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix })
      : new MemoryEphemeralStore(clock);
    closers.push(() => store.close());

    const simulators = config.simulators.enabled
      ? await startDevSimulators({
          database,
          secret: config.simulators.devSecret ?? 'dev',
          smscPort: config.simulators.smscPort,
          postIdPort: config.simulators.postIdPort,
          smppAccount: { systemId: config.sms.systemId, password: config.sms.password },
          clock,
          logger: logger.child({ component: 'simulators' }),
          progress,
        })
      : undefined;
    if (simulators) closers.push(() => simulators.close());

    const sms = createSmppSender({
      host: config.sms.host,
      port: simulators ? simulators.smscPort : config.sms.port,
      systemId: config.sms.systemId,
      password: config.sms.password,
      sourceAddr: config.sms.sourceAddr,
      sendRatePerSecond: config.sms.sendRatePerSecond,
      logger: logger.child({ component: 'sms' }),
      registry,
    });
    closers.push(() => sms.close());

    const protector = createPersonalDataProtector({
      current: config.secrets.dataKey,
      hmacKey: config.secrets.hmacKey,
    });
    const warn: Warn = (message, details) => logger.warn(details, message);
    const useCases = await buildUseCases({ config, database, store, sms, protector, registry, clock, warn });
    const partners = unattachedPartners();
    const signatures = buildSignatures({ config, simulators, store, clock, logger, registry });
    const secureCookies = config.mode === 'production';
    const grants = createGrantStore(database.as(), clock);
    const oidc = oidcMount({
      sessions: useCases.sessions,
      clock,
      store,
      pages: DEFAULT_INTERACTION_PAGES,
      dev: Boolean(simulators),
    });

    progress('Web server…');
    const app = await buildHubApp({
      config,
      logger,
      registry,
      database,
      store,
      sms,
      partners: partners.port,
      simulators,
      useCases,
      signatures,
      oidc,
      grants,
      secureCookies,
      clock,
    });
    closers.push(() => closeGracefully(app));

    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    simulators?.setPublicUrl(url);

    const { provider, issuer } = startHubProvider({
      config,
      url,
      mount: oidc,
      store,
      grants,
      accounts: useCases.accountRepository,
      protector,
      sessions: useCases.sessions,
      clock,
      secureCookies,
      dev: Boolean(simulators),
      logger,
    });
    attachPartners(partners, { config, simulators, url, logger, registry, clock });
    // The hub's callback at PostID follows the address it got.
    simulators?.postId.setHubUrl(issuer);

    let closing: Promise<void> | undefined;
    return {
      app,
      url,
      database,
      store,
      logger,
      simulators,
      oidc: { provider, grants, issuer },
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
