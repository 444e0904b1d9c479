/**
 * POSTID_*: the hub as a client of Vietnam Post's PostID (docs/methods.md "Vietnam Post"). In dev mode, unset
 * values come from the built-in PostID simulator (its issuer on its own port, the `devPostIdClient` credentials);
 * in production all three or none (none: the method is not offered, its pages say PostID is unavailable).
 * Discovery from the issuer does the rest.
 */
export interface PostIdConfig {
  /** PostID's issuer URL; in dev, when unset, the simulator's. */
  issuer: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** Per call to PostID (discovery, token, userinfo, keys). */
  timeoutMs: number;
}

type Env = Record<string, string | undefined>;

export function readPostIdConfig(
  env: Env,
  mode: 'dev' | 'production',
  problems: string[],
  parseTimeout: (name: string, fallback: number) => number,
): PostIdConfig {
  const setting = (name: string) => env[name] || undefined;
  const issuer = setting('POSTID_ISSUER');
  if (issuer !== undefined && !isHttpUrl(issuer))
    problems.push(`POSTID_ISSUER must be an http(s) URL, got "${issuer}"`);
  const clientId = setting('POSTID_CLIENT_ID');
  const clientSecret = setting('POSTID_CLIENT_SECRET');
  // client_secret_basic cannot carry a colon in the client id (RFC 7617).
  if (clientId?.includes(':')) problems.push('POSTID_CLIENT_ID must not contain ":"');
  // All three or none: a hub without PostID does not offer the method (its pages say PostID is unavailable).
  const given = [issuer, clientId, clientSecret].filter((value) => value !== undefined).length;
  if (mode === 'production' && given > 0 && given < 3)
    problems.push(
      'POSTID_ISSUER, POSTID_CLIENT_ID and POSTID_CLIENT_SECRET go together: set all three or none',
    );
  return {
    issuer,
    clientId,
    clientSecret,
    timeoutMs: parseTimeout('POSTID_TIMEOUT_MS', 3000),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
