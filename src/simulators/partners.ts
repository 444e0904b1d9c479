/**
 * Every simulated partner, built and wired in one place: the carrier network (registries, MNP, CAMARA KYC Match
 * and SIM Swap, the 1414 service), the population registry, social insurance, the business registry, the test PKI,
 * the mobile-signature service (MSSP), the remote-signing services, the virtual phones, the SMS centre (SMPP) with
 * the 1414 short-code app, and PostID. Used by dev mode (`src/dev-simulators.ts`, mounted on the hub's server) and
 * by the partners' own process (`src/simulators/main.ts`, bench and chaos); what differs between them is an option.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CarrierId } from '../domain/carriers.ts';
import type { SqlDatabase } from '../lib/database.ts';
import {
  type BusinessRegistry,
  createBusinessRegistry,
  devBusinessRegistryClients,
} from './business-registry/index.ts';
import {
  type CarrierNetwork,
  createCarrierNetwork,
  type DemoIdentity,
  devCarrierClients,
} from './carrier-network/index.ts';
import { createMssp, type DemoSimSubscriber, devMsspApplicationProvider, type Mssp } from './mssp/index.ts';
import { phonesRoutes } from './phones/routes.ts';
import { VirtualPhones } from './phones/virtual-phones.ts';
import {
  type ApiClient,
  createPopulation,
  DEFAULT_POPULATION_SIZE,
  devPopulationClients,
  type Population,
} from './population/index.ts';
import { createPostId, type PostId } from './postid/index.ts';
import {
  createRemoteSigning,
  type DemoRemoteUser,
  devRemoteSigningClients,
  type RemoteSigning,
} from './remote-signing/index.ts';
import { type Smsc, type SmscAccount, startSmsc } from './smsc/server.ts';
import { connectShortCodeApp } from './smsc/short-code-app.ts';
import {
  type ClientCredentials,
  createSocialInsurance,
  demoRecords,
  devSocialInsuranceClients,
  type InsuranceRecord,
  type SocialInsurance,
} from './social-insurance/index.ts';
import { createTestPki, type TestPki } from './test-pki/index.ts';

/** The 1414 service's account at the SMS centre. */
const TTTB_ACCOUNT = { systemId: 'tttb1414', password: 'tttb1414' };
/** Vietnam Post's SMS gateway account at the SMS centre (PostID's activation codes). */
const POSTID_SMPP_ACCOUNT = { systemId: 'vnpost', password: 'vnpost' };

export interface PartnersOptions {
  database: SqlDatabase;
  /** Derives the hub's credentials at every partner (OAuth2 clients, API keys, the MSSP's AP, PostID's client). */
  secret: string;
  /** The SMS centre's SMPP port (0: any free port). */
  smscPort: number;
  /** The hub's account at the SMS centre. */
  hubSmppAccount: SmscAccount;
  /** PostID's own port (0: any free port, the default). */
  postIdPort?: number;
  /** The hub's address at PostID (its redirect URI is this + `/vnpost/callback`); more can be added later. */
  postIdHubUrl?: string;
  /** Lifetime of the carriers' OAuth2 access tokens, default 3600 s. */
  tokenTtlSeconds?: number;
  /** People in the population registry (and records at social insurance); 5,000 by default. */
  populationSize?: number;
  /** The partners' clock; the system clock by default. */
  now?: () => Date;
  logger: Logger;
  /** Told as each partner starts, in words for a developer. */
  progress?: (stage: string) => void;
  /** The MSSP's client-certificate TLS port (0: any free port); without it, none. */
  msspTlsPort?: number;
  /**
   * Seeds the demo people of the start-up banner: PostID's demo accounts, and (once the base URL is known, as
   * their certificates carry it) SIM subscribers and remote-signing users drawn from the population.
   */
  seedDemo?: boolean;
}

export interface Partners {
  network: CarrierNetwork;
  population: Population;
  socialInsurance: SocialInsurance;
  businessRegistry: BusinessRegistry;
  testPki: TestPki;
  mssp: Mssp;
  remoteSigning: RemoteSigning;
  phones: VirtualPhones;
  smsc: Smsc;
  postId: PostId;
  /** Seeded subscribers that show each case. */
  demo: DemoIdentity[];
  /** Seeded social-insurance records to try that method with (one with a phone, one without). */
  insuranceDemo: InsuranceRecord[];
  /** The hub's credentials at each partner, derived from the secret. */
  clients: {
    carriers: Record<CarrierId, ClientCredentials>;
    population: ApiClient;
    socialInsurance: ClientCredentials;
    businessRegistry: ClientCredentials;
  };
  /** The SIM subscribers and remote-signing users of `seedDemo` (empty without it; `ready` resolves either way). */
  signingDemo: { sims: DemoSimSubscriber[]; remote: DemoRemoteUser[]; ready: Promise<void> };
  /** Where the HTTP routes answer, once listening: the test PKI writes it into its certificates' AIA and CDP. */
  setBaseUrl(url: string): void;
  /** Mounts every partner's HTTP API and dev route on a server. */
  routes: (app: FastifyInstance) => Promise<void>;
  close(): Promise<void>;
}

export async function startPartners(options: PartnersOptions): Promise<Partners> {
  const progress = options.progress ?? (() => {});
  const logger = options.logger;
  const now = options.now ?? (() => new Date());
  const carrierClients = devCarrierClients(options.secret);
  const network = await createCarrierNetwork({
    database: options.database,
    clients: carrierClients,
    now,
    ...(options.tokenTtlSeconds !== undefined && { tokenTtlSeconds: options.tokenTtlSeconds }),
    devApi: true,
    logger: logger.child({ simulator: 'carrier-network' }),
  });
  progress('Carrier network: seeding 2,000 subscribers across the carriers on the first start…');
  const demo = await network.seed();
  logger.info({ demo: demo.length }, 'carrier network seeded');

  const populationClients = devPopulationClients(options.secret);
  const population = await createPopulation({
    database: options.database,
    ...(options.populationSize !== undefined && { size: options.populationSize }),
    clients: populationClients,
    devApi: true,
    logger: logger.child({ simulator: 'population' }),
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
    logger: logger.child({ simulator: 'social-insurance' }),
  });
  await socialInsurance.seed();
  const businessRegistryClients = devBusinessRegistryClients(options.secret);
  const businessRegistry = await createBusinessRegistry({
    database: options.database,
    population,
    clients: businessRegistryClients,
    devApi: true,
    logger: logger.child({ simulator: 'business-registry' }),
  });
  await businessRegistry.seed();

  progress('Test PKI: making the test root and CAs on the first start…');
  let baseUrl = '';
  const testPki = await createTestPki({
    database: options.database,
    now,
    logger: logger.child({ simulator: 'test-pki' }),
    // A business certificate for a tax code the registry does not know registers the business (docs/methods.md).
    onOrganisationCertificate: async (taxCode, organisationName) => {
      await businessRegistry.addIfMissing(taxCode, organisationName);
    },
    baseUrl: () => {
      if (!baseUrl) throw new Error('the test PKI was asked for a certificate before its server listened');
      return baseUrl;
    },
  });

  progress('Mobile-signature service (MSSP) and remote-signing services (SmartCA, MySign)…');
  const mssp = await createMssp({
    issue: (request) => testPki.issue(request),
    applicationProviders: [devMsspApplicationProvider(options.secret)],
    now,
    logger: logger.child({ simulator: 'mssp' }),
    ...(options.msspTlsPort !== undefined && { tls: { port: options.msspTlsPort } }),
  });
  const remoteSigning = createRemoteSigning({
    issue: (request) => testPki.issue(request),
    clients: devRemoteSigningClients(options.secret),
    now,
    logger: logger.child({ simulator: 'remote-signing' }),
  });
  let markSignersReady: () => void = () => {};
  const signingDemo: Partners['signingDemo'] = {
    sims: [],
    remote: [],
    ready: new Promise((resolve) => {
      markSignersReady = resolve;
    }),
  };
  // Their certificates carry the test PKI's URLs, known once the server listens: seeded then, in the background.
  let seedSigners: (() => Promise<void>) | undefined;
  if (options.seedDemo) {
    const simPeople = population.sample(4, (p) => !p.oldIdNumber, 0x51_4d);
    const remotePeople = population.sample(2, (p) => !p.oldIdNumber, 0xc5_c0);
    seedSigners = async () => {
      try {
        signingDemo.sims.push(...(await mssp.seedDemo(simPeople)));
        signingDemo.remote.push(...(await remoteSigning.seedDemo(remotePeople)));
      } catch (error) {
        logger.error({ err: error }, 'seeding the signing simulators failed');
      } finally {
        markSignersReady();
      }
    };
  } else {
    markSignersReady();
  }
  let seeding: Promise<void> | undefined;

  progress(`SMS centre (SMPP) on port ${options.smscPort} and virtual phones…`);
  const phones = new VirtualPhones({ now });
  const smsc = await startSmsc({
    host: '127.0.0.1',
    port: options.smscPort,
    accounts: [options.hubSmppAccount, TTTB_ACCOUNT, POSTID_SMPP_ACCOUNT],
    phones,
    logger: logger.child({ simulator: 'smsc' }),
  });
  const tttb = await connectShortCodeApp({
    host: '127.0.0.1',
    port: smsc.port,
    ...TTTB_ACCOUNT,
    shortCode: '1414',
    onMessage: (from, text) => network.answerTttb(from, text),
  });

  progress('PostID (Vietnam Post identity provider) and its clerk console…');
  const [approved, pending] = options.seedDemo ? population.sample(2, (p) => !p.oldIdNumber, 0x9057_1d) : [];
  const postId = await createPostId({
    database: options.database,
    secret: options.secret,
    port: options.postIdPort ?? 0,
    ...(options.postIdHubUrl && { hubUrl: options.postIdHubUrl }),
    smsc: { host: '127.0.0.1', port: smsc.port, ...POSTID_SMPP_ACCOUNT },
    ...(approved && pending && { demoPeople: [approved, pending] as [typeof approved, typeof pending] }),
    now,
    logger: logger.child({ simulator: 'postid' }),
  });

  return {
    network,
    population,
    socialInsurance,
    businessRegistry,
    testPki,
    mssp,
    remoteSigning,
    phones,
    smsc,
    postId,
    demo,
    insuranceDemo: demoRecords((index) => population.person(index)),
    clients: {
      carriers: carrierClients,
      population: populationClients[0]!,
      socialInsurance: socialInsuranceClients[0]!,
      businessRegistry: businessRegistryClients[0]!,
    },
    signingDemo,
    setBaseUrl: (url) => {
      const first = !baseUrl;
      baseUrl = url;
      if (first && seedSigners) seeding = seedSigners();
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
      // The SMS centre's switches: down (refuses binds and submits) and a throttle (messages per second, null: none).
      app.post('/sim/smsc', { schema: { hide: true } }, async (request) => {
        const body = (request.body ?? {}) as { down?: boolean; throttlePerSecond?: number | null };
        if (typeof body.down === 'boolean') await smsc.setDown(body.down);
        if (body.throttlePerSecond !== undefined) smsc.setThrottle(body.throttlePerSecond);
        return { down: body.down ?? false };
      });
      // docs/methods.md's outage switch, as every other partner has it.
      app.post('/sim/smsc/outage', { schema: { hide: true } }, async (request, reply) => {
        const down = (request.body as { down?: unknown } | undefined)?.down;
        if (typeof down !== 'boolean') return reply.code(422).send({ error: 'down must be true or false' });
        await smsc.setDown(down);
        return { down };
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
