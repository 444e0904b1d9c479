/**
 * The partners' side as a process of its own (for benchmarks and for running the portal in production mode
 * against simulated partners), the same partners as dev mode's, built by `./partners.ts`: carrier network with its dev API, SMS centre, virtual phones, 1414 service,
 * population registry and social-insurance registry (SIM_POPULATION_SIZE people, default 5,000), the test
 * PKI (its root written to DATA_DIR/simulators/test-pki-root.pem, named `trustAnchor` in the ready line), the
 * remote-signing services (CSC API v2 under /rssp/{provider}, the hub's clients derived from SIM_SECRET), the
 * mobile-signature service (ETSI TS 102 204 SOAP under /mssp/, its WSDL at /mssp/wsdl/mssp.wsdl, the hub's AP
 * credentials derived from SIM_SECRET; SIM subscribers made with POST /sim/mssp/subscribers), and PostID (Vietnam
 * Post's OpenID Provider, on its own port POSTID_PORT, default any free one: the hub's client derived from
 * SIM_SECRET, its redirect URI POSTID_HUB_URL + /vnpost/callback; accounts and faults under /sim/postid/* here). The SMS centre's switches: POST /sim/smsc.
 * Environment: SIM_PORT (HTTP, default 4000), SMSC_PORT (SMPP, default 2775), DATABASE_URL or DATA_DIR,
 * SIM_SECRET (derives the carriers' OAuth2 clients), SIM_TOKEN_TTL_SECONDS (their tokens' lifetime,
 * default 3600: a black-box conformance run sets it low to get expired tokens), SMPP_SYSTEM_ID and SMPP_PASSWORD (the portal's bind).
 * Prints one JSON line `{"simulators":"listening",…}` when ready; SIGTERM or SIGINT closes everything and exits 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { openDatabase } from '../lib/database.ts';
import { startPartners } from './partners.ts';

const env = process.env;
const url = env.DATABASE_URL || undefined;
const database = await openDatabase({
  url,
  dataDir: url ? undefined : join(resolve(env.DATA_DIR ?? './data'), 'simulators'),
});
const partners = await startPartners({
  database,
  secret: env.SIM_SECRET ?? 'dev',
  smscPort: Number(env.SMSC_PORT ?? 2775),
  hubSmppAccount: { systemId: env.SMPP_SYSTEM_ID ?? 'portal', password: env.SMPP_PASSWORD ?? 'portal' },
  postIdPort: Number(env.POSTID_PORT ?? 0),
  ...(env.POSTID_HUB_URL && { postIdHubUrl: env.POSTID_HUB_URL }),
  ...(env.SIM_TOKEN_TTL_SECONDS && { tokenTtlSeconds: Number(env.SIM_TOKEN_TTL_SECONDS) }),
  ...(env.SIM_POPULATION_SIZE && { populationSize: Number(env.SIM_POPULATION_SIZE) }),
  logger: pino({ level: 'warn' }),
});
const app = Fastify({ bodyLimit: 16 * 1024 });
await partners.routes(app);
await app.listen({ host: '127.0.0.1', port: Number(env.SIM_PORT ?? 4000) });
const port = (app.server.address() as { port: number }).port;
// The test PKI's AIA and CDP name this server.
partners.setBaseUrl(`http://127.0.0.1:${port}`);
// The hub in production mode trusts this file (TRUST_ANCHORS).
const trustAnchor = join(resolve(env.DATA_DIR ?? './data'), 'simulators', 'test-pki-root.pem');
mkdirSync(join(trustAnchor, '..'), { recursive: true });
writeFileSync(trustAnchor, partners.testPki.rootPem());
process.stdout.write(
  `${JSON.stringify({ simulators: 'listening', url: `http://127.0.0.1:${port}`, smscPort: partners.smsc.port, trustAnchor, postIdIssuer: partners.postId.issuer })}\n`,
);

let stopping = false;
const stop = async () => {
  await app.close();
  await partners.close();
  await database.close();
};
const onSignal = () => {
  if (stopping) return;
  stopping = true;
  void stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `stopping the simulators failed: ${error instanceof Error ? error.message : error}\n`,
      );
      process.exit(1);
    },
  );
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
