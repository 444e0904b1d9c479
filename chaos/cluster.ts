/**
 * The production picture on one machine, all on 127.0.0.1 and all the suite's own: PostgreSQL, Redis,
 * the simulators in their own process (their registries on PGlite, so database faults hit the portal
 * only), toxic proxies in front of the carriers' HTTP, the population and social-insurance registries and
 * the SMS centre, two portal processes in production mode, and the round-robin load balancer in front.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess } from '../bench/processes.ts';
import { devBusinessRegistryClients } from '../src/simulators/business-registry/index.ts';
import { devCarrierClients } from '../src/simulators/carrier-network/index.ts';
import { devMsspApplicationProvider } from '../src/simulators/mssp/index.ts';
import { devPopulationClients } from '../src/simulators/population/index.ts';
import { devPostIdClient } from '../src/simulators/postid/index.ts';
import { devRemoteSigningClients } from '../src/simulators/remote-signing/index.ts';
import { devSocialInsuranceClients } from '../src/simulators/social-insurance/index.ts';
import { throwawayOidcEnv } from '../test/support/oidc-env.ts';
import { killOnCleanup, onCleanup, removeOnCleanup } from './cleanup.ts';
import { send } from './http.ts';
import {
  type Backend,
  type LoadBalancer,
  startLoadBalancer,
  startToxicProxy,
  type ToxicProxy,
} from './proxy.ts';
import { type OwnPostgres, type OwnRedis, startOwnPostgres, startOwnRedis } from './servers.ts';

export const METRICS_TOKEN = 'chaos-metrics';
export const LIMITS = { startsPerIp: 40, captchasPerIp: 80 };
export const CARRIER_TIMEOUT_MS = 2000;
/** The portals' per-call timeouts for the registries (the configuration's defaults, set so the suite knows). */
export const REGISTRY_TIMEOUT_MS = { population: 2000, socialInsurance: 3000, businessRegistry: 3000 };
/** The portals' per-call timeout for OCSP responders and CRL distribution points (the configuration's default). */
export const REVOCATION_TIMEOUT_MS = 2000;
/** The portals' timeout per call to the mobile-signature service (SOAP). */
export const MSSP_TIMEOUT_MS = 2000;
/** REMOTE_SIGNING_TIMEOUT_MS of the portals: each call to a remote-signing service (CSC API). */
export const REMOTE_SIGNING_TIMEOUT_MS = 2000;
/** POSTID_TIMEOUT_MS of the portals: each call to PostID (discovery, token, userinfo). */
export const POSTID_TIMEOUT_MS = 2000;
/**
 * The hub's public URL as the portals and PostID know it (PUBLIC_URL; the redirect URI is this + /vnpost/callback).
 * Nothing listens there: the load takes the callback's path and query to the balancer, as a browser would to the
 * hub's one public address.
 */
export const HUB_PUBLIC_URL = 'http://127.0.0.1';
/**
 * People in the simulators' population and social-insurance registries: enough that the registrations by
 * social insurance and on an old CMND of a full run never use anyone twice.
 */
export const POPULATION_SIZE = 20_000;
/** The registries' outage switches in the simulators' dev API (their READMEs). */
const REGISTRY_OUTAGE_PATHS = {
  population: '/sim/population/outage',
  socialInsurance: '/sim/social-insurance/outage',
  businessRegistry: '/sim/business-registry/outage',
};
export type RegistryName = keyof typeof REGISTRY_OUTAGE_PATHS;

export interface Portal {
  name: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  /** kill -9, as a crashed machine or the OOM killer would. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

export interface Cluster {
  postgres: OwnPostgres;
  redis: OwnRedis;
  redisPrefix: string;
  hmacKey: Buffer;
  simUrl: string;
  carriers: ToxicProxy;
  /** One proxy per registry, so a fault hits one partner only. */
  registries: Record<RegistryName, ToxicProxy>;
  smsc: ToxicProxy;
  portals: Portal[];
  lb: LoadBalancer;
  lbUrl: string;
  outputDir: string;
  readyMs(): Promise<number>;
  /** Lines of the portals' logs that say "unhandled error", since the last call. */
  newUnhandledErrors(): string[];
  setCarrierOutage(carrier: string, down: boolean): Promise<void>;
  setRegistryOutage(registry: RegistryName, down: boolean): Promise<void>;
  /** The test PKI's switches: OCSP only, or the whole CA (OCSP and CRL); latency on every OCSP/CRL answer. */
  setCaOutage(scope: 'ocsp' | 'ca', down: boolean): Promise<void>;
  setCaLatency(ms: number): Promise<void>;
  /** The remote-signing services' switches (both providers): outage, and latency on every CSC answer. */
  setRemoteSigningOutage(down: boolean): Promise<void>;
  setRemoteSigningLatency(ms: number): Promise<void>;
  /** The MSSP's switches: outage (its SOAP ports answer 503), and latency on every SOAP answer. */
  setMsspOutage(down: boolean): Promise<void>;
  setMsspLatency(ms: number): Promise<void>;
  /** PostID's issuer (its own port in the simulators' process). */
  postIdIssuer: string;
  /** PostID's switches: outage (every page and endpoint answers 503), and latency on every answer. */
  setPostIdOutage(down: boolean): Promise<void>;
  setPostIdLatency(ms: number): Promise<void>;
}

export async function startCluster(outputDir: string): Promise<Cluster> {
  const postgres = await startOwnPostgres();
  const redis = await startOwnRedis();
  const simDir = mkdtempSync(join(tmpdir(), 'chaos-sims-'));
  removeOnCleanup('simulators data dir', simDir);
  const secret = randomBytes(16).toString('hex');
  const smppPassword = randomBytes(6).toString('hex');
  const smscPort = await freePort();
  const sims = await startProcess(
    'src/simulators/main.ts',
    {
      DATA_DIR: simDir,
      DATABASE_URL: '',
      SIM_PORT: '0',
      SMSC_PORT: String(smscPort),
      SIM_SECRET: secret,
      SMPP_SYSTEM_ID: 'portal',
      SMPP_PASSWORD: smppPassword,
      SIM_POPULATION_SIZE: String(POPULATION_SIZE),
      POSTID_PORT: '0',
      POSTID_HUB_URL: HUB_PUBLIC_URL,
    },
    'simulators',
  );
  killOnCleanup('simulators', sims.child);
  const simUrl = String(sims.line.url);
  const simPort = Number(new URL(simUrl).port);
  const carriers = await startToxicProxy(simPort);
  const registries: Record<RegistryName, ToxicProxy> = {
    population: await startToxicProxy(simPort),
    socialInsurance: await startToxicProxy(simPort),
    businessRegistry: await startToxicProxy(simPort),
  };
  const smsc = await startToxicProxy(smscPort);
  onCleanup({
    label: 'toxic proxies',
    sync: () => {},
    async: async () => {
      for (const proxy of [carriers, ...Object.values(registries), smsc]) await proxy.close();
    },
  });
  const carriersUrl = `http://127.0.0.1:${carriers.port}`;
  const carrierEnv: Record<string, string> = {};
  for (const [id, client] of Object.entries(devCarrierClients(secret))) {
    const key = `CARRIER_${id.toUpperCase()}`;
    carrierEnv[`${key}_URL`] = `${carriersUrl}/carriers/${id}`;
    carrierEnv[`${key}_CLIENT_ID`] = client.clientId;
    carrierEnv[`${key}_CLIENT_SECRET`] = client.clientSecret;
  }
  const [populationClient] = devPopulationClients(secret);
  const [insuranceClient] = devSocialInsuranceClients(secret);
  const [businessClient] = devBusinessRegistryClients(secret);
  const msspAp = devMsspApplicationProvider(secret);
  const remoteClients = devRemoteSigningClients(secret);
  const postIdClient = devPostIdClient(secret);
  const postIdIssuer = String(sims.line.postIdIssuer);
  const hmacKey = randomBytes(32);
  const redisPrefix = `chaos:${randomBytes(3).toString('hex')}:`;
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redisPrefix,
    HMAC_KEY: hmacKey.toString('base64'),
    DATA_KEY: randomBytes(32).toString('base64'),
    // One key for every portal process: a flash set by one is read by another.
    COOKIE_SECRET: randomBytes(32).toString('base64'),
    SMPP_HOST: '127.0.0.1',
    SMPP_PORT: String(smsc.port),
    SMPP_SYSTEM_ID: 'portal',
    SMPP_PASSWORD: smppPassword,
    SMS_RATE_PER_SECOND: '2000',
    MNP_URL: `${carriersUrl}/mnp/v1`,
    CARRIER_TIMEOUT_MS: String(CARRIER_TIMEOUT_MS),
    POPULATION_BASE_URL: `http://127.0.0.1:${registries.population.port}/population/v1`,
    POPULATION_API_KEY: populationClient!.apiKey,
    POPULATION_TIMEOUT_MS: String(REGISTRY_TIMEOUT_MS.population),
    SOCIAL_INSURANCE_BASE_URL: `http://127.0.0.1:${registries.socialInsurance.port}/vss/v1`,
    SOCIAL_INSURANCE_CLIENT_ID: insuranceClient!.clientId,
    SOCIAL_INSURANCE_CLIENT_SECRET: insuranceClient!.clientSecret,
    SOCIAL_INSURANCE_TIMEOUT_MS: String(REGISTRY_TIMEOUT_MS.socialInsurance),
    BUSINESS_REGISTRY_BASE_URL: `http://127.0.0.1:${registries.businessRegistry.port}/business-registry/v1`,
    BUSINESS_REGISTRY_CLIENT_ID: businessClient!.clientId,
    BUSINESS_REGISTRY_CLIENT_SECRET: businessClient!.clientSecret,
    BUSINESS_REGISTRY_TIMEOUT_MS: String(REGISTRY_TIMEOUT_MS.businessRegistry),
    // The simulators' MSSP (SIM signature): its SOAP ports and WSDL on the simulators' server.
    MSSP_WSDL_URL: `${simUrl}/mssp/wsdl/mssp.wsdl`,
    MSSP_AP_ID: msspAp.apId,
    MSSP_AP_PWD: msspAp.apPwd,
    MSSP_TIMEOUT_MS: String(MSSP_TIMEOUT_MS),
    // The simulators' remote-signing services (remote signature): CSC API v2 under /rssp/{provider}.
    REMOTE_SIGNING_SMARTCA_URL: `${simUrl}/rssp/smartca`,
    REMOTE_SIGNING_SMARTCA_CLIENT_ID: remoteClients.smartca.clientId,
    REMOTE_SIGNING_SMARTCA_CLIENT_SECRET: remoteClients.smartca.clientSecret,
    REMOTE_SIGNING_MYSIGN_URL: `${simUrl}/rssp/mysign`,
    REMOTE_SIGNING_MYSIGN_CLIENT_ID: remoteClients.mysign.clientId,
    REMOTE_SIGNING_MYSIGN_CLIENT_SECRET: remoteClients.mysign.clientSecret,
    REMOTE_SIGNING_TIMEOUT_MS: String(REMOTE_SIGNING_TIMEOUT_MS),
    // The simulators' PostID (Vietnam Post): its own OpenID Provider, discovered at its issuer.
    POSTID_ISSUER: postIdIssuer,
    POSTID_CLIENT_ID: postIdClient.clientId,
    POSTID_CLIENT_SECRET: postIdClient.clientSecret,
    POSTID_TIMEOUT_MS: String(POSTID_TIMEOUT_MS),
    // The simulators' test PKI: its root is the portals' trust anchor, its OCSP and CRL on the simulators' server.
    TRUST_ANCHORS: String(sims.line.trustAnchor),
    REVOCATION_TIMEOUT_MS: String(REVOCATION_TIMEOUT_MS),
    LIMIT_STARTS_PER_IP: String(LIMITS.startsPerIp),
    LIMIT_CAPTCHAS_PER_IP: String(LIMITS.captchasPerIp),
    METRICS_TOKEN,
    // The balancer is the only peer the portals should believe about the client's address.
    TRUST_PROXY: '127.0.0.1',
    ...carrierEnv,
    // The hub's OpenID Provider; the chaos phases do not sign in through it (yet).
    ...throwawayOidcEnv(HUB_PUBLIC_URL),
  };
  const ports = [await freePort(), await freePort()];
  const portals = await Promise.all(
    ['a', 'b'].map((name, i) => startPortal(name, ports[i]!, env, outputDir)),
  );
  const backends: Backend[] = portals.map((p) => ({ name: p.name, port: p.port, healthy: true }));
  const lb = await startLoadBalancer(backends);
  onCleanup({ label: 'load balancer', sync: () => {}, async: () => lb.close() });

  const logOffsets = new Map<string, number>();
  return {
    postgres,
    redis,
    redisPrefix,
    hmacKey,
    simUrl,
    carriers,
    registries,
    smsc,
    portals,
    lb,
    lbUrl: `http://127.0.0.1:${lb.port}`,
    outputDir,
    async readyMs() {
      const started = Date.now();
      await waitUntilReady(
        portals.map((p) => p.port),
        120_000,
      );
      return Date.now() - started;
    },
    newUnhandledErrors() {
      const lines: string[] = [];
      for (const portal of portals) {
        const from = logOffsets.get(portal.logFile) ?? 0;
        const size = statSync(portal.logFile).size;
        const text = readFileSync(portal.logFile, 'utf8').slice(from);
        logOffsets.set(portal.logFile, size);
        for (const line of text.split('\n'))
          if (line.includes('"unhandled error"')) lines.push(`${portal.name}: ${line.slice(0, 300)}`);
      }
      return lines;
    },
    setCarrierOutage: (carrier, down) => switchOutage(`${simUrl}/sim/carriers/${carrier}/outage`, down),
    setRegistryOutage: (registry, down) => switchOutage(`${simUrl}${REGISTRY_OUTAGE_PATHS[registry]}`, down),
    setCaOutage: (scope, down) =>
      switchOutage(`${simUrl}${scope === 'ocsp' ? '/sim/ca/ocsp/outage' : '/sim/ca/outage'}`, down),
    async setCaLatency(ms) {
      const answer = await send(`${simUrl}/sim/ca/latency`, 'POST', { body: { ms } });
      if (answer.status !== 200) throw new Error(`CA latency switch answered ${answer.status}`);
    },
    setRemoteSigningOutage: (down) => switchOutage(`${simUrl}/sim/remote-signing/outage`, down),
    async setRemoteSigningLatency(ms) {
      const answer = await send(`${simUrl}/sim/remote-signing/latency`, 'POST', { body: { ms } });
      if (answer.status !== 200) throw new Error(`remote-signing latency switch answered ${answer.status}`);
    },
    setMsspOutage: (down) => switchOutage(`${simUrl}/sim/mssp/outage`, down),
    async setMsspLatency(ms) {
      const answer = await send(`${simUrl}/sim/mssp/latency`, 'POST', { body: { ms } });
      if (answer.status !== 200) throw new Error(`MSSP latency switch answered ${answer.status}`);
    },
    postIdIssuer,
    setPostIdOutage: (down) => switchOutage(`${simUrl}/sim/postid/outage`, down),
    async setPostIdLatency(ms) {
      const answer = await send(`${simUrl}/sim/postid/latency`, 'POST', { body: { ms } });
      if (answer.status !== 200) throw new Error(`PostID latency switch answered ${answer.status}`);
    },
  };
}

/** A simulator's outage switch, thrown on anything but a 200: a fault that did not happen tests nothing. */
async function switchOutage(url: string, down: boolean): Promise<void> {
  const answer = await send(url, 'POST', { body: { down } });
  if (answer.status !== 200) throw new Error(`outage switch ${url} answered ${answer.status}`);
}

async function startPortal(
  name: string,
  port: number,
  env: Record<string, string>,
  outputDir: string,
): Promise<Portal> {
  const logFile = join(outputDir, `portal-${name}.log`);
  const portal: Portal = {
    name,
    port,
    logFile,
    child: undefined as unknown as ChildProcess,
    async kill() {
      const child = portal.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    async start() {
      const log = openSync(logFile, 'a');
      portal.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: { ...process.env, ...env, PORT: String(port) },
        stdio: ['ignore', log, log],
      });
      killOnCleanup(`portal ${name}`, portal.child);
      await waitUntilReady([port], 120_000, portal.child);
    },
  };
  onCleanup({
    label: `portal ${name} (graceful)`,
    sync: () => portal.child?.kill('SIGKILL'),
    async: async () => {
      const child = portal.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(late);
    },
  });
  await portal.start();
  return portal;
}

async function waitUntilReady(ports: number[], timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(ports);
  while (pending.size > 0) {
    if (child && child.exitCode !== null)
      throw new Error(`a portal exited with ${child.exitCode} while starting`);
    if (Date.now() > deadline)
      throw new Error(`not ready after ${timeoutMs} ms: ports ${[...pending].join(', ')}`);
    for (const port of [...pending]) {
      const answer = await send(`http://127.0.0.1:${port}/readyz`, 'GET', { timeoutMs: 2000 });
      if (answer.status === 200) pending.delete(port);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Event-loop lag p99 (ms) and RSS (MB) of a running portal, from its /metrics; undefined if it is down. */
export async function portalVitals(port: number): Promise<{ lagMs: number; rssMb: number } | undefined> {
  const answer = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    signal: AbortSignal.timeout(3000),
  }).catch(() => undefined);
  if (!answer?.ok) return undefined;
  const text = await answer.text();
  const metric = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    lagMs: Math.round(metric('nodejs_eventloop_lag_p99_seconds') * 1000 * 10) / 10,
    rssMb: Math.round(metric('process_resident_memory_bytes') / 1048576),
  };
}
