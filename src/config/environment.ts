/**
 * Every environment variable the hub reads, in one table: its kind, its default in dev and in production (or
 * whether production refuses to start without it) and what it means. README.md's "Configuration" names exactly
 * these (environment.test.ts checks it). `readEnvironment` checks each value against its kind and collects every
 * problem; loadConfig (config.ts) builds the typed Config from the values and adds the rules that need more
 * than one value or a file.
 *
 * An empty variable counts as unset, except a number, which is then refused like any malformed one.
 * The portal apps and the local signing agent have their own settings (src/portals, src/simulators/signing-agent).
 */
import { CARRIER_IDS, type CarrierId } from '../domain/carriers.ts';

export type Mode = 'dev' | 'production';

export type Kind =
  /** 0–65535. */
  | 'port'
  /** A whole number, 0 or more. */
  | 'count'
  /** Milliseconds, a whole number above 0 (0 would mean no timeout at all). */
  | 'duration'
  /** An http(s) URL, unless the variable has its own check. */
  | 'url'
  /** One of `values`. */
  | 'enum'
  /** `on` or `off`. */
  | 'switch'
  | 'string'
  /** A credential or a connection string holding one: never printed. */
  | 'secret'
  /** At least 32 bytes of base64. */
  | 'key'
  /** Comma-separated. */
  | 'list'
  /** JSON, or the path of a file holding it (a mounted secret). */
  | 'json'
  /** A file or directory. */
  | 'path';

type PerMode<T> = { readonly dev?: T; readonly production?: T };

/** Variables that go together: checked once, where the first of them is read. */
export interface Together {
  readonly names: readonly string[];
  /** `all`: every one of them is needed; `all or none`: some without the others is refused. */
  readonly rule: 'all' | 'all or none';
  readonly when: Mode | 'always';
  readonly problem: string;
}

export interface Variable {
  readonly kind: Kind;
  /** What it is, in one line. */
  readonly about: string;
  /** The value when unset: in both modes, or per mode (a string, read like a given value). */
  readonly default?: string | PerMode<string>;
  /** What stands in when it is unset and has no default (config.ts makes it). */
  readonly unset?: string | PerMode<string>;
  /** Production refuses to start without it; `missing` follows "<NAME> is missing: ". */
  readonly required?: Mode;
  readonly missing?: string;
  /** The values of an `enum` or `switch`. */
  readonly values?: readonly string[];
  /** A value only dev mode accepts: production refuses it, naming its production default. */
  readonly devOnly?: string;
  /** Read in this mode only. */
  readonly only?: Mode;
  /** The variable's own check, in place of its kind's: the problem after its name, or undefined. */
  readonly check?: (value: string, mode: Mode) => string | undefined;
  readonly together?: Together;
}

export const REMOTE_SIGNING_PROVIDERS = ['smartca', 'mysign'] as const;
export type RemoteSigningProviderId = (typeof REMOTE_SIGNING_PROVIDERS)[number];

const SWITCH = ['on', 'off'] as const;
const KEY_HINT = '32 random bytes, base64 (e.g. `openssl rand -base64 32`)';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

type Credential = Variable & { readonly kind: 'url' | 'string' | 'secret' };
type CarrierVariable = `CARRIER_${Uppercase<CarrierId>}_${'URL' | 'CLIENT_ID' | 'CLIENT_SECRET'}`;
type RemoteSigningVariable =
  `REMOTE_SIGNING_${Uppercase<RemoteSigningProviderId>}_${'URL' | 'CLIENT_ID' | 'CLIENT_SECRET'}`;

/** CARRIER_<ID>_URL, _CLIENT_ID, _CLIENT_SECRET: all three for every carrier in production. */
const carrierVariables = Object.fromEntries(
  CARRIER_IDS.flatMap((id) => {
    const prefix = `CARRIER_${id.toUpperCase()}`;
    const names = [`${prefix}_URL`, `${prefix}_CLIENT_ID`, `${prefix}_CLIENT_SECRET`];
    const together: Together = {
      names,
      rule: 'all',
      when: 'production',
      problem: `${names[0]}, ${names[1]} and ${names[2]} are missing`,
    };
    const unset = { dev: 'the built-in carrier network' };
    return [
      [names[0], { kind: 'url', about: `${id}: its CAMARA API base URL`, unset, together }],
      [names[1], { kind: 'string', about: `${id}: the hub's OAuth2 client id`, unset, together }],
      [names[2], { kind: 'secret', about: `${id}: the hub's OAuth2 client secret`, unset, together }],
    ];
  }),
) as Record<CarrierVariable, Credential>;

/** REMOTE_SIGNING_<PROVIDER>_URL, _CLIENT_ID, _CLIENT_SECRET: a provider is offered with all three. */
const remoteSigningVariables = Object.fromEntries(
  REMOTE_SIGNING_PROVIDERS.flatMap((id) => {
    const prefix = `REMOTE_SIGNING_${id.toUpperCase()}`;
    const names = [`${prefix}_URL`, `${prefix}_CLIENT_ID`, `${prefix}_CLIENT_SECRET`];
    const together: Together = {
      names,
      rule: 'all or none',
      when: 'always',
      problem: `${names[0]}, ${names[1]} and ${names[2]} go together`,
    };
    const unset = { dev: 'the built-in simulator', production: 'the provider is not offered' };
    return [
      [names[0], { kind: 'url', about: `${id}: its CSC API v2 service URL`, unset, together }],
      [names[1], { kind: 'string', about: `${id}: the hub's client id`, unset, together, check: noColon }],
      [names[2], { kind: 'secret', about: `${id}: the hub's client secret`, unset, together }],
    ];
  }),
) as Record<RemoteSigningVariable, Credential>;

const POSTID: Together = {
  names: ['POSTID_ISSUER', 'POSTID_CLIENT_ID', 'POSTID_CLIENT_SECRET'],
  rule: 'all or none',
  when: 'production',
  problem: 'POSTID_ISSUER, POSTID_CLIENT_ID and POSTID_CLIENT_SECRET go together: set all three or none',
};

const MSSP_CLIENT_CERTIFICATE: Together = {
  names: ['MSSP_TLS_CERT_FILE', 'MSSP_TLS_KEY_FILE'],
  rule: 'all or none',
  when: 'always',
  problem: 'MSSP_TLS_CERT_FILE and MSSP_TLS_KEY_FILE go together: the client certificate and its key',
};

const builtIn = (what: string) => ({ dev: what });

export const ENVIRONMENT = {
  NODE_ENV: { kind: 'string', about: '`production`: production mode; anything else: dev mode' },
  PORT: { kind: 'port', default: '3000', about: "the hub's HTTP port (0: any free port)" },
  HOST: { kind: 'string', default: '127.0.0.1', about: 'the listen address' },
  DATA_DIR: {
    kind: 'path',
    default: './data',
    about: 'the embedded database and the generated dev secrets and keys',
  },
  DATABASE_URL: {
    kind: 'secret',
    unset: builtIn('PGlite in DATA_DIR'),
    required: 'production',
    missing: 'production needs PostgreSQL',
    about: 'the PostgreSQL connection string',
  },
  REDIS_URL: {
    kind: 'secret',
    unset: builtIn('in memory'),
    required: 'production',
    missing: 'production needs Redis shared by all portal processes',
    about: 'Redis for one-time codes, captchas, rate limits and sessions',
  },
  REDIS_KEY_PREFIX: { kind: 'string', default: 'portal:', about: 'the prefix of every Redis key' },
  LOG_LEVEL: { kind: 'enum', values: LOG_LEVELS, default: 'info', about: 'the pino log level' },
  PORTAL_NAME: { kind: 'string', default: 'DVCQG', about: 'the name in SMS texts and page headers' },
  CAPTCHA_SPEECH_COMMAND: {
    kind: 'string',
    default: 'espeak-ng',
    about: 'the speech synthesiser of the audio captcha; missing: no audio, the helpline instead',
  },
  HMAC_KEY: {
    kind: 'key',
    unset: builtIn('generated once into DATA_DIR/dev-secrets.json'),
    required: 'production',
    missing: KEY_HINT,
    about: 'HMAC key of one-time-code hashes, blind indexes and rate-limit keys',
  },
  DATA_KEY: {
    kind: 'key',
    unset: builtIn('generated once into DATA_DIR/dev-secrets.json'),
    required: 'production',
    missing: KEY_HINT,
    about: 'AES-256-GCM key of personal data at rest',
  },
  DATA_KEY_ID: { kind: 'string', default: 'k1', about: "the data key's id, stored beside each ciphertext" },
  COOKIE_SECRET: {
    kind: 'key',
    unset: builtIn('generated once into DATA_DIR/dev-secrets.json'),
    required: 'production',
    missing: KEY_HINT,
    about: "AES-256-GCM key of the pages' flash cookie, apart from the data key",
  },
  SIMULATORS: {
    kind: 'switch',
    values: SWITCH,
    default: { dev: 'on', production: 'off' },
    devOnly: 'on',
    about: 'the built-in partners (carrier network, SMS centre, virtual phones, registries)',
  },
  SMSC_PORT: { kind: 'port', default: '2775', about: 'the SMPP port of the built-in SMS centre' },
  POSTID_PORT: {
    kind: 'port',
    only: 'dev',
    unset: { dev: 'PORT+3' },
    about: "the built-in PostID's port (Vietnam Post's identity service simulator)",
  },
  SMPP_HOST: {
    kind: 'string',
    default: { dev: '127.0.0.1' },
    required: 'production',
    about: 'the SMS centre the hub submits to',
  },
  SMPP_PORT: { kind: 'port', unset: 'SMSC_PORT', about: "the SMS centre's SMPP port" },
  SMPP_SYSTEM_ID: {
    kind: 'string',
    default: { dev: 'portal' },
    required: 'production',
    about: "the hub's SMPP system id",
  },
  SMPP_PASSWORD: {
    kind: 'secret',
    unset: builtIn('generated once into DATA_DIR/dev-secrets.json'),
    required: 'production',
    about: "the hub's SMPP password",
  },
  SMS_SOURCE_ADDR: { kind: 'string', default: 'DVCQG', about: 'the sender of the SMS' },
  SMS_RATE_PER_SECOND: { kind: 'count', default: '200', about: 'SMS submitted per second at most' },
  MNP_URL: {
    kind: 'url',
    unset: builtIn('the built-in carrier network'),
    required: 'production',
    about: 'the number-portability look-up',
  },
  ...carrierVariables,
  CARRIER_TIMEOUT_MS: { kind: 'duration', default: '2000', about: 'timeout of each carrier call' },
  POPULATION_BASE_URL: {
    kind: 'url',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "the population registry's data-sharing API",
  },
  POPULATION_API_KEY: {
    kind: 'secret',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "the hub's API key there",
  },
  POPULATION_TIMEOUT_MS: {
    kind: 'duration',
    default: '2000',
    about: 'timeout of each population-registry call',
  },
  SOCIAL_INSURANCE_BASE_URL: {
    kind: 'url',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "Vietnam Social Security's record-match API",
  },
  SOCIAL_INSURANCE_CLIENT_ID: {
    kind: 'string',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "the hub's HTTP Basic client id there",
  },
  SOCIAL_INSURANCE_CLIENT_SECRET: {
    kind: 'secret',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "the hub's HTTP Basic client secret there",
  },
  SOCIAL_INSURANCE_TIMEOUT_MS: {
    kind: 'duration',
    default: '3000',
    about: 'timeout of each social-insurance call',
  },
  BUSINESS_REGISTRY_BASE_URL: {
    kind: 'url',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "the business registry's look-up API",
  },
  BUSINESS_REGISTRY_CLIENT_ID: {
    kind: 'string',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "the hub's HTTP Basic client id there",
  },
  BUSINESS_REGISTRY_CLIENT_SECRET: {
    kind: 'secret',
    unset: builtIn('the built-in simulator'),
    required: 'production',
    about: "the hub's HTTP Basic client secret there",
  },
  BUSINESS_REGISTRY_TIMEOUT_MS: {
    kind: 'duration',
    default: '3000',
    about: 'timeout of each business-registry call',
  },
  POSTID_ISSUER: {
    kind: 'url',
    unset: { dev: 'the built-in PostID simulator', production: 'the vnpost method is not offered' },
    together: POSTID,
    about: "Vietnam Post's PostID issuer URL",
  },
  POSTID_CLIENT_ID: {
    kind: 'string',
    unset: { dev: 'the built-in PostID simulator', production: 'the vnpost method is not offered' },
    together: POSTID,
    check: noColon,
    about: "the hub's client id at PostID",
  },
  POSTID_CLIENT_SECRET: {
    kind: 'secret',
    unset: { dev: 'the built-in PostID simulator', production: 'the vnpost method is not offered' },
    together: POSTID,
    about: "the hub's client secret at PostID",
  },
  POSTID_TIMEOUT_MS: { kind: 'duration', default: '3000', about: 'timeout of each call to PostID' },
  LIMIT_STARTS_PER_IP: {
    kind: 'count',
    default: '300',
    about: 'registration starts per IP address per 10 minutes',
  },
  LIMIT_CAPTCHAS_PER_IP: { kind: 'count', default: '600', about: 'captchas per IP address per 10 minutes' },
  TRUST_PROXY: {
    kind: 'list',
    default: 'off',
    about: '`off`, or the addresses/CIDRs of the load balancers whose X-Forwarded-For is believed',
  },
  HTTP_HEADERS_TIMEOUT_MS: {
    kind: 'duration',
    default: '10000',
    about: "time allowed for a request's headers",
  },
  HTTP_REQUEST_TIMEOUT_MS: { kind: 'duration', default: '30000', about: 'time allowed for a whole request' },
  HTTP_KEEP_ALIVE_TIMEOUT_MS: {
    kind: 'duration',
    default: '72000',
    about: "idle keep-alive, above the load balancer's idle timeout",
  },
  METRICS_TOKEN: {
    kind: 'secret',
    unset: { dev: '/metrics public', production: '/metrics absent' },
    about: 'the bearer token /metrics asks for',
  },
  PUBLIC_URL: {
    kind: 'url',
    unset: builtIn('the address the hub listens on'),
    required: 'production',
    missing: "the hub's public base URL, the OpenID issuer",
    check: (value) =>
      isHttpUrl(value) && !new URL(value).search && !new URL(value).hash
        ? undefined
        : `must be an http(s) URL without query, got "${value}"`,
    about: "the hub's public base URL, no path: the OpenID issuer",
  },
  OIDC_SIGNING_KEYS: {
    kind: 'json',
    unset: builtIn('made once into DATA_DIR/oidc-signing-keys.json'),
    required: 'production',
    missing: 'a JWKS (JSON, or the path of a JSON file) of private keys with a kid, RS256 and ES256',
    about: "the OpenID Provider's private signing keys (JWKS), the first of each algorithm signs",
  },
  OIDC_CLIENTS: {
    kind: 'json',
    unset: builtIn('the two dev portals'),
    required: 'production',
    missing: 'a JSON array (or the path of a JSON file) of the portals registered',
    about: 'the OpenID clients registered (the portals)',
  },
  OIDC_DYNAMIC_REGISTRATION: {
    kind: 'enum',
    values: ['open', 'closed'],
    default: { dev: 'open', production: 'closed' },
    devOnly: 'open',
    about: 'Dynamic Client Registration (RFC 7591)',
  },
  NATIONAL_PORTAL_PORT: {
    kind: 'port',
    only: 'dev',
    unset: { dev: 'PORT+1' },
    about: "the national portal's port, which the hub registers its redirect URIs at",
  },
  MPS_PORTAL_PORT: {
    kind: 'port',
    only: 'dev',
    unset: { dev: 'PORT+2' },
    about: "the Ministry of Public Security portal's port, likewise",
  },
  SIGNING_AGENT_PORT: {
    kind: 'port',
    default: { production: '3004' },
    unset: { dev: 'PORT+4' },
    about: "the local signing agent's port, in SIGNING_AGENT_URL's default",
  },
  SIGNING_AGENT_URL: {
    kind: 'url',
    unset: 'wss://127.0.0.1:<SIGNING_AGENT_PORT>/plugin',
    check: (value, mode) => {
      const protocol = URL.canParse(value) ? new URL(value).protocol : '';
      return protocol === 'wss:' || (protocol === 'ws:' && mode === 'dev')
        ? undefined
        : `must be a wss:// URL, got "${value}"`;
    },
    about: "where the USB-token pages reach the citizen's local signing agent",
  },
  TRUST_ANCHORS: {
    kind: 'list',
    unset: builtIn("the test PKI's root"),
    required: 'production',
    missing:
      'the PEM files of the trusted root CAs (the national root CA and the government root CA), comma-separated',
    about: 'paths of the PEM files of the root CAs the signature methods accept',
  },
  REVOCATION_TIMEOUT_MS: {
    kind: 'duration',
    default: '2000',
    about: "timeout of each call to a CA's OCSP responder or CRL distribution point",
  },
  LIMIT_CHALLENGES_PER_IP: {
    kind: 'count',
    default: '600',
    about: 'certificate challenges per IP address per 10 minutes',
  },
  ...remoteSigningVariables,
  REMOTE_SIGNING_TIMEOUT_MS: {
    kind: 'duration',
    default: '3000',
    about: 'timeout of each call to a remote-signing service',
  },
  MSSP_WSDL_URL: {
    kind: 'url',
    unset: builtIn('the built-in MSSP on the hub'),
    required: 'production',
    about: "the mobile-signature service's published WSDL",
  },
  MSSP_AP_ID: {
    kind: 'string',
    unset: builtIn('derived from the dev secret'),
    required: 'production',
    about: "the hub's application-provider id at the MSSP",
  },
  MSSP_AP_PWD: {
    kind: 'secret',
    unset: builtIn('derived from the dev secret'),
    required: 'production',
    about: "the hub's application-provider password at the MSSP",
  },
  MSSP_FORMAT: {
    kind: 'enum',
    values: ['PKCS7', 'PKCS1'],
    default: 'PKCS7',
    about: 'the signature format asked of the MSSP',
  },
  MSSP_TLS_CERT_FILE: {
    kind: 'path',
    together: MSSP_CLIENT_CERTIFICATE,
    about: "the hub's client certificate (PEM) for the MSSP's TLS port",
  },
  MSSP_TLS_KEY_FILE: {
    kind: 'path',
    together: MSSP_CLIENT_CERTIFICATE,
    about: 'its private key (PEM)',
  },
  MSSP_TLS_CA_FILE: { kind: 'path', about: "the MSSP's CA (PEM), if not a public one" },
  MSSP_TIMEOUT_MS: { kind: 'duration', default: '3000', about: 'deadline of each exchange with the MSSP' },
} as const satisfies Record<string, Variable>;

type Schema = typeof ENVIRONMENT;
export type VariableName = keyof Schema;

type ValueOf<V> = V extends { kind: 'port' | 'count' | 'duration' }
  ? number
  : V extends { kind: 'key' }
    ? Buffer
    : string;
type AlwaysSet<V> = V extends { default: string }
  ? true
  : V extends { default: { dev: string; production: string } }
    ? true
    : false;

/** The value of each variable: given, else its default, else undefined (a refused one reads as its default). */
export type Values = {
  -readonly [N in VariableName]: AlwaysSet<Schema[N]> extends true
    ? ValueOf<Schema[N]>
    : ValueOf<Schema[N]> | undefined;
};

type Env = Record<string, string | undefined>;

const NUMBER_KINDS: ReadonlySet<Kind> = new Set(['port', 'count', 'duration']);

/** Reads every variable of the schema; `problems` names each malformed or missing one, in the schema's order. */
export function readEnvironment(env: Env): { mode: Mode; values: Values; problems: string[] } {
  const mode: Mode = env.NODE_ENV === 'production' ? 'production' : 'dev';
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const given = (name: string, kind: Kind): string | undefined =>
    env[name] === '' && !NUMBER_KINDS.has(kind) ? undefined : env[name];
  const checked = new Set<Together>();
  for (const [name, variable] of Object.entries(ENVIRONMENT) as Array<[string, Variable]>) {
    if (variable.only && variable.only !== mode) continue;
    const together = variable.together;
    if (together && !checked.has(together)) {
      checked.add(together);
      const count = together.names.filter((member) => given(member, 'string') !== undefined).length;
      const partial = count < together.names.length && (together.rule === 'all' || count > 0);
      if (partial && (together.when === 'always' || together.when === mode)) problems.push(together.problem);
    }
    values[name] = readVariable(name, variable, given(name, variable.kind), mode, problems);
  }
  return { mode, values: values as Values, problems };
}

function readVariable(
  name: string,
  variable: Variable,
  raw: string | undefined,
  mode: Mode,
  problems: string[],
): unknown {
  const fallback = typeof variable.default === 'string' ? variable.default : variable.default?.[mode];
  const absent =
    raw === undefined || (variable.kind === 'list' && raw.split(',').every((item) => !item.trim()));
  if (absent && variable.required === mode) {
    problems.push(variable.missing ? `${name} is missing: ${variable.missing}` : `${name} is missing`);
    return undefined;
  }
  if (raw === undefined) return fallback === undefined ? undefined : parse(variable, fallback, mode);
  const value = parse(variable, raw, mode);
  if (value instanceof Refusal) {
    problems.push(`${name} ${value.problem}`);
    return fallback === undefined ? undefined : parse(variable, fallback, mode);
  }
  if (variable.devOnly !== undefined && value === variable.devOnly && mode === 'production')
    problems.push(`${name}=${value} is a dev-only switch and must be ${fallback ?? 'unset'} in production`);
  return value;
}

class Refusal {
  constructor(readonly problem: string) {}
}

function parse(variable: Variable, raw: string, mode: Mode): unknown {
  if (variable.check) {
    const problem = variable.check(raw, mode);
    return problem === undefined ? raw : new Refusal(problem);
  }
  const text = raw.trim();
  switch (variable.kind) {
    case 'count':
    case 'duration': {
      // A typo must stop the start, never become NaN or a silent default.
      const count = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(count))
        return new Refusal(`must be a whole number, got "${raw}"`);
      if (count === 0 && variable.kind === 'duration')
        return new Refusal('must be more than 0 (0 would disable the timeout)');
      return count;
    }
    case 'port': {
      const port = Number(text);
      return /^\d+$/.test(text) && port <= 65535 ? port : new Refusal(`must be a port number, got "${raw}"`);
    }
    case 'url':
      return isHttpUrl(raw) ? raw : new Refusal(`must be an http(s) URL, got "${raw}"`);
    case 'enum':
    case 'switch': {
      const values = variable.values ?? SWITCH;
      return values.includes(text) ? text : new Refusal(`must be ${oneOf(values)}, got "${text}"`);
    }
    case 'key': {
      const key = Buffer.from(raw, 'base64');
      return key.length >= 32 ? key : new Refusal('must be at least 32 bytes of base64');
    }
    default:
      return raw;
  }
}

function oneOf(values: readonly string[]): string {
  return values.length <= 2
    ? values.join(' or ')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

// client_secret_basic cannot carry a colon in the client id (RFC 7617).
function noColon(value: string): string | undefined {
  return value.includes(':') ? 'must not contain ":"' : undefined;
}
