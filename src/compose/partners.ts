/**
 * The partners (carriers, population registry, social insurance): ports the use cases hold from the start, which
 * answer "unavailable" until the adapters are attached once the server listens (dev URLs need its port).
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createHttpBusinessRegistry } from '../adapters/business-registry/http-business-registry.ts';
import { createCamaraCarrierCheck } from '../adapters/carrier/camara-carrier-check.ts';
import { createSoapMobileSignatureService } from '../adapters/mssp/soap-mobile-signature-service.ts';
import { createHttpPopulationRegistry } from '../adapters/population/http-population-registry.ts';
import { createPostIdProvider } from '../adapters/postid/postid-provider.ts';
import { createCscRemoteSigningService } from '../adapters/remote-signing/csc-remote-signing-service.ts';
import { createHttpSocialInsuranceRegistry } from '../adapters/social-insurance/http-social-insurance-registry.ts';
import type { CarrierEndpoint, Config } from '../config/config.ts';
import { REMOTE_SIGNING_PROVIDERS } from '../config/remote-signing-config.ts';
import type { DevSimulators } from '../dev-simulators.ts';
import { CARRIER_IDS, type CarrierId } from '../domain/carriers.ts';
import { deferredPort } from '../lib/deferred-port.ts';
import type { Partners } from '../methods/plugin.ts';
import { devMsspApplicationProvider } from '../simulators/mssp/index.ts';
import { devRemoteSigningClients, remoteSigningBasePath } from '../simulators/remote-signing/index.ts';
import {
  type BusinessRegistry,
  BusinessRegistryUnavailableError,
} from '../usecases/ports/business-registry.ts';
import type { CarrierCheck } from '../usecases/ports/carrier-check.ts';
import type { Clock } from '../usecases/ports/clock.ts';
import type { FederatedIdentityProvider } from '../usecases/ports/federated-identity-provider.ts';
import type { MobileSignatureService } from '../usecases/ports/mobile-signature-service.ts';
import type { PopulationRegistry } from '../usecases/ports/population-registry.ts';
import type { RemoteSigningService } from '../usecases/ports/remote-signing-service.ts';
import type { SocialInsuranceRegistry } from '../usecases/ports/social-insurance-registry.ts';

export type UnattachedPartners = ReturnType<typeof unattachedPartners>;

export function unattachedPartners() {
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
  const businessRegistry = deferredPort<BusinessRegistry>({
    lookUp: () => Promise.reject(new BusinessRegistryUnavailableError('partner adapter not attached yet')),
    ping: unavailable,
  });
  const mobileSignature = deferredPort<MobileSignatureService>({
    requestSignature: async () => ({ outcome: 'unavailable' }),
    queryStatus: async () => ({ outcome: 'unavailable' }),
    ping: unavailable,
  });
  const remoteSigning = deferredPort<RemoteSigningService>({
    providers: [],
    findCredential: async () => ({ outcome: 'unavailable' }),
    authorize: async () => ({ outcome: 'unavailable' }),
    checkAuthorization: async () => ({ outcome: 'unavailable' }),
    signHash: async () => ({ outcome: 'unavailable' }),
    ping: unavailable,
  });
  // Left unattached where PostID is not configured (production without POSTID_*): the method's pages then say
  // PostID is unavailable, and readiness does not hold the hub back for a partner it does not use.
  const postId = deferredPort<FederatedIdentityProvider>({
    id: 'vnpost',
    authorizationUrl: async () => undefined,
    finish: async () => ({ outcome: 'unavailable' }),
    ping: async () => {},
  });
  return {
    port: {
      postId: postId.port,
      remoteSigning: remoteSigning.port,
      mobileSignature: mobileSignature.port,
      carrier: carrier.port,
      population: population.port,
      socialInsurance: socialInsurance.port,
      businessRegistry: businessRegistry.port,
    } satisfies Partners,
    attach(adapters: Omit<Partners, 'postId'> & { postId: FederatedIdentityProvider | undefined }) {
      carrier.attach(adapters.carrier);
      population.attach(adapters.population);
      socialInsurance.attach(adapters.socialInsurance);
      if (adapters.postId) postId.attach(adapters.postId);
      remoteSigning.attach(adapters.remoteSigning);
      mobileSignature.attach(adapters.mobileSignature);
      businessRegistry.attach(adapters.businessRegistry);
    },
  };
}

export interface PartnerAdapterOptions {
  config: Config;
  simulators: DevSimulators | undefined;
  /** The hub's own address: in dev mode the simulators answer on it. */
  url: string;
  logger: Logger;
  registry: Registry;
  clock: Clock;
}

/** The real adapters: configured partners, or in dev mode the built-in simulators for the rest. */
export function attachPartners(partners: UnattachedPartners, options: PartnerAdapterOptions) {
  const { config, simulators, url, logger, registry, clock } = options;
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
    postId: postIdAdapter(options),
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
    remoteSigning: createCscRemoteSigningService({
      providers: remoteSigningProviders(config, simulators, url),
      timeoutMs: config.remoteSigning.timeoutMs,
      now: () => clock.now(),
      logger,
      registry,
    }),
    mobileSignature: createSoapMobileSignatureService({
      // In dev the MSSP simulator serves its WSDL (and its SOAP ports) on this server.
      wsdlUrl: config.mobileSignature.wsdlUrl ?? `${url}/mssp/wsdl/mssp.wsdl`,
      ...(config.mobileSignature.apId && config.mobileSignature.apPwd
        ? { apId: config.mobileSignature.apId, apPwd: config.mobileSignature.apPwd }
        : devMsspCredentials(config, simulators)),
      format: config.mobileSignature.format,
      ...(config.mobileSignature.tls && { tls: config.mobileSignature.tls }),
      timeoutMs: config.mobileSignature.timeoutMs,
      now: () => clock.now(),
      logger: logger.child({ component: 'mssp' }),
      registry,
    }),
    businessRegistry: createHttpBusinessRegistry({
      baseUrl: config.businessRegistry.baseUrl ?? `${url}/business-registry/v1`,
      ...(config.businessRegistry.clientId && config.businessRegistry.clientSecret
        ? { clientId: config.businessRegistry.clientId, clientSecret: config.businessRegistry.clientSecret }
        : devOnly(simulators, 'business registry').businessRegistryClient),
      timeoutMs: config.businessRegistry.timeoutMs,
      now: () => clock.now(),
      logger,
      registry,
    }),
  });
}

/** PostID as configured, else in dev mode the built-in simulator; undefined (not offered) otherwise. */
function postIdAdapter(options: PartnerAdapterOptions) {
  const { config, simulators, url, logger, registry, clock } = options;
  const configured = config.postId.issuer && config.postId.clientId && config.postId.clientSecret;
  if (!configured && !simulators) return undefined;
  return createPostIdProvider({
    issuer: config.postId.issuer ?? devOnly(simulators, 'PostID').postId.issuer,
    ...(config.postId.clientId && config.postId.clientSecret
      ? { clientId: config.postId.clientId, clientSecret: config.postId.clientSecret }
      : devOnly(simulators, 'PostID').postId.client),
    // Registered at PostID: the hub's public address (the OpenID issuer), as its own provider names it.
    redirectUri: `${(config.oidc.issuer ?? url).replace(/\/+$/, '')}/vnpost/callback`,
    timeoutMs: config.postId.timeoutMs,
    now: () => clock.now(),
    logger,
    registry,
  });
}

/** The built-in simulators, for a partner left unconfigured (which production refuses at start). */
function devOnly(simulators: DevSimulators | undefined, partner: string): DevSimulators {
  if (!simulators) throw new Error(`${partner} is not configured`);
  return simulators;
}

/** The hub's application-provider credentials at the built-in MSSP, derived from the dev secret as it derives them. */
function devMsspCredentials(config: Config, simulators: DevSimulators | undefined) {
  devOnly(simulators, 'the mobile-signature service');
  return devMsspApplicationProvider(config.simulators.devSecret ?? 'dev');
}

/**
 * The remote-signing services configured; in dev mode the others are the built-in simulators on this server, with
 * the hub's client credentials derived from the dev secret as the simulators derive them.
 */
function remoteSigningProviders(config: Config, simulators: DevSimulators | undefined, url: string) {
  const providers: Record<string, { baseUrl: string; clientId: string; clientSecret: string }> = {
    ...config.remoteSigning.providers,
  };
  if (!simulators) return providers;
  const clients = devRemoteSigningClients(config.simulators.devSecret ?? 'dev');
  for (const id of REMOTE_SIGNING_PROVIDERS)
    providers[id] ??= { baseUrl: `${url}${remoteSigningBasePath(id)}`, ...clients[id] };
  return providers;
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
