/**
 * A partner's check of its callers' shared-secret credentials (client id and secret, HTTP Basic or in the
 * message), and the onRequest hook refusing the others with 401 and the partner's challenge. Secrets are hashed
 * first, so every comparison is of equal lengths and takes the same time whatever the guess.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether an id and a secret are one of the clients'. */
export function clientSecretCheck(clients: readonly ClientCredentials[]) {
  const known = clients.map((c) => ({ clientId: c.clientId, secret: digest(c.clientSecret) }));
  return (clientId: string | undefined, secret: string) => {
    const presented = digest(secret);
    return known.some((c) => timingSafeEqual(c.secret, presented) && c.clientId === clientId);
  };
}

/** Whether an `Authorization` header is HTTP Basic with one of the clients' id and secret. */
export function basicClientCheck(clients: readonly ClientCredentials[]) {
  const check = clientSecretCheck(clients);
  return (authorization: string | undefined) => {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    return check(decoded.slice(0, colon), decoded.slice(colon + 1));
  };
}

/**
 * The onRequest hook refusing a caller whose `Authorization` header `accepts` does not accept: 401 with the
 * partner's `WWW-Authenticate` challenge (`Basic realm="vss"`), and `onRefused` sends the partner's own body.
 */
export function clientGuard(
  accepts: (authorization: string | undefined) => boolean,
  challenge: string,
  onRefused: (request: FastifyRequest, reply: FastifyReply) => unknown,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!accepts(request.headers.authorization))
      return onRefused(request, reply.code(401).header('www-authenticate', challenge));
  };
}
