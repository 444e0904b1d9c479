/**
 * POSTID_*: the hub as a client of Vietnam Post's PostID (docs/methods.md "Vietnam Post"). In dev mode, unset
 * values come from the built-in PostID simulator (its issuer on its own port, the `devPostIdClient` credentials);
 * in production all three or none (none: the method is not offered, its pages say PostID is unavailable).
 * Discovery from the issuer does the rest. Their checks (an http(s) issuer, no colon in the client id, all three
 * or none) are in the schema, environment.ts.
 */
import type { Values } from './environment.ts';

export interface PostIdConfig {
  /** PostID's issuer URL; in dev, when unset, the simulator's. */
  issuer: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** Per call to PostID (discovery, token, userinfo, keys). */
  timeoutMs: number;
}

export function readPostIdConfig(
  values: Pick<Values, 'POSTID_ISSUER' | 'POSTID_CLIENT_ID' | 'POSTID_CLIENT_SECRET' | 'POSTID_TIMEOUT_MS'>,
): PostIdConfig {
  return {
    issuer: values.POSTID_ISSUER,
    clientId: values.POSTID_CLIENT_ID,
    clientSecret: values.POSTID_CLIENT_SECRET,
    timeoutMs: values.POSTID_TIMEOUT_MS,
  };
}
