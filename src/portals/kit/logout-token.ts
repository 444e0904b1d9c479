/**
 * Verifies a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6) with `jose`:
 * openid-client 6 has no helper for it. Signed by a key of the hub's JWKS with an algorithm it announces, from
 * the hub (`iss`), for this portal (`aud`), recent (`iat`; `exp` when present), a logout event, naming a
 * session or subject, without `nonce` (so an ID token can never pass for one), and each `jti` accepted once.
 */
import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export interface LogoutTokenVerifierOptions {
  issuer: string;
  clientId: string;
  keys: JWTVerifyGetKey;
  algorithms: string[];
  now: () => Date;
  /** A token older than this is refused (its `jti` is remembered for as long). */
  maxAgeSeconds?: number;
}

export interface VerifiedLogout {
  sid: string | undefined;
  sub: string | undefined;
}

export class LogoutTokenError extends Error {
  override readonly name = 'LogoutTokenError';
}

const DEFAULT_MAX_AGE_SECONDS = 120;
// Clocks of the hub and a portal are a few seconds apart at most.
const CLOCK_TOLERANCE_SECONDS = 5;

export function logoutTokenVerifier(options: LogoutTokenVerifierOptions) {
  const maxAge = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const seen = new Map<string, number>();

  function forgetOld(nowSeconds: number) {
    for (const [jti, until] of seen) if (until < nowSeconds) seen.delete(jti);
  }

  return async function verifyLogoutToken(token: string): Promise<VerifiedLogout> {
    const now = options.now();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.clientId,
        algorithms: options.algorithms,
        currentDate: now,
        maxTokenAge: maxAge,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['iat', 'jti'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new LogoutTokenError(describe(error));
      throw error;
    }
    const events = payload.events as Record<string, unknown> | undefined;
    const event = events?.[BACKCHANNEL_LOGOUT_EVENT];
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      throw new LogoutTokenError('no back-channel logout event');
    if ('nonce' in payload) throw new LogoutTokenError('a logout token carries no nonce');
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (!sid && !sub) throw new LogoutTokenError('names neither a session (sid) nor a subject (sub)');
    const nowSeconds = Math.floor(now.getTime() / 1000);
    forgetOld(nowSeconds);
    const jti = String(payload.jti);
    if (seen.has(jti)) throw new LogoutTokenError('already used (jti)');
    seen.set(jti, nowSeconds + maxAge + CLOCK_TOLERANCE_SECONDS);
    return { sid, sub };
  };
}

function describe(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim ${error.claim} refused (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the hub matches';
  return error.code;
}
