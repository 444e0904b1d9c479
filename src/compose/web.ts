/**
 * The hub's web app: the JSON API, the registration methods' routes and pages, the account pages serving the
 * provider's interactions, the provider's own routes, readiness over every dependency, and in dev the simulators.
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createCookieSealer } from '../adapters/crypto/cookie-sealer.ts';
import type { GrantStore } from '../adapters/oidc/oidc-grant-store.ts';
import type { Config } from '../config/config.ts';
import type { DevSimulators } from '../dev-simulators.ts';
import type { SqlDatabase } from '../lib/database.ts';
import { REGISTRATION_METHODS } from '../methods/index.ts';
import type { Partners } from '../methods/plugin.ts';
import type { Clock } from '../usecases/ports/clock.ts';
import type { EphemeralStore } from '../usecases/ports/ephemeral-store.ts';
import { cryptoRandom } from '../usecases/ports/random.ts';
import type { SmsSender } from '../usecases/ports/sms-sender.ts';
import { createVerifyOrganisation } from '../usecases/registration/verify-organisation.ts';
import type { SignatureUseCases } from '../usecases/signatures/index.ts';
import { captchaRoutes } from '../web/api/captcha/routes.ts';
import { certificateChallengeRoutes } from '../web/api/certificate-challenges/routes.ts';
import { devPortalRoutes } from '../web/api/dev/routes.ts';
import { statusesOf, useFailureStatuses } from '../web/api/failure-problem.ts';
import { passwordCheckRoutes } from '../web/api/password-checks/routes.ts';
import { recoveryRoutes } from '../web/api/recovery/routes.ts';
import { registrationRoutes } from '../web/api/registration/routes.ts';
import { sessionRoutes } from '../web/api/sessions/routes.ts';
import { buildApp } from '../web/app.ts';
import type { OidcMount } from '../web/oidc/routes.ts';
import { notFoundPage, pageRoutes } from '../web/pages/index.ts';
import { providerInteractions } from '../web/pages/kit/hub-interactions.ts';
import type { RefusalPages } from '../web/pages/refusal/paths.ts';
import { formTargetsOf } from './hub-provider.ts';
import type { UseCases } from './use-cases.ts';

export interface HubWebParts {
  config: Config;
  logger: Logger;
  registry: Registry;
  database: SqlDatabase;
  store: EphemeralStore;
  sms: SmsSender;
  partners: Partners;
  simulators: DevSimulators | undefined;
  useCases: UseCases;
  /** The signature pipeline (challenges, verification) the signing methods use. */
  signatures: SignatureUseCases;
  oidc: OidcMount;
  grants: GrantStore;
  secureCookies: boolean;
  clock: Clock;
}

export function buildHubApp(parts: HubWebParts) {
  const { config, database, store, sms, partners, simulators, useCases, secureCookies, clock } = parts;
  const dev = Boolean(simulators);
  const builtMethods = REGISTRATION_METHODS.flatMap((method) =>
    method.build
      ? [
          {
            id: method.id,
            built: method.build({
              journey: useCases.registration,
              metrics: useCases.metrics,
              partners,
              federation: {
                store,
                protector: useCases.protector,
                random: cryptoRandom,
                clock,
                accounts: useCases.accountRepository,
                audit: useCases.audit,
              },
              signing: {
                signatures: parts.signatures,
                verifyCaptcha: useCases.captchas.verify,
                verifyOrganisation: createVerifyOrganisation({
                  businessRegistry: partners.businessRegistry,
                  metrics: useCases.metrics,
                  now: () => clock.now(),
                }),
                sessions: useCases.accounts.sessions,
                accountView: (accountId) => useCases.accounts.account.view(accountId),
                addCredential: (accountId, credential) =>
                  useCases.accountRepository.addCredential(accountId, credential),
                signingAgentUrl: config.signingAgent.url,
                secureCookies,
              },
            }),
          },
        ]
      : [],
  );
  // What the methods add to the shared answers: their refusals' statuses and refusal pages.
  const failureStatuses = statusesOf(REGISTRATION_METHODS);
  const refusalPages: RefusalPages = Object.assign(
    {},
    ...REGISTRATION_METHODS.map((method) => method.refusalPages),
  );
  const methodSummaries = REGISTRATION_METHODS.map(({ id, audience, requiresJavaScript, build }) => ({
    id,
    audience,
    requiresJavaScript,
    available: build !== undefined,
  }));

  return buildApp({
    logger: parts.logger,
    registry: parts.registry,
    portalName: config.portalName,
    production: config.mode === 'production',
    trustProxy: config.http.trustProxy,
    timeouts: config.http,
    metrics: config.metrics,
    formTargets: formTargetsOf(config),
    // The USB-token pages' module talks to the citizen's local signing agent.
    connectTargets: [new URL(config.signingAgent.url).origin],
    readiness: {
      database: () => database.ping(),
      ephemeralStore: () => store.ping(),
      carriers: () => partners.carrier.ping(),
      population: () => partners.population.ping(),
      socialInsurance: () => partners.socialInsurance.ping(),
      postId: () => partners.postId.ping(),
      businessRegistry: () => partners.businessRegistry.ping(),
      sms: async () => {
        if (!sms.isReady()) throw new Error('the SMPP link to the SMS centre is not bound');
      },
    },
    notFoundPage: notFoundPage({ dev }),
    routes: async (scope) => {
      useFailureStatuses(scope, failureStatuses);
      await scope.register(parts.oidc.routes);
      await scope.register(captchaRoutes, { captchas: useCases.captchas });
      await scope.register(certificateChallengeRoutes, { signatures: parts.signatures });
      await scope.register(registrationRoutes, {
        registration: useCases.registration,
        methods: methodSummaries,
        sessions: useCases.sessions,
        secureCookies,
      });
      for (const method of builtMethods) await scope.register(method.built.api);
      await scope.register(sessionRoutes, { accounts: useCases.accounts, secureCookies });
      await scope.register(recoveryRoutes, { accounts: useCases.accounts });
      await scope.register(passwordCheckRoutes, {
        checkPasswordOf: useCases.checkPasswordOf,
        sessions: useCases.accounts.sessions,
      });
      await scope.register(pageRoutes, {
        registration: useCases.registration,
        methods: REGISTRATION_METHODS.map(({ id, entryPath, chooser }) => ({
          id,
          href: builtMethods.some((built) => built.id === id) ? entryPath : undefined,
          chooser,
        })),
        refusalPages,
        methodPages: builtMethods.map((method) => method.built.pages),
        accounts: useCases.accounts,
        captchas: useCases.captchas,
        limits: useCases.rules,
        cookieSealer: createCookieSealer(config.secrets.cookieKey),
        secureCookies,
        dev,
        now: () => clock.now(),
        hub: providerInteractions(parts.oidc.provider),
        grants: parts.grants,
      });
      if (simulators) {
        await scope.register(devPortalRoutes, { captchas: useCases.captchas });
        await scope.register(simulators.routes);
      }
    },
  });
}
