/**
 * The signing agent's own settings, read from its environment (it is its own process, as a real agent on a
 * citizen's computer is). `npm start` passes them from the hub's configuration (src/main.ts).
 */
import { join, resolve } from 'node:path';

export interface AgentConfig {
  host: string;
  port: number;
  /** Everything the agent keeps: the SoftHSM2 token, its TLS key and certificate, the PIN counter. */
  dataDir: string;
  /** Base URL of the hub's dev server, whose test PKI (`POST /sim/ca/certificates`) certifies the demo keys. */
  pkiUrl: string;
  /** Web origins whose pages may open the WebSocket (the hub's public origin in dev). */
  allowedOrigins: string[];
  /** The demo token's user PIN (printed at start in dev; never logged anywhere else). */
  pin: string;
  /** `POST /dev/token…` switches for tests. */
  devControls: boolean;
  softhsm: { module: string; util: string };
}

/** The demo token's PIN unless SIGNING_AGENT_PIN says otherwise (many real tokens ship with 12345678). */
export const DEFAULT_DEMO_PIN = '12345678';

export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

type Env = Record<string, string | undefined>;

export function readAgentConfig(env: Env = process.env): AgentConfig {
  const port = Number(env.SIGNING_AGENT_PORT ?? String(Number(env.PORT ?? '3000') + 4));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AgentConfigError(`SIGNING_AGENT_PORT must be a port number, got "${env.SIGNING_AGENT_PORT}"`);
  const pkiUrl = (env.SIGNING_AGENT_PKI_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const pkiOrigin = originOf(pkiUrl, 'SIGNING_AGENT_PKI_URL');
  const allowedOrigins = (env.SIGNING_AGENT_ALLOWED_ORIGINS ?? pkiOrigin)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => originOf(origin, 'SIGNING_AGENT_ALLOWED_ORIGINS'));
  const pin = env.SIGNING_AGENT_PIN ?? DEFAULT_DEMO_PIN;
  // SoftHSM2 accepts user PINs of 4 to 255 bytes.
  if (pin.length < 4 || pin.length > 64)
    throw new AgentConfigError('SIGNING_AGENT_PIN must be 4 to 64 characters');
  return {
    host: env.SIGNING_AGENT_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(env.SIGNING_AGENT_DATA_DIR ?? join(env.DATA_DIR ?? './data', 'signing-agent')),
    pkiUrl,
    allowedOrigins,
    pin,
    devControls: (env.SIGNING_AGENT_DEV_CONTROLS ?? 'on') === 'on',
    softhsm: {
      module: env.SOFTHSM2_MODULE ?? '/usr/lib/softhsm/libsofthsm2.so',
      util: env.SOFTHSM2_UTIL ?? 'softhsm2-util',
    },
  };
}

function originOf(value: string, name: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.origin;
  } catch {
    throw new AgentConfigError(`${name} must list http(s) URLs, got "${value}"`);
  }
}
