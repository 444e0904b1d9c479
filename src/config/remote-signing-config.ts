/**
 * REMOTE_SIGNING_<PROVIDER>_URL, _CLIENT_ID, _CLIENT_SECRET (providers `smartca`, `mysign`) and
 * REMOTE_SIGNING_TIMEOUT_MS: the hub as an OAuth 2.0 client of each remote-signing service's CSC API v2
 * (docs/methods.md, "Remote (personal) signature"). In dev mode, unset providers are the built-in simulators on
 * this server with the `devRemoteSigningClients` credentials. In production a provider is offered only when all
 * three of its settings are given (the method lists the providers configured); a partial one stops the start.
 */
export const REMOTE_SIGNING_PROVIDERS = ['smartca', 'mysign'] as const;
export type RemoteSigningProviderId = (typeof REMOTE_SIGNING_PROVIDERS)[number];

export interface RemoteSigningConfig {
  /** The providers configured; in dev the others come from the simulators. */
  providers: Partial<
    Record<RemoteSigningProviderId, { baseUrl: string; clientId: string; clientSecret: string }>
  >;
  /** Per call to a provider (token, list, info, authorize, check, signHash). */
  timeoutMs: number;
}

type Env = Record<string, string | undefined>;

export function readRemoteSigningConfig(
  env: Env,
  problems: string[],
  parseTimeout: (name: string, fallback: number) => number,
): RemoteSigningConfig {
  const providers: RemoteSigningConfig['providers'] = {};
  for (const id of REMOTE_SIGNING_PROVIDERS) {
    const prefix = `REMOTE_SIGNING_${id.toUpperCase()}`;
    const baseUrl = env[`${prefix}_URL`] || undefined;
    const clientId = env[`${prefix}_CLIENT_ID`] || undefined;
    const clientSecret = env[`${prefix}_CLIENT_SECRET`] || undefined;
    if (!baseUrl && !clientId && !clientSecret) continue;
    if (!baseUrl || !clientId || !clientSecret) {
      problems.push(`${prefix}_URL, ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET go together`);
      continue;
    }
    if (!isHttpUrl(baseUrl)) problems.push(`${prefix}_URL must be an http(s) URL, got "${baseUrl}"`);
    // client credentials over HTTP Basic cannot carry a colon in the client id (RFC 7617).
    if (clientId.includes(':')) problems.push(`${prefix}_CLIENT_ID must not contain ":"`);
    providers[id] = { baseUrl, clientId, clientSecret };
  }
  return { providers, timeoutMs: parseTimeout('REMOTE_SIGNING_TIMEOUT_MS', 3000) };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
