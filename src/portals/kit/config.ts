/**
 * What a portal process is configured with: the hub's issuer URL (discovery does the rest), its client id and
 * secret, its own public URL, its cookie key, and where to listen. Nothing else: a portal knows the hub only as
 * a real third-party relying party would.
 *
 * Dev mode fills what it can (the hub on 127.0.0.1:3000, the portal's own address from its port, a cookie key
 * made at start: sessions live in this process's memory anyway); production refuses to start, naming each
 * missing or malformed setting.
 */
import { randomBytes } from 'node:crypto';

export interface PortalConfig {
  mode: 'dev' | 'production';
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Where citizens reach this portal: the base of its redirect, post-logout and back-channel logout URIs. */
  publicUrl: URL;
  /** Signs the session cookie (HMAC-SHA256): at least 32 bytes. */
  cookieSecret: Buffer;
  host: string;
  port: number;
  logLevel: string;
}

export class PortalConfigError extends Error {
  override readonly name = 'PortalConfigError';
  constructor(readonly problems: string[]) {
    super(`Portal configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

export interface PortalDefaults {
  /** The portal's client id at the hub in dev (`national`, `mps`). */
  clientId: string;
  /** Its port in dev when PORT is unset. */
  port: number;
}

export function loadPortalConfig(env: Env, defaults: PortalDefaults): PortalConfig {
  const mode = env.NODE_ENV === 'production' ? 'production' : 'dev';
  const dev = mode === 'dev';
  const problems: string[] = [];
  const required = (name: string, devValue: string | undefined): string => {
    const value = env[name] || devValue;
    if (!value) problems.push(`${name} is missing`);
    return value ?? '';
  };

  const port = parsePort(env.PORT ?? (dev ? String(defaults.port) : ''), problems);
  const host = env.HOST ?? '127.0.0.1';
  const issuer = parseUrl(
    'PORTAL_ISSUER',
    required('PORTAL_ISSUER', dev ? 'http://127.0.0.1:3000' : undefined),
  );
  const publicUrl = parseUrl(
    'PORTAL_PUBLIC_URL',
    required('PORTAL_PUBLIC_URL', dev ? `http://127.0.0.1:${port}` : undefined),
  );
  const clientId = required('PORTAL_CLIENT_ID', dev ? defaults.clientId : undefined);
  // No dev default: the secret is the hub's to give (npm start passes the dev clients' secrets down).
  const clientSecret = required('PORTAL_CLIENT_SECRET', undefined);
  const cookieSecret = readCookieSecret(env.PORTAL_COOKIE_SECRET, dev, problems);

  function parseUrl(name: string, raw: string): URL {
    if (!raw) return new URL('http://invalid');
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {}
    problems.push(`${name} must be an http(s) URL, got "${raw}"`);
    return new URL('http://invalid');
  }

  if (problems.length > 0) throw new PortalConfigError(problems);
  return {
    mode,
    issuer,
    clientId,
    clientSecret,
    publicUrl,
    cookieSecret,
    host,
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

function parsePort(raw: string, problems: string[]): number {
  const port = Number(raw);
  if (raw === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(raw === '' ? 'PORT is missing' : `PORT must be a port number, got "${raw}"`);
  }
  return port;
}

function readCookieSecret(raw: string | undefined, dev: boolean, problems: string[]): Buffer {
  if (!raw) {
    if (dev) return randomBytes(32);
    problems.push(
      'PORTAL_COOKIE_SECRET is missing: 32 random bytes, base64 (e.g. `openssl rand -base64 32`)',
    );
    return Buffer.alloc(0);
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length < 32) problems.push('PORTAL_COOKIE_SECRET must be at least 32 bytes, base64');
  return key;
}
