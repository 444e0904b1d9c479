/**
 * The OpenID Provider's settings (README "Configuration"): the issuer (the hub's public base URL), its signing
 * keys, its clients (the portals) and whether Dynamic Client Registration is open. Dev mode makes signing keys
 * once into DATA_DIR and pre-registers the two portals; production refuses to start without keys, issuer and
 * clients, and with registration open.
 */
import { createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mode, Values } from './environment.ts';

export interface SigningKey extends JsonWebKey {
  kid: string;
  alg: 'RS256' | 'ES256';
}

export interface OidcClient {
  clientId: string;
  clientName?: string;
  /** For `client_secret_basic`; absent for a client that authenticates with `private_key_jwt`. */
  clientSecret?: string;
  /** Public keys for `private_key_jwt`. */
  jwks?: { keys: JsonWebKey[] };
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri?: string;
  /** The government's own portals: no consent page (hub.md). */
  firstParty: boolean;
  /** How its ID tokens are signed; RS256 when it names none. */
  idTokenSignedResponseAlg?: 'RS256' | 'ES256';
}

export interface OidcConfig {
  /** The hub's public base URL, no path. Unset in dev: the address the server listens on. */
  issuer: string | undefined;
  /** Published in the JWKS; the first of them signs (rotation: publish the next key after it, then move it first). */
  signingKeys: SigningKey[];
  clients: OidcClient[];
  /** Dynamic Client Registration (RFC 7591): dev only. */
  registrationOpen: boolean;
}

/** The dev portals' client secrets, kept in dev-secrets.json with the hub's other dev secrets. */
export interface DevClientSecrets {
  national: string;
  mps: string;
}

/**
 * PUBLIC_URL, OIDC_SIGNING_KEYS, OIDC_CLIENTS and OIDC_DYNAMIC_REGISTRATION as the schema (environment.ts) read
 * them; the keys' and clients' JSON is checked here.
 */
export function readOidcConfig(options: {
  values: Values;
  mode: Mode;
  port: number;
  dataDir: string;
  devClientSecrets: DevClientSecrets | undefined;
  problems: string[];
}): OidcConfig {
  const { values, mode, problems } = options;
  // The schema checked it is an http(s) URL without query: the issuer is its href without the trailing slash.
  const issuer = values.PUBLIC_URL && new URL(values.PUBLIC_URL).href.replace(/\/$/, '');
  const configuredKeys = values.OIDC_SIGNING_KEYS
    ? parseSigningKeys(values.OIDC_SIGNING_KEYS, problems)
    : undefined;
  const beforeClients = problems.length;
  const configuredClients = values.OIDC_CLIENTS ? parseClients(values.OIDC_CLIENTS, problems) : [];
  const clientsMalformed = problems.length > beforeClients;
  if (values.OIDC_CLIENTS && configuredClients.length === 0 && !clientsMalformed && mode === 'production')
    problems.push('OIDC_CLIENTS registers no client: production needs at least the portals');

  const devClients =
    mode === 'dev' && options.devClientSecrets
      ? devPortalClients(values, options.port, options.devClientSecrets)
      : [];
  const configuredIds = new Set(configuredClients.map((client) => client.clientId));
  return {
    issuer,
    signingKeys: configuredKeys ?? (mode === 'dev' ? devSigningKeys(options.dataDir) : []),
    clients: [...devClients.filter((client) => !configuredIds.has(client.clientId)), ...configuredClients],
    registrationOpen: values.OIDC_DYNAMIC_REGISTRATION === 'open' && mode === 'dev',
  };
}

/** JSON in the variable itself, or the path of a file holding it (a mounted secret). */
function jsonSetting(raw: string, name: string, problems: string[]): unknown {
  const text =
    raw.trim().startsWith('{') || raw.trim().startsWith('[') ? raw : readFileOrNote(raw, name, problems);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    problems.push(`${name} is not valid JSON`);
    return undefined;
  }
}

function readFileOrNote(path: string, name: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    problems.push(`${name} is neither JSON nor a readable file: "${path}"`);
    return undefined;
  }
}

export function parseSigningKeys(raw: string, problems: string[]): SigningKey[] | undefined {
  const jwks = jsonSetting(raw, 'OIDC_SIGNING_KEYS', problems) as { keys?: unknown } | undefined;
  if (jwks === undefined) return undefined;
  const keys = Array.isArray(jwks?.keys) ? (jwks.keys as JsonWebKey[]) : [];
  const known = problems.length;
  const signing = keys.map((key, index) => signingKeyOf(key, index, problems));
  if (problems.length > known) return undefined;
  const typed = signing as SigningKey[];
  if (!typed.some((key) => key.alg === 'RS256'))
    problems.push(
      'OIDC_SIGNING_KEYS must hold an RSA key (RS256, the default for clients that name no algorithm)',
    );
  if (!typed.some((key) => key.alg === 'ES256'))
    problems.push('OIDC_SIGNING_KEYS must hold an EC P-256 key (ES256)');
  const kids = typed.map((key) => key.kid);
  if (new Set(kids).size !== kids.length) problems.push('OIDC_SIGNING_KEYS has two keys with the same kid');
  return problems.length > known ? undefined : typed;
}

function signingKeyOf(key: JsonWebKey, index: number, problems: string[]): SigningKey | undefined {
  const where = `OIDC_SIGNING_KEYS key ${index + 1}`;
  const kid = (key as { kid?: unknown }).kid;
  if (typeof kid !== 'string' || kid === '') {
    problems.push(`${where} has no kid`);
    return undefined;
  }
  const alg = key.kty === 'RSA' ? 'RS256' : key.kty === 'EC' && key.crv === 'P-256' ? 'ES256' : undefined;
  if (!alg) {
    problems.push(`${where} (${kid}) must be an RSA or EC P-256 key`);
    return undefined;
  }
  try {
    createPrivateKey({ key, format: 'jwk' });
  } catch {
    problems.push(`${where} (${kid}) is not a private key`);
    return undefined;
  }
  return { ...key, kid, alg, use: 'sig' } as SigningKey;
}

interface ClientJson {
  client_id?: unknown;
  client_name?: unknown;
  client_secret?: unknown;
  jwks?: unknown;
  redirect_uris?: unknown;
  post_logout_redirect_uris?: unknown;
  backchannel_logout_uri?: unknown;
  first_party?: unknown;
  id_token_signed_response_alg?: unknown;
}

export function parseClients(raw: string, problems: string[]): OidcClient[] {
  const parsed = jsonSetting(raw, 'OIDC_CLIENTS', problems);
  if (parsed === undefined) return [];
  if (!Array.isArray(parsed)) {
    problems.push('OIDC_CLIENTS must be a JSON array of clients');
    return [];
  }
  return parsed.flatMap((entry: ClientJson, index) => {
    const where = `OIDC_CLIENTS entry ${index + 1}`;
    const known = problems.length;
    const uris = (value: unknown, name: string) => {
      const list = value === undefined ? [] : value;
      if (!Array.isArray(list) || !list.every(isHttpUrl))
        problems.push(`${where}: ${name} must be a list of http(s) URLs`);
      return Array.isArray(list) ? (list as string[]) : [];
    };
    if (typeof entry?.client_id !== 'string' || entry.client_id === '')
      problems.push(`${where}: client_id is missing`);
    const redirectUris = uris(entry?.redirect_uris, 'redirect_uris');
    if (redirectUris.length === 0 && problems.length === known)
      problems.push(`${where}: redirect_uris is missing`);
    const postLogoutRedirectUris = uris(entry?.post_logout_redirect_uris, 'post_logout_redirect_uris');
    const secret = typeof entry?.client_secret === 'string' ? entry.client_secret : undefined;
    const jwks = entry?.jwks as { keys?: unknown } | undefined;
    if (!secret && !Array.isArray(jwks?.keys))
      problems.push(`${where}: client_secret (client_secret_basic) or jwks (private_key_jwt) is missing`);
    if (entry?.backchannel_logout_uri !== undefined && !isHttpUrl(entry.backchannel_logout_uri))
      problems.push(`${where}: backchannel_logout_uri must be an http(s) URL`);
    const alg = entry?.id_token_signed_response_alg;
    if (alg !== undefined && alg !== 'RS256' && alg !== 'ES256')
      problems.push(`${where}: id_token_signed_response_alg must be RS256 or ES256`);
    if (problems.length > known) return [];
    return [
      {
        clientId: entry.client_id as string,
        ...(typeof entry.client_name === 'string' && { clientName: entry.client_name }),
        ...(secret && { clientSecret: secret }),
        ...(jwks && { jwks: jwks as { keys: JsonWebKey[] } }),
        redirectUris,
        postLogoutRedirectUris,
        ...(typeof entry.backchannel_logout_uri === 'string' && {
          backchannelLogoutUri: entry.backchannel_logout_uri,
        }),
        firstParty: entry.first_party === true,
        ...(alg !== undefined && { idTokenSignedResponseAlg: alg as 'RS256' | 'ES256' }),
      },
    ];
  });
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * The two portals `npm start` runs beside the hub (hub.md): first-party, on PORT+1 and PORT+2 unless
 * NATIONAL_PORTAL_PORT / MPS_PORTAL_PORT say otherwise; their URIs follow the portals' routes.
 */
function devPortalClients(values: Values, hubPort: number, secrets: DevClientSecrets): OidcClient[] {
  const portal = (
    clientId: 'national' | 'mps',
    clientName: string,
    portVariable: 'NATIONAL_PORTAL_PORT' | 'MPS_PORTAL_PORT',
    offset: number,
  ) => {
    const base = `http://127.0.0.1:${values[portVariable] ?? hubPort + offset}`;
    return {
      clientId,
      clientName,
      clientSecret: secrets[clientId],
      redirectUris: [`${base}/auth/callback`],
      postLogoutRedirectUris: [`${base}/`],
      backchannelLogoutUri: `${base}/auth/backchannel-logout`,
      firstParty: true,
    };
  };
  return [
    portal('national', 'Cổng Dịch vụ công quốc gia', 'NATIONAL_PORTAL_PORT', 1),
    portal('mps', 'Cổng Dịch vụ công Bộ Công an', 'MPS_PORTAL_PORT', 2),
  ];
}

/** Generated once per process, so test suites that start many dev systems pay for one RSA key. */
let generatedThisProcess: SigningKey[] | undefined;

/** Dev keys, made once into DATA_DIR like the other dev secrets: restarts keep verifying tokens they signed. */
function devSigningKeys(dataDir: string): SigningKey[] {
  const file = join(dataDir, 'oidc-signing-keys.json');
  if (existsSync(file)) {
    const problems: string[] = [];
    const stored = parseSigningKeys(readFileSync(file, 'utf8'), problems);
    if (stored) return stored;
  }
  generatedThisProcess ??= generateSigningKeys();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ keys: generatedThisProcess }, null, 2), { mode: 0o600 });
  return generatedThisProcess;
}

export function generateSigningKeys(suffix = new Date().toISOString().slice(0, 10)): SigningKey[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rs256-${suffix}`, alg: 'RS256', use: 'sig' },
    { ...ec, kid: `es256-${suffix}`, alg: 'ES256', use: 'sig' },
  ];
}
