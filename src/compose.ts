/**
 * Composition root: turns a Config into a running system. Builds the adapters (database, ephemeral store,
 * crypto, SMS, carriers), the use cases and the web app, and in dev mode the simulators of the partners.
 * Used by `src/main.ts` and by integration tests, which start the real system in-process on free ports.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { createEspeakCaptchaSpeaker } from './adapters/captcha/espeak-captcha-speaker.ts';
import { svgCaptchaRenderer } from './adapters/captcha/svg-captcha-renderer.ts';
import { createCamaraCarrierCheck } from './adapters/carrier/camara-carrier-check.ts';
import { createArgon2PasswordHasher } from './adapters/crypto/argon2-password-hasher.ts';
import { createCookieSealer } from './adapters/crypto/cookie-sealer.ts';
import { createPersonalDataProtector } from './adapters/crypto/personal-data-protector.ts';
import { createAccountRepository } from './adapters/db/account-repository.ts';
import { createAuditLog } from './adapters/db/audit-log.ts';
import { migratePortal } from './adapters/db/migrate.ts';
import type { PortalTables } from './adapters/db/portal-tables.ts';
import { createRegistrationRepository } from './adapters/db/registration-repository.ts';
import { MemoryEphemeralStore } from './adapters/ephemeral/memory-store.ts';
import { connectRedisStore } from './adapters/ephemeral/redis-store.ts';
import { createPrometheusJourneyMetrics } from './adapters/metrics/prometheus-journey-metrics.ts';
import { oidcAdapterFactory } from './adapters/oidc/oidc-adapter.ts';
import { createGrantStore, type GrantStore } from './adapters/oidc/oidc-grant-store.ts';
import { createHttpPopulationRegistry } from './adapters/population/http-population-registry.ts';
import { createSmppSender } from './adapters/sms/smpp-sender.ts';
import { createHttpSocialInsuranceRegistry } from './adapters/social-insurance/http-social-insurance-registry.ts';
import type { CarrierEndpoint, Config } from './config/config.ts';
import { type DevSimulators, startDevSimulators } from './dev-simulators.ts';
import { CARRIER_IDS, type CarrierId } from './domain/carriers.ts';
import { openDatabase, type SqlDatabase } from './lib/database.ts';
import { deferredPort } from './lib/deferred-port.ts';
import { createLogger, type LogFormat } from './lib/logger.ts';
import { REGISTRATION_METHODS } from './methods/index.ts';
import type { Partners } from './methods/plugin.ts';
import { DEFAULT_SIGN_IN_RULES } from './usecases/accounts/dependencies.ts';
import { createAccountsUseCases } from './usecases/accounts/index.ts';
import { createSessions } from './usecases/accounts/sessions.ts';
import type { Warn } from './usecases/after-commit.ts';
import { createCaptchaUseCases, DEFAULT_CAPTCHA_RULES } from './usecases/captcha/captcha.ts';
import { createOneTimeCodes } from './usecases/codes/one-time-codes.ts';
import { createSmsQuota } from './usecases/codes/sms-quota.ts';
import { createHubAccounts } from './usecases/hub/hub-accounts.ts';
import {
  createPasswordChecks,
  DEFAULT_PASSWORD_CHECK_RULES,
} from './usecases/password-checks/password-checks.ts';
import type { CarrierCheck } from './usecases/ports/carrier-check.ts';
import { type Clock, systemClock } from './usecases/ports/clock.ts';
import type { EphemeralStore } from './usecases/ports/ephemeral-store.ts';
import type { PopulationRegistry } from './usecases/ports/population-registry.ts';
import { cryptoRandom } from './usecases/ports/random.ts';
import type { SocialInsuranceRegistry } from './usecases/ports/social-insurance-registry.ts';
import { createRegistrationJourney } from './usecases/registration/index.ts';
import { DEFAULT_REGISTRATION_RULES } from './usecases/registration/rules.ts';
import { captchaRoutes } from './web/api/captcha/routes.ts';
import { devPortalRoutes } from './web/api/dev/routes.ts';
import { passwordCheckRoutes } from './web/api/password-checks/routes.ts';
import { recoveryRoutes } from './web/api/recovery/routes.ts';
import { registrationRoutes } from './web/api/registration/routes.ts';
import { sessionRoutes } from './web/api/sessions/routes.ts';
import { buildApp } from './web/app.ts';
import { closeGracefully } from './web/graceful-close.ts';
import { renderProviderError } from './web/oidc/error-page.tsx';
import { DEFAULT_INTERACTION_PAGES } from './web/oidc/interaction.ts';
import { createHubProvider } from './web/oidc/provider.ts';
import { oidcMount } from './web/oidc/routes.ts';
import { notFoundPage, pageRoutes } from './web/pages/index.ts';
import { providerInteractions } from './web/pages/kit/hub-interactions.ts';
import { endHubSessionOnSignOut, providerSignOutPages } from './web/pages/sign-out/provider-pages.tsx';

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
    const db = database.as<PortalTables>();

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
    const passwords = createArgon2PasswordHasher();
    const metrics = createPrometheusJourneyMetrics(registry);
    const partners = unattachedPartners();
    const accounts = createAccountRepository(db);
    const audit = createAuditLog(db);
    const smsQuota = createSmsQuota(store);
    const rules = {
      ...DEFAULT_REGISTRATION_RULES,
      startsPerIpPer10Minutes: config.perIpLimits.registrationStartsPer10Minutes,
    };
    const codesFor = (purpose: string) =>
      createOneTimeCodes({
        purpose,
        store,
        protector,
        random: cryptoRandom,
        length: rules.codeLength,
        retentionMs: rules.registrationTtlMs,
        maxWrongAnswers: rules.maxWrongAnswersPerCode,
      });

    const warn: Warn = (message, details) => logger.warn(details, message);
    const captchas = createCaptchaUseCases({
      store,
      renderer: svgCaptchaRenderer,
      speaker: await createEspeakCaptchaSpeaker({ command: config.captchaSpeechCommand, warn }),
      random: cryptoRandom,
      clock,
      protector,
      rules: { ...DEFAULT_CAPTCHA_RULES, perIpPer10Minutes: config.perIpLimits.captchasPer10Minutes },
    });
    const verifyCaptcha = captchas.verify;
    const sessions = createSessions({ store, protector, random: cryptoRandom, clock });
    const registration = createRegistrationJourney({
      registrations: createRegistrationRepository(db),
      accounts,
      audit,
      store,
      sms,
      passwords,
      protector,
      clock,
      random: cryptoRandom,
      metrics,
      verifyCaptcha,
      codes: codesFor('registration'),
      smsQuota,
      rules,
      sessions,
      portalName: config.portalName,
      warn,
    });
    const accountsUseCases = createAccountsUseCases({
      accounts,
      audit,
      store,
      sessions,
      passwords,
      protector,
      sms,
      smsQuota,
      recoveryCodes: codesFor('recovery'),
      verifyCaptcha,
      clock,
      random: cryptoRandom,
      metrics,
      signInRules: DEFAULT_SIGN_IN_RULES,
      codeRules: rules,
      portalName: config.portalName,
      warn,
    });
    const checkPasswordOf = createPasswordChecks({
      store,
      protector,
      rules: DEFAULT_PASSWORD_CHECK_RULES,
      personalData: {
        registration: registration.passwordPersonalData,
        recovery: accountsUseCases.recovery.passwordPersonalData,
        account: accountsUseCases.account.passwordPersonalData,
      },
    });
    const secureCookies = config.mode === 'production';
    const builtMethods = REGISTRATION_METHODS.flatMap((method) =>
      method.build
        ? [
            {
              id: method.id,
              built: method.build({ journey: registration, metrics, partners: partners.port }),
            },
          ]
        : [],
    );
    const methodSummaries = REGISTRATION_METHODS.map(({ id, audience, requiresJavaScript, build }) => ({
      id,
      audience,
      requiresJavaScript,
      available: build !== undefined,
    }));

    const grants = createGrantStore(database.as(), clock);
    const oidc = oidcMount({
      sessions,
      clock,
      store,
      pages: DEFAULT_INTERACTION_PAGES,
      dev: Boolean(simulators),
    });

    progress('Web server…');
    const app = await buildApp({
      logger,
      registry,
      portalName: config.portalName,
      production: config.mode === 'production',
      trustProxy: config.http.trustProxy,
      timeouts: config.http,
      metrics: config.metrics,
      formTargets: formTargetsOf(config),
      readiness: {
        database: () => database.ping(),
        ephemeralStore: () => store.ping(),
        carriers: () => partners.port.carrier.ping(),
        population: () => partners.port.population.ping(),
        socialInsurance: () => partners.port.socialInsurance.ping(),
        sms: async () => {
          if (!sms.isReady()) throw new Error('the SMPP link to the SMS centre is not bound');
        },
      },
      notFoundPage: notFoundPage({ dev: Boolean(simulators) }),
      routes: async (scope) => {
        await scope.register(oidc.routes);
        await scope.register(captchaRoutes, { captchas });
        await scope.register(registrationRoutes, {
          registration,
          methods: methodSummaries,
          sessions,
          secureCookies,
        });
        for (const method of builtMethods) await scope.register(method.built.api);
        await scope.register(sessionRoutes, { accounts: accountsUseCases, secureCookies });
        await scope.register(recoveryRoutes, { accounts: accountsUseCases });
        await scope.register(passwordCheckRoutes, { checkPasswordOf, sessions: accountsUseCases.sessions });
        await scope.register(pageRoutes, {
          registration,
          methods: REGISTRATION_METHODS.map(({ id, entryPath }) => ({
            id,
            href: builtMethods.some((built) => built.id === id) ? entryPath : undefined,
          })),
          methodPages: builtMethods.map((method) => method.built.pages),
          accounts: accountsUseCases,
          captchas,
          limits: rules,
          cookieSealer: createCookieSealer(config.secrets.cookieKey),
          secureCookies,
          dev: Boolean(simulators),
          now: () => clock.now(),
          hub: providerInteractions(oidc.provider),
          grants,
        });
        if (simulators) {
          await scope.register(devPortalRoutes, { captchas });
          await scope.register(simulators.routes);
        }
      },
    });
    closers.push(() => closeGracefully(app));

    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    const issuer = config.oidc.issuer ?? url;
    const provider = createHubProvider({
      issuer,
      oidc: config.oidc,
      adapter: oidcAdapterFactory({ store, grants, clock }),
      accounts: createHubAccounts({ accounts, protector }),
      now: () => clock.now(),
      resumeHubSession: (token) => sessions.resume(token),
      cookieKey: config.secrets.cookieKey,
      secureCookies,
      proxy: config.http.trustProxy !== false,
      renderError: renderProviderError({ dev: Boolean(simulators) }),
      ...providerSignOutPages({ dev: Boolean(simulators) }),
    });
    const oidcLog = logger.child({ component: 'oidc' });
    endHubSessionOnSignOut(provider, { sessions, secureCookies, warn: (message) => oidcLog.warn(message) });
    provider.on('server_error', (_ctx, error) => oidcLog.error({ err: error }, 'OpenID Provider error'));
    provider.on('backchannel.error', (_ctx, error, client) =>
      oidcLog.warn({ err: error, clientId: client.clientId }, 'back-channel logout not delivered'),
    );
    oidc.attach(provider);

    partners.attach({
      carrier: createCamaraCarrierCheck({
        mnpBaseUrl: config.carriers.mnpBaseUrl ?? `${url}/mnp/v1`,
        carriers: carrierEndpoints(config, simulators, url),
        timeoutMs: config.carriers.timeoutMs,
        logger: logger.child({ component: 'carrier' }),
        registry,
        now: () => clock.now(),
      }),
      population: createHttpPopulationRegistry({
        baseUrl: config.population.baseUrl ?? `${url}/population/v1`,
        apiKey: config.population.apiKey ?? devOnly(simulators, 'population').populationClient.apiKey,
        timeoutMs: config.population.timeoutMs,
        now: () => clock.now(),
        logger: logger.child({ component: 'population' }),
        registry,
      }),
      socialInsurance: createHttpSocialInsuranceRegistry({
        baseUrl: config.socialInsurance.baseUrl ?? `${url}/vss/v1`,
        ...(config.socialInsurance.clientId && config.socialInsurance.clientSecret
          ? { clientId: config.socialInsurance.clientId, clientSecret: config.socialInsurance.clientSecret }
          : devOnly(simulators, 'social insurance').socialInsuranceClient),
        timeoutMs: config.socialInsurance.timeoutMs,
        now: () => clock.now(),
        logger: logger.child({ component: 'social-insurance' }),
        registry,
      }),
    });

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

/** The partners, answering "unavailable" until attached once the server listens (dev URLs need its port). */
function unattachedPartners() {
  const unavailable = () => Promise.reject(new Error('partner adapter not attached yet'));
  const carrier = deferredPort<CarrierCheck>({
    checkOwner: async () => ({ outcome: 'carrier_unavailable' }),
    ping: unavailable,
  });
  const population = deferredPort<PopulationRegistry>({
    lookup: async () => ({ outcome: 'unavailable' }),
    ping: unavailable,
  });
  const socialInsurance = deferredPort<SocialInsuranceRegistry>({
    match: async () => ({ outcome: 'unavailable' }),
    ping: unavailable,
  });
  return {
    port: {
      carrier: carrier.port,
      population: population.port,
      socialInsurance: socialInsurance.port,
    } satisfies Partners,
    attach(adapters: Partners) {
      carrier.attach(adapters.carrier);
      population.attach(adapters.population);
      socialInsurance.attach(adapters.socialInsurance);
    },
  };
}

/** The built-in simulators, for a partner left unconfigured (which production refuses at start). */
function devOnly(simulators: DevSimulators | undefined, partner: string): DevSimulators {
  if (!simulators) throw new Error(`${partner} is not configured`);
  return simulators;
}

/** Configured endpoints win; in dev mode the rest point at the built-in carrier network on this server. */
function carrierEndpoints(
  config: Config,
  simulators: DevSimulators | undefined,
  url: string,
): Record<CarrierId, CarrierEndpoint> {
  return Object.fromEntries(
    CARRIER_IDS.map((id) => {
      const configured = config.carriers.endpoints[id];
      if (configured) return [id, configured];
      if (!simulators) throw new Error(`carrier ${id} is not configured`);
      return [id, { baseUrl: `${url}/carriers/${id}`, ...simulators.carrierClients[id] }];
    }),
  ) as Record<CarrierId, CarrierEndpoint>;
}

/** Where the data lives, without credentials: they must not reach a terminal or a log. */
function describeDatabase(databaseUrl: string | undefined, pgliteDir: string | undefined): string {
  if (databaseUrl) return `PostgreSQL at ${describeServer(databaseUrl)}`;
  if (!pgliteDir) return 'PGlite in memory';
  const shown = relative(process.cwd(), pgliteDir);
  const where = shown && !shown.startsWith('..') ? `./${shown}` : pgliteDir;
  return existsSync(pgliteDir)
    ? `PGlite in ${where}`
    : `PGlite in ${where}, created on this first start: ~10 s`;
}

function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

/**
 * Where the hub's forms may lead: the registered clients' redirect and post-logout origins; in dev also any
 * port of the loopback host, for clients registered on the fly (Dynamic Client Registration).
 */
function formTargetsOf(config: Config): string[] {
  const uris = config.oidc.clients.flatMap((client) => [
    ...client.redirectUris,
    ...client.postLogoutRedirectUris,
  ]);
  const origins = new Set(uris.map((uri) => new URL(uri).origin));
  if (config.oidc.registrationOpen)
    for (const host of ['http://127.0.0.1:*', 'http://localhost:*']) origins.add(host);
  return [...origins];
}
