/** OAuth2 client-credentials tokens, one issuer per carrier: opaque bearer tokens that expire by the injected clock. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CarrierId } from '../../domain/carriers.ts';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export function createTokenIssuer(options: {
  clients: Record<CarrierId, ClientCredentials>;
  now: () => Date;
  /** How long a token lives; short in conformance tests so an expired token can be had by moving the clock. */
  ttlSeconds: number;
}) {
  if (!(Number.isInteger(options.ttlSeconds) && options.ttlSeconds >= 1))
    throw new RangeError('token ttlSeconds must be a whole number of seconds >= 1');
  const tokens = new Map<string, { carrier: CarrierId; expiresAt: number }>();
  return {
    /** A token for the carrier when the client's credentials are the carrier's; undefined otherwise. */
    issue(
      carrier: CarrierId,
      clientId: string,
      clientSecret: string,
    ): { token: string; expiresIn: number } | undefined {
      const expected = options.clients[carrier];
      if (!expected || !same(expected.clientId, clientId) || !same(expected.clientSecret, clientSecret))
        return undefined;
      const now = options.now().getTime();
      for (const [token, entry] of tokens) if (entry.expiresAt <= now) tokens.delete(token);
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { carrier, expiresAt: now + options.ttlSeconds * 1000 });
      return { token, expiresIn: options.ttlSeconds };
    },
    /** True when the bearer token is live and was issued by this carrier. */
    valid(carrier: CarrierId, authorization: string | undefined): boolean {
      const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
      const entry = token ? tokens.get(token) : undefined;
      return !!entry && entry.carrier === carrier && entry.expiresAt > options.now().getTime();
    },
  };
}
