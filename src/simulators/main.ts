/**
 * The partners' side as a process of its own (for benchmarks and for running the portal in production mode
 * against simulated partners): carrier network with its dev API, SMS centre, virtual phones, 1414 service,
 * population registry and social-insurance registry (SIM_POPULATION_SIZE people, default 5,000), the test
 * PKI (its root written to DATA_DIR/simulators/test-pki-root.pem, named `trustAnchor` in the ready line), the
 * remote-signing services (CSC API v2 under /rssp/{provider}, the hub's clients derived from SIM_SECRET), the
 * mobile-signature service (ETSI TS 102 204 SOAP under /mssp/, its WSDL at /mssp/wsdl/mssp.wsdl, the hub's AP
 * credentials derived from SIM_SECRET; SIM subscribers made with POST /sim/mssp/subscribers), and PostID (Vietnam
 * Post's OpenID Provider, on its own port POSTID_PORT, default any free one: the hub's client derived from
 * SIM_SECRET, its redirect URI POSTID_HUB_URL + /vnpost/callback; accounts and faults under /sim/postid/* here).
 * Environment: SIM_PORT (HTTP, default 4000), SMSC_PORT (SMPP, default 2775), DATABASE_URL or DATA_DIR,
 * SIM_SECRET (derives the carriers' OAuth2 clients), SIM_TOKEN_TTL_SECONDS (their tokens' lifetime,
 * default 3600: a black-box conformance run sets it low to get expired tokens), SMPP_SYSTEM_ID and SMPP_PASSWORD (the portal's bind).
 * Prints one JSON line `{"simulators":"listening",…}` when ready.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { openDatabase } from '../lib/database.ts';
import { createBusinessRegistry, devBusinessRegistryClients } from './business-registry/index.ts';
import { createCarrierNetwork, devCarrierClients } from './carrier-network/index.ts';
import { createMssp, devMsspApplicationProvider } from './mssp/index.ts';
import { phonesRoutes } from './phones/routes.ts';
import { VirtualPhones } from './phones/virtual-phones.ts';
import { createPopulation, devPopulationClients } from './population/index.ts';
import { createPostId } from './postid/index.ts';
import { createRemoteSigning, devRemoteSigningClients } from './remote-signing/index.ts';
import { startSmsc } from './smsc/server.ts';
import { connectShortCodeApp } from './smsc/short-code-app.ts';
import { createSocialInsurance, devSocialInsuranceClients } from './social-insurance/index.ts';
import { createTestPki } from './test-pki/index.ts';

const env = process.env;
const url = env.DATABASE_URL || undefined;
const database = await openDatabase({
  url,
  dataDir: url ? undefined : join(resolve(env.DATA_DIR ?? './data'), 'simulators'),
});
const network = await createCarrierNetwork({
  database,
  clients: devCarrierClients(env.SIM_SECRET ?? 'dev'),
  ...(env.SIM_TOKEN_TTL_SECONDS && { tokenTtlSeconds: Number(env.SIM_TOKEN_TTL_SECONDS) }),
  devApi: true,
});
const demo = await network.seed();
const population = await createPopulation({
  database,
  ...(env.SIM_POPULATION_SIZE && { size: Number(env.SIM_POPULATION_SIZE) }),
  clients: devPopulationClients(env.SIM_SECRET ?? 'dev'),
  devApi: true,
});
await population.seed();
const socialInsurance = await createSocialInsurance({
  database,
  population,
  clients: devSocialInsuranceClients(env.SIM_SECRET ?? 'dev'),
  devApi: true,
});
await socialInsurance.seed();
const businessRegistry = await createBusinessRegistry({
  database,
  population,
  clients: devBusinessRegistryClients(env.SIM_SECRET ?? 'dev'),
  devApi: true,
});
await businessRegistry.seed();
// The test PKI: its AIA and CDP name this server, known once it listens.
let ownUrl = '';
const testPki = await createTestPki({
  database,
  baseUrl: () => ownUrl,
  onOrganisationCertificate: async (taxCode, organisationName) => {
    await businessRegistry.addIfMissing(taxCode, organisationName);
  },
  logger: pino({ level: 'warn' }),
});
const remoteSigning = createRemoteSigning({
  issue: (request) => testPki.issue(request),
  clients: devRemoteSigningClients(env.SIM_SECRET ?? 'dev'),
  logger: pino({ level: 'warn' }),
});
const mssp = await createMssp({
  issue: (request) => testPki.issue(request),
  applicationProviders: [devMsspApplicationProvider(env.SIM_SECRET ?? 'dev')],
  logger: pino({ level: 'warn' }),
});
const phones = new VirtualPhones();
const tttbAccount = { systemId: 'tttb1414', password: 'tttb1414' };
// PostID's own SMSC account: its activation codes go by SMS from VNPOST.
const postIdSmppAccount = { systemId: 'vnpost', password: 'vnpost' };
const smsc = await startSmsc({
  host: '127.0.0.1',
  port: Number(env.SMSC_PORT ?? 2775),
  accounts: [
    { systemId: env.SMPP_SYSTEM_ID ?? 'portal', password: env.SMPP_PASSWORD ?? 'portal' },
    tttbAccount,
    postIdSmppAccount,
  ],
  phones,
});
const tttb = await connectShortCodeApp({
  host: '127.0.0.1',
  port: smsc.port,
  ...tttbAccount,
  shortCode: '1414',
  onMessage: network.answerTttb,
});
const postId = await createPostId({
  database,
  secret: env.SIM_SECRET ?? 'dev',
  port: Number(env.POSTID_PORT ?? 0),
  ...(env.POSTID_HUB_URL && { hubUrl: env.POSTID_HUB_URL }),
  smsc: { host: '127.0.0.1', port: smsc.port, ...postIdSmppAccount },
  logger: pino({ level: 'warn' }),
});
const app = Fastify({ bodyLimit: 16 * 1024 });
await app.register(network.plugin);
await app.register(population.plugin);
await app.register(socialInsurance.plugin);
await app.register(businessRegistry.plugin);
await app.register(phonesRoutes, {
  phones,
  smsc,
  demo,
  signing: { simToolkit: mssp.simToolkit, signingApp: remoteSigning.signingApp },
});
await app.register(mssp.soapRoutes);
await app.register(mssp.devRoutes);
await app.register(async (scope) => testPki.routes(scope));
await app.register(remoteSigning.routes);
await app.register(remoteSigning.devRoutes);
await app.register(postId.devRoutes);
await app.listen({ host: '127.0.0.1', port: Number(env.SIM_PORT ?? 4000) });
const port = (app.server.address() as { port: number }).port;
ownUrl = `http://127.0.0.1:${port}`;
// The hub in production mode trusts this file (TRUST_ANCHORS).
const trustAnchor = join(resolve(env.DATA_DIR ?? './data'), 'simulators', 'test-pki-root.pem');
mkdirSync(join(trustAnchor, '..'), { recursive: true });
writeFileSync(trustAnchor, testPki.rootPem());
process.stdout.write(
  `${JSON.stringify({ simulators: 'listening', url: `http://127.0.0.1:${port}`, smscPort: smsc.port, trustAnchor, postIdIssuer: postId.issuer })}\n`,
);

const stop = async () => {
  await app.close();
  await mssp.close();
  await postId.close();
  await tttb.close();
  await smsc.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
