/**
 * The one typed configuration of the system, read from the environment (api.md "Running").
 * Dev mode fills secrets from DATA_DIR (generated once) and turns the simulators on; production mode
 * refuses to start, naming each missing or forbidden setting.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { CARRIER_IDS, type CarrierId } from '../domain/carriers.ts';
import { type MsspConfig, readMsspConfig } from './mssp-config.ts';
import { type OidcConfig, readOidcConfig } from './oidc-config.ts';
import { type PostIdConfig, readPostIdConfig } from './postid-config.ts';
import { type RemoteSigningConfig, readRemoteSigningConfig } from './remote-signing-config.ts';

export type Mode = 'dev' | 'production';

export interface CarrierEndpoint {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  logLevel: string;
  /** Public name of the portal in SMS texts and page headers. */
  portalName: string;
  /** The speech synthesiser of the audio captcha (Debian's espeak-ng); missing: no audio, the helpline instead. */
  captchaSpeechCommand: string;
  /** Per-IP limits (generous: carrier-grade NAT puts many citizens behind one address). */
  perIpLimits: { registrationStartsPer10Minutes: number; captchasPer10Minutes: number };
  secrets: {
    /** HMAC key for OTP hashes, blind indexes of personal data and rate-limit keys. */
    hmacKey: Buffer;
    /** AES-256-GCM key for personal data at rest, with its id (stored beside each ciphertext for rotation). */
    dataKey: { id: string; key: Buffer };
    /** AES-256-GCM key for cookies the browser carries sealed (the flash): kept apart from the data key. */
    cookieKey: Buffer;
  };
  http: HttpEdgeConfig;
  /** GET /metrics: needs `Authorization: Bearer <token>` when a token is set; off in production without one. */
  metrics: { exposed: boolean; token: string | undefined };
  /** Built-in simulators (carrier network, SMS centre, virtual phones): dev only. */
  simulators: { enabled: boolean; smscPort: number; devSecret: string | undefined };
  sms: {
    host: string;
    port: number;
    systemId: string;
    password: string;
    sourceAddr: string;
    sendRatePerSecond: number;
  };
  carriers: {
    /** Number-portability lookup; in dev mode, when unset, the built-in network on this server. */
    mnpBaseUrl: string | undefined;
    /** Per carrier; in dev mode the unset ones point at the built-in network once the server knows its port. */
    endpoints: Partial<Record<CarrierId, CarrierEndpoint>>;
    timeoutMs: number;
  };
  /** The population registry's data-sharing API; in dev mode, when unset, the built-in simulator. */
  population: { baseUrl: string | undefined; apiKey: string | undefined; timeoutMs: number };
  /** Vietnam Social Security's record-match API; in dev mode, when unset, the built-in simulator. */
  socialInsurance: {
    baseUrl: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    timeoutMs: number;
  };
  /** The business registry's look-up API (organisations); in dev mode, when unset, the built-in simulator. */
  businessRegistry: {
    baseUrl: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    timeoutMs: number;
  };
  /** The OpenID Provider of the hub (oidc-config.ts). */
  oidc: OidcConfig;
  /** Vietnam Post's PostID, which the hub federates (postid-config.ts). */
  postId: PostIdConfig;
  /** The mobile-signature service of the SIM signature (mssp-config.ts). */
  mobileSignature: MsspConfig;
  /** The remote-signing services of the remote signature (remote-signing-config.ts). */
  remoteSigning: RemoteSigningConfig;
  /** Where the USB-token pages reach the citizen's local signing agent (src/simulators/signing-agent in dev). */
  signingAgent: { url: string };
  /** The signature pipeline (src/usecases/signatures/): trust anchors, revocation calls, challenges per IP. */
  signatures: SignaturesConfig;
}

/**
 * Who may tell the portal a client's address through X-Forwarded-For: nobody (false) or the proxies listed by
 * address/CIDR (a comma-separated string, as Fastify takes it). `true` (trust any peer) is dev mode only.
 */
export type TrustProxy = boolean | string;

export interface HttpEdgeConfig {
  trustProxy: TrustProxy;
  /** Whole request line and headers must arrive within this (slow-loris headers). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (slow-loris bodies). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this; keep it above the load balancer's idle timeout. */
  keepAliveTimeoutMs: number;
}

/** Short enough to shed slow-loris clients, long enough for a citizen on a slow mobile network. */
export const DEFAULT_HTTP_TIMEOUTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Above the usual 60 s idle timeout of load balancers, so they never reuse a connection the portal closed.
  keepAliveTimeoutMs: 72_000,
} as const;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const mode: Mode = env.NODE_ENV === 'production' ? 'production' : 'dev';
  const problems: string[] = [];
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = parsePort(env.PORT ?? '3000', 'PORT', problems);
  const devSecrets = mode === 'dev' ? loadOrCreateDevSecrets(dataDir) : undefined;

  const secret = (name: string, devValue: string | undefined): Buffer => {
    const value = env[name] ?? devValue;
    if (!value) {
      problems.push(`${name} is missing: 32 random bytes, base64 (e.g. \`openssl rand -base64 32\`)`);
      return Buffer.alloc(32);
    }
    const key = Buffer.from(value, 'base64');
    if (key.length < 32) problems.push(`${name} must be at least 32 bytes of base64`);
    return key;
  };
  const required = (name: string, devValue: string): string => {
    const value = env[name] ?? (mode === 'dev' ? devValue : undefined);
    if (!value) problems.push(`${name} is missing`);
    return value ?? '';
  };

  const simulatorsOn = (env.SIMULATORS ?? (mode === 'dev' ? 'on' : 'off')) === 'on';
  if (mode === 'production') {
    if (simulatorsOn) problems.push('SIMULATORS=on is a dev-only switch and must be off in production');
    if (!env.DATABASE_URL) problems.push('DATABASE_URL is missing: production needs PostgreSQL');
    if (!env.REDIS_URL)
      problems.push('REDIS_URL is missing: production needs Redis shared by all portal processes');
  }

  const smscPort = parsePort(env.SMSC_PORT ?? '2775', 'SMSC_PORT', problems);
  const config: Config = {
    mode,
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? 'portal:',
    logLevel: env.LOG_LEVEL ?? 'info',
    portalName: env.PORTAL_NAME ?? 'DVCQG',
    captchaSpeechCommand: env.CAPTCHA_SPEECH_COMMAND || 'espeak-ng',
    perIpLimits: {
      registrationStartsPer10Minutes: parseCount(
        env.LIMIT_STARTS_PER_IP ?? '300',
        'LIMIT_STARTS_PER_IP',
        problems,
      ),
      captchasPer10Minutes: parseCount(env.LIMIT_CAPTCHAS_PER_IP ?? '600', 'LIMIT_CAPTCHAS_PER_IP', problems),
    },
    http: readHttpEdge(env, mode, problems),
    metrics: readMetrics(env, mode),
    secrets: {
      hmacKey: secret('HMAC_KEY', devSecrets?.hmacKey),
      dataKey: { id: env.DATA_KEY_ID ?? 'k1', key: secret('DATA_KEY', devSecrets?.dataKey) },
      cookieKey: secret('COOKIE_SECRET', devSecrets?.cookieKey),
    },
    simulators: { enabled: simulatorsOn, smscPort, devSecret: devSecrets?.simulatorSecret },
    sms: {
      host: required('SMPP_HOST', '127.0.0.1'),
      port: parsePort(env.SMPP_PORT ?? String(smscPort), 'SMPP_PORT', problems),
      systemId: required('SMPP_SYSTEM_ID', 'portal'),
      password: required('SMPP_PASSWORD', devSecrets?.smppPassword ?? ''),
      sourceAddr: env.SMS_SOURCE_ADDR ?? 'DVCQG',
      sendRatePerSecond: parseCount(env.SMS_RATE_PER_SECOND ?? '200', 'SMS_RATE_PER_SECOND', problems),
    },
    carriers: {
      mnpBaseUrl: env.MNP_URL || (mode === 'production' ? required('MNP_URL', '') : undefined),
      endpoints: readCarrierEndpoints(env, mode, problems),
      timeoutMs: parseCount(env.CARRIER_TIMEOUT_MS ?? '2000', 'CARRIER_TIMEOUT_MS', problems),
    },
    ...readRegistries(env, mode, problems),
    signingAgent: { url: readSigningAgentUrl(env, mode, port, problems) },
    signatures: readSignatures(env, mode, problems),
    postId: readPostIdConfig(env, mode, problems, (name, fallback) =>
      parseTimeout(env, name, fallback, problems),
    ),
    mobileSignature: readMsspConfig(env, mode, problems, (name, fallback) =>
      parseTimeout(env, name, fallback, problems),
    ),
    remoteSigning: readRemoteSigningConfig(env, problems, (name, fallback) =>
      parseTimeout(env, name, fallback, problems),
    ),
    oidc: readOidcConfig({
      env,
      mode,
      port,
      dataDir,
      devClientSecrets: devSecrets && {
        national: devSecrets.nationalClientSecret,
        mps: devSecrets.mpsClientSecret,
      },
      problems,
    }),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * SIGNING_AGENT_URL: the agent runs on the citizen's computer, so this is an address on their loopback, the
 * same for every citizen. Default: where the simulator listens (SIGNING_AGENT_PORT, else PORT+4; 3004 in
 * production, the simulator's own default). Production pages are served over https: the agent must be wss.
 */
function readSigningAgentUrl(env: Env, mode: Mode, port: number, problems: string[]): string {
  const agentPort = env.SIGNING_AGENT_PORT ?? String(mode === 'dev' ? port + 4 : 3004);
  const value = env.SIGNING_AGENT_URL || `wss://127.0.0.1:${agentPort}/plugin`;
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {}
  if (protocol !== 'wss:' && !(protocol === 'ws:' && mode === 'dev'))
    problems.push(`SIGNING_AGENT_URL must be a wss:// URL, got "${value}"`);
  return value;
}

/** CARRIER_<ID>_URL, _CLIENT_ID, _CLIENT_SECRET; all of them for every carrier in production. */
function readCarrierEndpoints(env: Env, mode: Mode, problems: string[]) {
  const endpoints: Partial<Record<CarrierId, CarrierEndpoint>> = {};
  for (const id of CARRIER_IDS) {
    const prefix = `CARRIER_${id.toUpperCase()}`;
    const baseUrl = env[`${prefix}_URL`];
    const clientId = env[`${prefix}_CLIENT_ID`];
    const clientSecret = env[`${prefix}_CLIENT_SECRET`];
    if (baseUrl && clientId && clientSecret) endpoints[id] = { baseUrl, clientId, clientSecret };
    else if (mode === 'production')
      problems.push(`${prefix}_URL, ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET are missing`);
  }
  return endpoints;
}

/**
 * POPULATION_*, SOCIAL_INSURANCE_* and BUSINESS_REGISTRY_*: URL and credentials may be unset in dev mode (the
 * built-in simulators stand in), never in production.
 */
function readRegistries(
  env: Env,
  mode: Mode,
  problems: string[],
): Pick<Config, 'population' | 'socialInsurance' | 'businessRegistry'> {
  const setting = (name: string) => {
    const value = env[name] || undefined;
    if (!value && mode === 'production') problems.push(`${name} is missing`);
    return value;
  };
  const url = (name: string) => {
    const value = setting(name);
    if (value !== undefined && !isHttpUrl(value))
      problems.push(`${name} must be an http(s) URL, got "${value}"`);
    return value;
  };
  const timeout = (name: string, fallback: number) => parseTimeout(env, name, fallback, problems);
  return {
    population: {
      baseUrl: url('POPULATION_BASE_URL'),
      apiKey: setting('POPULATION_API_KEY'),
      timeoutMs: timeout('POPULATION_TIMEOUT_MS', 2000),
    },
    socialInsurance: {
      baseUrl: url('SOCIAL_INSURANCE_BASE_URL'),
      clientId: setting('SOCIAL_INSURANCE_CLIENT_ID'),
      clientSecret: setting('SOCIAL_INSURANCE_CLIENT_SECRET'),
      timeoutMs: timeout('SOCIAL_INSURANCE_TIMEOUT_MS', 3000),
    },
    businessRegistry: {
      baseUrl: url('BUSINESS_REGISTRY_BASE_URL'),
      clientId: setting('BUSINESS_REGISTRY_CLIENT_ID'),
      clientSecret: setting('BUSINESS_REGISTRY_CLIENT_SECRET'),
      timeoutMs: timeout('BUSINESS_REGISTRY_TIMEOUT_MS', 3000),
    },
  };
}

export interface SignaturesConfig {
  /** TRUST_ANCHORS: the PEM files read (production: the national root CA and the government root CA). */
  trustAnchorFiles: string[];
  /** Their contents, read at start; empty in dev without TRUST_ANCHORS (the test PKI's root stands in). */
  trustAnchorsPem: string[];
  /** Per call to an OCSP responder or CRL distribution point. */
  revocationTimeoutMs: number;
  challengesPer10Minutes: number;
}

/**
 * TRUST_ANCHORS (comma-separated paths of PEM files), REVOCATION_TIMEOUT_MS, LIMIT_CHALLENGES_PER_IP.
 * Production refuses to start without trust anchors: with none, no certificate could ever be accepted.
 */
function readSignatures(env: Env, mode: Mode, problems: string[]): SignaturesConfig {
  const trustAnchorFiles = (env.TRUST_ANCHORS ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
  if (trustAnchorFiles.length === 0 && mode === 'production')
    problems.push(
      'TRUST_ANCHORS is missing: the PEM files of the trusted root CAs (the national root CA and the government root CA), comma-separated',
    );
  const trustAnchorsPem: string[] = [];
  for (const file of trustAnchorFiles) {
    try {
      const pem = readFileSync(resolve(file), 'utf8');
      if (!pem.includes('-----BEGIN CERTIFICATE-----'))
        problems.push(`TRUST_ANCHORS: ${file} holds no PEM certificate`);
      else trustAnchorsPem.push(pem);
    } catch {
      problems.push(`TRUST_ANCHORS: ${file} cannot be read`);
    }
  }
  return {
    trustAnchorFiles,
    trustAnchorsPem,
    revocationTimeoutMs: parseTimeout(env, 'REVOCATION_TIMEOUT_MS', 2000, problems),
    challengesPer10Minutes: parseCount(
      env.LIMIT_CHALLENGES_PER_IP ?? '600',
      'LIMIT_CHALLENGES_PER_IP',
      problems,
    ),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function readHttpEdge(env: Env, mode: Mode, problems: string[]): HttpEdgeConfig {
  const timeout = (name: string, fallback: number) => parseTimeout(env, name, fallback, problems);
  const headersTimeoutMs = timeout('HTTP_HEADERS_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs);
  const requestTimeoutMs = timeout('HTTP_REQUEST_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs);
  const keepAliveTimeoutMs = timeout('HTTP_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs);
  // Node refuses a server whose headers may take longer than the whole request.
  if (requestTimeoutMs > 0 && headersTimeoutMs > requestTimeoutMs)
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  return {
    trustProxy: parseTrustProxy(env.TRUST_PROXY ?? '', mode, problems),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs,
  };
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const TRUST_EVERYONE = new Set(['true', '*', '0.0.0.0/0', '::/0']);

/** TRUST_PROXY: `off` (default) or a comma-separated list of proxy addresses, CIDRs or proxy-addr ranges. */
function parseTrustProxy(raw: string, mode: Mode, problems: string[]): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'off' || value === 'false') return false;
  // Fastify 5 no longer honours hop counts (it cannot check the peer is a proxy): refuse rather than ignore.
  if (/^\d+$/.test(value)) {
    problems.push(
      `TRUST_PROXY must list the proxies' addresses or CIDRs; a hop count ("${raw}") is not supported`,
    );
    return false;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => TRUST_EVERYONE.has(entry))) {
    if (mode === 'dev' && value === 'true') return true;
    // Anyone could then choose the address the per-IP limits count them under.
    problems.push(`TRUST_PROXY="${raw}" trusts every peer; list the load balancer's addresses or CIDRs`);
    return false;
  }
  const malformed = entries.filter((entry) => !NAMED_RANGES.has(entry) && !isAddressOrCidr(entry));
  if (malformed.length > 0) {
    problems.push(`TRUST_PROXY must be off or a comma-separated list of IP addresses/CIDRs, got "${raw}"`);
    return false;
  }
  return entries.join(',');
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function readMetrics(env: Env, mode: Mode): Config['metrics'] {
  const token = env.METRICS_TOKEN || undefined;
  // Metrics reveal traffic and funnel figures: public only in dev, unless a scraper presents the token.
  return { exposed: token !== undefined || mode === 'dev', token };
}

/** A whole non-negative number; a typo must stop the start, never become NaN or a silent default. */
function parseCount(raw: string, name: string, problems: string[]): number {
  const value = raw.trim();
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count)) {
    problems.push(`${name} must be a whole number, got "${raw}"`);
    return 0;
  }
  return count;
}

/** A whole number of milliseconds above 0: 0 would mean no timeout at all. */
function parseTimeout(env: Env, name: string, fallback: number, problems: string[]): number {
  const known = problems.length;
  const ms = parseCount(env[name] ?? String(fallback), name, problems);
  if (ms === 0 && problems.length === known)
    problems.push(`${name} must be more than 0 (0 would disable the timeout)`);
  return ms;
}

function parsePort(raw: string, name: string, problems: string[]): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`${name} must be a port number, got "${raw}"`);
  return port;
}

const randomKey = () => randomBytes(32).toString('base64');

const DEV_SECRET_MAKERS = {
  hmacKey: randomKey,
  dataKey: randomKey,
  cookieKey: randomKey,
  smppPassword: () => randomBytes(6).toString('base64url').slice(0, 8),
  simulatorSecret: randomKey,
  // The dev portals' OpenID client secrets (oidc-config.ts): `npm start` hands them to the portal processes.
  nationalClientSecret: () => randomBytes(24).toString('base64url'),
  mpsClientSecret: () => randomBytes(24).toString('base64url'),
};

type DevSecrets = Record<keyof typeof DEV_SECRET_MAKERS, string>;

/**
 * Dev secrets are made once per DATA_DIR, so restarts keep reading the data they encrypted. A secret that
 * a newer version needs is added to an older file, leaving the others as they were.
 */
function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'dev-secrets.json');
  const stored = readDevSecrets(file);
  const names = Object.keys(DEV_SECRET_MAKERS) as Array<keyof DevSecrets>;
  const missing = names.filter((name) => typeof stored[name] !== 'string');
  const secrets = { ...stored } as DevSecrets;
  if (missing.length === 0) return secrets;
  for (const name of missing) secrets[name] = DEV_SECRET_MAKERS[name]();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function readDevSecrets(file: string): Partial<Record<keyof DevSecrets, unknown>> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) ?? {};
  } catch {
    return {};
  }
}
