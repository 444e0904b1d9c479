/**
 * Mounts the OpenID Provider in the hub's Fastify app: discovery at the issuer's `/.well-known/openid-configuration`
 * and the protocol endpoints under /oidc, handed to oidc-provider as they arrive (bodies unread, so it parses
 * them itself). Hidden from the OpenAPI document: the protocol is described by discovery, not by our API.
 *
 * The provider is built once the server listens (the issuer, in dev, is the address it got); until then its
 * routes answer 503. The interaction glue (interaction.ts) lives here too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { fastifyRequestOf } from './error-page.tsx';
import { type InteractionGlueOptions, interactionRoutes } from './interaction.ts';
import { OIDC_PREFIX } from './provider.ts';

export interface OidcMount {
  routes: (scope: FastifyInstance) => Promise<void>;
  attach(provider: Provider): void;
  provider(): Provider | undefined;
}

export function oidcMount(glue: Omit<InteractionGlueOptions, 'provider'>): OidcMount {
  let attached: Provider | undefined;
  let callback: ReturnType<Provider['callback']> | undefined;
  const provider = () => attached;

  async function handOver(request: FastifyRequest, reply: FastifyReply) {
    if (!callback)
      return reply.code(503).header('retry-after', '1').send({ error: 'temporarily_unavailable' });
    fastifyRequestOf.set(request.raw, request);
    reply.hijack();
    callback(request.raw, reply.raw);
  }

  return {
    provider,
    attach(instance) {
      attached = instance;
      callback = instance.callback();
    },
    async routes(scope) {
      await scope.register(async (protocol) => {
        // oidc-provider reads the bodies itself (form posts to /token, /request, JSON to /reg).
        protocol.removeAllContentTypeParsers();
        protocol.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
        const methods = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const;
        const hidden = { schema: { hide: true } };
        protocol.route({
          method: [...methods],
          url: '/.well-known/openid-configuration',
          ...hidden,
          handler: handOver,
        });
        protocol.route({ method: [...methods], url: `${OIDC_PREFIX}/*`, ...hidden, handler: handOver });
      });
      await scope.register(interactionRoutes, { ...glue, provider });
    },
  };
}
