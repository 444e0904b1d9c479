/**
 * Dev mode's partners, in the hub's process and on the hub's server: every simulator of
 * `src/simulators/partners.ts` (which builds and wires them, as for the partners' own process), handed to the hub
 * as it needs them (its credentials at each, the demo people of the start-up banner, the address it listens on).
 * The hub reaches them only through their protocols (HTTP, SMPP), exactly as it would reach real partners.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CarrierId } from './domain/carriers.ts';
import type { SqlDatabase } from './lib/database.ts';
import type { DemoIdentity } from './simulators/carrier-network/index.ts';
import type { DemoSimSubscriber, Mssp } from './simulators/mssp/index.ts';
import { startPartners } from './simulators/partners.ts';
import type { ApiClient } from './simulators/population/index.ts';
import type { PostId } from './simulators/postid/index.ts';
import type { DemoRemoteUser, RemoteSigning } from './simulators/remote-signing/index.ts';
import type { ClientCredentials, InsuranceRecord } from './simulators/social-insurance/index.ts';
import type { TestPki } from './simulators/test-pki/index.ts';
import type { Clock } from './usecases/ports/clock.ts';

export interface DevSimulators {
  /** Mounts the simulators' HTTP APIs and pages on the portal's server. */
  routes: (app: FastifyInstance) => Promise<void>;
  smscPort: number;
  /** Seeded subscribers that show each case, for the start-up banner. */
  demo: DemoIdentity[];
  /** Seeded social-insurance records to try that method with (one with a phone, one without). */
  insuranceDemo: InsuranceRecord[];
  carrierClients: Record<CarrierId, { clientId: string; clientSecret: string }>;
  /** The hub's credentials at the population registry and the social-insurance registry. */
  populationClient: ApiClient;
  socialInsuranceClient: ClientCredentials;
  /** The hub's credentials at the business registry. */
  businessRegistryClient: ClientCredentials;
  /** The test PKI (root, issuing CAs, OCSP, CRL): its root is the hub's trust anchor in dev. */
  testPki: TestPki;
  /** Told once the hub listens: the test PKI writes this address into its certificates' AIA and CDP. */
  setPublicUrl(url: string): void;
  /** PostID (Vietnam Post's OpenID Provider) on its own port: issuer, the hub's client, the dev clerk, demo accounts. */
  postId: PostId;
  /** The mobile-signature service (ETSI TS 102 204, SOAP on `/mssp/soap/services/*` and its own TLS port). */
  mssp: Mssp;
  /** The remote-signing services (CSC API v2 under `/rssp/smartca`, `/rssp/mysign`). */
  remoteSigning: RemoteSigning;
  /** The SIM subscribers and remote-signing users seeded once the hub listens (their certificates need its URL). */
  signingDemo: { sims: DemoSimSubscriber[]; remote: DemoRemoteUser[]; ready: Promise<void> };
  close(): Promise<void>;
}

/** The partners (`src/simulators/partners.ts`) as the hub needs them, with their demo people for the banner. */
export async function startDevSimulators(options: {
  database: SqlDatabase;
  secret: string;
  smscPort: number;
  smppAccount: { systemId: string; password: string };
  clock: Clock;
  logger: Logger;
  /** PostID's own port (0: any free port). */
  postIdPort?: number;
  /** People in the population registry (and records at social insurance); 5,000 by default. */
  populationSize?: number;
  /** Told as each simulator starts, in words for a developer. */
  progress?: (stage: string) => void;
}): Promise<DevSimulators> {
  const partners = await startPartners({
    database: options.database,
    secret: options.secret,
    smscPort: options.smscPort,
    hubSmppAccount: options.smppAccount,
    ...(options.postIdPort !== undefined && { postIdPort: options.postIdPort }),
    ...(options.populationSize !== undefined && { populationSize: options.populationSize }),
    now: () => options.clock.now(),
    logger: options.logger,
    ...(options.progress && { progress: options.progress }),
    msspTlsPort: 0,
    seedDemo: true,
  });
  return {
    routes: partners.routes,
    smscPort: partners.smsc.port,
    demo: partners.demo,
    insuranceDemo: partners.insuranceDemo,
    carrierClients: partners.clients.carriers,
    populationClient: partners.clients.population,
    socialInsuranceClient: partners.clients.socialInsurance,
    businessRegistryClient: partners.clients.businessRegistry,
    testPki: partners.testPki,
    setPublicUrl: partners.setBaseUrl,
    postId: partners.postId,
    mssp: partners.mssp,
    remoteSigning: partners.remoteSigning,
    signingDemo: partners.signingDemo,
    close: partners.close,
  };
}
