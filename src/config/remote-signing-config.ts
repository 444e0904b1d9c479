/**
 * REMOTE_SIGNING_<PROVIDER>_URL, _CLIENT_ID, _CLIENT_SECRET (providers `smartca`, `mysign`) and
 * REMOTE_SIGNING_TIMEOUT_MS: the hub as an OAuth 2.0 client of each remote-signing service's CSC API v2
 * (docs/methods.md, "Remote (personal) signature"). In dev mode, unset providers are the built-in simulators on
 * this server with the `devRemoteSigningClients` credentials. A provider is offered only when all three of its
 * settings are given (the method lists the providers configured); a partial one stops the start (the schema,
 * environment.ts, checks them).
 */
import { REMOTE_SIGNING_PROVIDERS, type RemoteSigningProviderId, type Values } from './environment.ts';

export { REMOTE_SIGNING_PROVIDERS, type RemoteSigningProviderId };

export interface RemoteSigningConfig {
  /** The providers configured; in dev the others come from the simulators. */
  providers: Partial<
    Record<RemoteSigningProviderId, { baseUrl: string; clientId: string; clientSecret: string }>
  >;
  /** Per call to a provider (token, list, info, authorize, check, signHash). */
  timeoutMs: number;
}

export function readRemoteSigningConfig(values: Values): RemoteSigningConfig {
  const providers: RemoteSigningConfig['providers'] = {};
  for (const id of REMOTE_SIGNING_PROVIDERS) {
    const prefix = `REMOTE_SIGNING_${id.toUpperCase() as Uppercase<RemoteSigningProviderId>}` as const;
    const baseUrl = values[`${prefix}_URL`];
    const clientId = values[`${prefix}_CLIENT_ID`];
    const clientSecret = values[`${prefix}_CLIENT_SECRET`];
    if (baseUrl && clientId && clientSecret) providers[id] = { baseUrl, clientId, clientSecret };
  }
  return { providers, timeoutMs: values.REMOTE_SIGNING_TIMEOUT_MS };
}
