/**
 * Dev mode's partners, in the portal's process: the carrier network (registries, MNP, CAMARA KYC Match and
 * SIM Swap, the 1414 service), the SMS centre (SMPP) and the virtual phones. The portal reaches them only
 * through their protocols (HTTP, SMPP), exactly as it would reach real partners.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CarrierId } from './domain/carriers.ts';
import type { SqlDatabase } from './lib/database.ts';
import { createBusinessRegistry, devBusinessRegistryClients } from './simulators/business-registry/index.ts';
import {
  createCarrierNetwork,
  type DemoIdentity,
  devCarrierClients,
} from './simulators/carrier-network/index.ts';
import {
  createMssp,
  type DemoSimSubscriber,
  devMsspApplicationProvider,
  type Mssp,
} from './simulators/mssp/index.ts';
import { phonesRoutes } from './simulators/phones/routes.ts';
import { VirtualPhones } from './simulators/phones/virtual-phones.ts';
import {
  type ApiClient,
  createPopulation,
  DEFAULT_POPULATION_SIZE,
  devPopulationClients,
} from './simulators/population/index.ts';
import { createPostId, type PostId } from './simulators/postid/index.ts';
import {
  createRemoteSigning,
  type DemoRemoteUser,
  devRemoteSigningClients,
  type RemoteSigning,
} from './simulators/remote-signing/index.ts';
import { startSmsc } from './simulators/smsc/server.ts';
import { connectShortCodeApp } from './simulators/smsc/short-code-app.ts';
import {
  type ClientCredentials,
  createSocialInsurance,
  demoRecords,
  devSocialInsuranceClients,
  type InsuranceRecord,
} from './simulators/social-insurance/index.ts';
import { createTestPki, type TestPki } from './simulators/test-pki/index.ts';
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

const TTTB_ACCOUNT = { systemId: 'tttb1414', password: 'tttb1414' };
/** Vietnam Post's SMS gateway account at the SMS centre (PostID's activation codes). */
const POSTID_SMPP_ACCOUNT = { systemId: 'vnpost', password: 'vnpost' };

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
  const progress = options.progress ?? (() => {});
  const now = () => options.clock.now();
  const carrierClients = devCarrierClients(options.secret);
  const network = await createCarrierNetwork({
    database: options.database,
    clients: carrierClients,
    now,
    devApi: true,
    logger: options.logger.child({ simulator: 'carrier-network' }),
  });
  progress('Carrier network: seeding 2,000 subscribers across the carriers on the first start…');
  const demo = await network.seed();
  options.logger.info({ demo: demo.length }, 'carrier network seeded');

  const populationClients = devPopulationClients(options.secret);
  const population = await createPopulation({
    database: options.database,
    ...(options.populationSize !== undefined && { size: options.populationSize }),
    clients: populationClients,
    devApi: true,
    logger: options.logger.child({ simulator: 'population' }),
  });
  const people = (options.populationSize ?? DEFAULT_POPULATION_SIZE).toLocaleString('en');
  progress(`Population registry and social insurance: seeding ${people} people on the first start…`);
  await population.seed();
  const socialInsuranceClients = devSocialInsuranceClients(options.secret);
  const socialInsurance = await createSocialInsurance({
    database: options.database,
    population,
    clients: socialInsuranceClients,
    devApi: true,
    now,
    logger: options.logger.child({ simulator: 'social-insurance' }),
  });
  await socialInsurance.seed();
  const businessRegistryClients = devBusinessRegistryClients(options.secret);
  const businessRegistry = await createBusinessRegistry({
    database: options.database,
    population,
    clients: businessRegistryClients,
    devApi: true,
    logger: options.logger.child({ simulator: 'business-registry' }),
  });
  await businessRegistry.seed();

  progress('Test PKI: making the test root and CAs on the first start…');
  let publicUrl = '';
  const testPki = await createTestPki({
    database: options.database,
    now,
    logger: options.logger.child({ simulator: 'test-pki' }),
    // A business certificate for a tax code the registry does not know registers the business (docs/methods.md).
    onOrganisationCertificate: async (taxCode, organisationName) => {
      await businessRegistry.addIfMissing(taxCode, organisationName);
    },
    baseUrl: () => {
      if (!publicUrl) throw new Error('the test PKI was asked for a certificate before the hub listened');
      return publicUrl;
    },
  });

  progress('Mobile-signature service (MSSP) and remote-signing services (SmartCA, MySign)…');
  const mssp = await createMssp({
    issue: (request) => testPki.issue(request),
    applicationProviders: [devMsspApplicationProvider(options.secret)],
    now,
    logger: options.logger.child({ simulator: 'mssp' }),
    tls: { port: 0 },
  });
  const remoteSigning = createRemoteSigning({
    issue: (request) => testPki.issue(request),
    clients: devRemoteSigningClients(options.secret),
    now,
    logger: options.logger.child({ simulator: 'remote-signing' }),
  });
  const simPeople = population.sample(4, (p) => !p.oldIdNumber, 0x51_4d);
  const remotePeople = population.sample(2, (p) => !p.oldIdNumber, 0xc5_c0);
  let markSignersReady: () => void = () => {};
  const signingDemo: DevSimulators['signingDemo'] = {
    sims: [],
    remote: [],
    ready: new Promise((resolve) => {
      markSignersReady = resolve;
    }),
  };
  // Their certificates carry the test PKI's URLs, known once the hub listens: seeded then, in the background.
  let seeding: Promise<void> | undefined;
  const seedSigners = async () => {
    try {
      signingDemo.sims.push(...(await mssp.seedDemo(simPeople)));
      signingDemo.remote.push(...(await remoteSigning.seedDemo(remotePeople)));
    } catch (error) {
      options.logger.error({ err: error }, 'seeding the signing simulators failed');
    } finally {
      markSignersReady();
    }
  };

  progress(`SMS centre (SMPP) on port ${options.smscPort} and virtual phones…`);
  const phones = new VirtualPhones({ now });
  const smsc = await startSmsc({
    host: '127.0.0.1',
    port: options.smscPort,
    accounts: [options.smppAccount, TTTB_ACCOUNT, POSTID_SMPP_ACCOUNT],
    phones,
    logger: options.logger.child({ simulator: 'smsc' }),
  });
  const tttb = await connectShortCodeApp({
    host: '127.0.0.1',
    port: smsc.port,
    ...TTTB_ACCOUNT,
    shortCode: '1414',
    onMessage: (from, text) => network.answerTttb(from, text),
  });

  progress('PostID (Vietnam Post identity provider) and its clerk console…');
  const [approved, pending] = population.sample(2, (p) => !p.oldIdNumber, 0x9057_1d);
  const postId = await createPostId({
    database: options.database,
    secret: options.secret,
    port: options.postIdPort ?? 0,
    smsc: { host: '127.0.0.1', port: smsc.port, ...POSTID_SMPP_ACCOUNT },
    ...(approved && pending && { demoPeople: [approved, pending] as [typeof approved, typeof pending] }),
    now,
    logger: options.logger.child({ simulator: 'postid' }),
  });

  return {
    smscPort: smsc.port,
    postId,
    demo,
    insuranceDemo: demoRecords((index) => population.person(index)),
    carrierClients,
    populationClient: populationClients[0]!,
    socialInsuranceClient: socialInsuranceClients[0]!,
    businessRegistryClient: businessRegistryClients[0]!,
    testPki,
    mssp,
    remoteSigning,
    signingDemo,
    setPublicUrl: (url) => {
      const first = !publicUrl;
      publicUrl = url;
      if (first) seeding = seedSigners();
    },
    routes: async (app) => {
      await app.register(network.plugin);
      await app.register(population.plugin);
      await app.register(socialInsurance.plugin);
      await app.register(businessRegistry.plugin);
      await app.register(async (scope) => testPki.routes(scope));
      await app.register(phonesRoutes, {
        phones,
        smsc,
        demo,
        signing: { simToolkit: mssp.simToolkit, signingApp: remoteSigning.signingApp },
      });
      await app.register(mssp.soapRoutes);
      await app.register(mssp.devRoutes);
      await app.register(remoteSigning.routes);
      await app.register(remoteSigning.devRoutes);
      await app.register(postId.devRoutes);
      app.post('/sim/smsc', { schema: { hide: true } }, async (request) => {
        const body = (request.body ?? {}) as { down?: boolean; throttlePerSecond?: number | null };
        if (typeof body.down === 'boolean') smsc.setDown(body.down);
        if (body.throttlePerSecond !== undefined) smsc.setThrottle(body.throttlePerSecond);
        return { down: body.down ?? false };
      });
    },
    async close() {
      await seeding;
      await mssp.close();
      await postId.close();
      await testPki.close();
      await tttb.close();
      await smsc.close();
    },
  };
}
