/**
 * The one typed configuration of the system, read from the environment (api.md "Running"), whose variables are
 * declared in one schema (environment.ts). Dev mode fills secrets from DATA_DIR (generated once) and turns the
 * simulators on; production mode refuses to start, naming each missing or forbidden setting.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { CARRIER_IDS, type CarrierId } from '../domain/carriers.ts';
import { type Mode, readEnvironment, type Values } from './environment.ts';
import { type MsspConfig, readMsspConfig } from './mssp-config.ts';
import { type OidcConfig, readOidcConfig } from './oidc-config.ts';
import { type PostIdConfig, readPostIdConfig } from './postid-config.ts';
import { type RemoteSigningConfig, readRemoteSigningConfig } from './remote-signing-config.ts';

export type { Mode } from './environment.ts';

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
  simulators: {
    enabled: boolean;
    smscPort: number;
    /** PostID's own port: POSTID_PORT, else PORT+3 (0, any free port, when PORT is 0). */
    postIdPort: number;
    devSecret: string | undefined;
  };
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

/**
 * The environment's values come from its schema (environment.ts), which names every malformed or missing one;
 * what needs more than one value, a file or the dev secrets is read here. All problems are reported together.
 */
export function loadConfig(env: Env = process.env): Config {
  const { mode, values, problems } = readEnvironment(env);
  const dataDir = resolve(values.DATA_DIR);
  const port = values.PORT;
  const devSecrets = mode === 'dev' ? loadOrCreateDevSecrets(dataDir) : undefined;
  // In dev an unset key is the one generated into DATA_DIR; production has named it missing.
  const key = (value: Buffer | undefined, devValue: string | undefined) =>
    value ?? (devValue ? Buffer.from(devValue, 'base64') : Buffer.alloc(32));

  const config: Config = {
    mode,
    host: values.HOST,
    port,
    dataDir,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    logLevel: values.LOG_LEVEL,
    portalName: values.PORTAL_NAME,
    captchaSpeechCommand: values.CAPTCHA_SPEECH_COMMAND,
    perIpLimits: {
      registrationStartsPer10Minutes: values.LIMIT_STARTS_PER_IP,
      captchasPer10Minutes: values.LIMIT_CAPTCHAS_PER_IP,
    },
    http: readHttpEdge(values, mode, problems),
    // Metrics reveal traffic and funnel figures: public only in dev, unless a scraper presents the token.
    metrics: { exposed: values.METRICS_TOKEN !== undefined || mode === 'dev', token: values.METRICS_TOKEN },
    secrets: {
      hmacKey: key(values.HMAC_KEY, devSecrets?.hmacKey),
      dataKey: { id: values.DATA_KEY_ID, key: key(values.DATA_KEY, devSecrets?.dataKey) },
      cookieKey: key(values.COOKIE_SECRET, devSecrets?.cookieKey),
    },
    simulators: {
      enabled: values.SIMULATORS === 'on',
      smscPort: values.SMSC_PORT,
      postIdPort: values.POSTID_PORT ?? (port === 0 ? 0 : port + 3),
      devSecret: devSecrets?.simulatorSecret,
    },
    sms: {
      host: values.SMPP_HOST ?? '',
      port: values.SMPP_PORT ?? values.SMSC_PORT,
      systemId: values.SMPP_SYSTEM_ID ?? '',
      password: values.SMPP_PASSWORD ?? devSecrets?.smppPassword ?? '',
      sourceAddr: values.SMS_SOURCE_ADDR,
      sendRatePerSecond: values.SMS_RATE_PER_SECOND,
    },
    carriers: {
      mnpBaseUrl: values.MNP_URL,
      endpoints: readCarrierEndpoints(values),
      timeoutMs: values.CARRIER_TIMEOUT_MS,
    },
    population: {
      baseUrl: values.POPULATION_BASE_URL,
      apiKey: values.POPULATION_API_KEY,
      timeoutMs: values.POPULATION_TIMEOUT_MS,
    },
    socialInsurance: {
      baseUrl: values.SOCIAL_INSURANCE_BASE_URL,
      clientId: values.SOCIAL_INSURANCE_CLIENT_ID,
      clientSecret: values.SOCIAL_INSURANCE_CLIENT_SECRET,
      timeoutMs: values.SOCIAL_INSURANCE_TIMEOUT_MS,
    },
    businessRegistry: {
      baseUrl: values.BUSINESS_REGISTRY_BASE_URL,
      clientId: values.BUSINESS_REGISTRY_CLIENT_ID,
      clientSecret: values.BUSINESS_REGISTRY_CLIENT_SECRET,
      timeoutMs: values.BUSINESS_REGISTRY_TIMEOUT_MS,
    },
    // The agent runs on the citizen's computer: an address on their loopback, the same for every citizen.
    // Default: where the simulator listens (SIGNING_AGENT_PORT: PORT+4 in dev, 3004 in production).
    signingAgent: {
      url: values.SIGNING_AGENT_URL ?? `wss://127.0.0.1:${values.SIGNING_AGENT_PORT ?? port + 4}/plugin`,
    },
    signatures: readSignatures(values, problems),
    postId: readPostIdConfig(values),
    mobileSignature: readMsspConfig(values, problems),
    remoteSigning: readRemoteSigningConfig(values),
    oidc: readOidcConfig({
      values,
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

/** CARRIER_<ID>_URL, _CLIENT_ID, _CLIENT_SECRET: a carrier with all three (production needs every carrier). */
function readCarrierEndpoints(values: Values) {
  const endpoints: Partial<Record<CarrierId, CarrierEndpoint>> = {};
  for (const id of CARRIER_IDS) {
    const prefix = `CARRIER_${id.toUpperCase() as Uppercase<CarrierId>}` as const;
    const baseUrl = values[`${prefix}_URL`];
    const clientId = values[`${prefix}_CLIENT_ID`];
    const clientSecret = values[`${prefix}_CLIENT_SECRET`];
    if (baseUrl && clientId && clientSecret) endpoints[id] = { baseUrl, clientId, clientSecret };
  }
  return endpoints;
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

/** TRUST_ANCHORS: each listed file must hold a PEM certificate (production refuses to start without any). */
function readSignatures(values: Values, problems: string[]): SignaturesConfig {
  const trustAnchorFiles = (values.TRUST_ANCHORS ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
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
    revocationTimeoutMs: values.REVOCATION_TIMEOUT_MS,
    challengesPer10Minutes: values.LIMIT_CHALLENGES_PER_IP,
  };
}

function readHttpEdge(values: Values, mode: Mode, problems: string[]): HttpEdgeConfig {
  const headersTimeoutMs = values.HTTP_HEADERS_TIMEOUT_MS;
  const requestTimeoutMs = values.HTTP_REQUEST_TIMEOUT_MS;
  // Node refuses a server whose headers may take longer than the whole request.
  if (headersTimeoutMs > requestTimeoutMs)
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  return {
    trustProxy: parseTrustProxy(values.TRUST_PROXY, mode, problems),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: values.HTTP_KEEP_ALIVE_TIMEOUT_MS,
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
