/**
 * A portal app: its own Fastify server, cookies and sessions, signing citizens in through the hub as a
 * relying party. `definition` says which portal (names, colour, services); `config` where the hub is and who
 * this portal is to it.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLogger } from '../../lib/logger.ts';
import { authRoutes } from './auth-routes.ts';
import type { PortalConfig } from './config.ts';
import { type PortalRuntime, pageContext, sendHtml } from './context.ts';
import type { PortalDefinition } from './definition.ts';
import { pageRoutes } from './page-routes.ts';
import { ErrorPage } from './pages.tsx';
import { HubUnavailableError, type RelyingParty, relyingParty } from './relying-party.ts';
import { DEFAULT_SESSION_OPTIONS, MemorySessionStore, type SessionStoreOptions } from './sessions.ts';

export interface PortalAppDeps {
  logger?: Logger;
  now?: () => Date;
  /** The HTTP client towards the hub (tests record what the portal sends). */
  fetch?: typeof fetch;
  sessions?: Partial<Omit<SessionStoreOptions, 'now'>>;
}

export interface PortalApp {
  app: FastifyInstance;
  sessions: MemorySessionStore;
  relyingParty: RelyingParty;
}

// A portal's forms are small: a body beyond this is not one of them.
const BODY_LIMIT_BYTES = 16 * 1024;

export async function createPortalApp(
  definition: PortalDefinition,
  config: PortalConfig,
  deps: PortalAppDeps = {},
): Promise<PortalApp> {
  const now = deps.now ?? (() => new Date());
  const logger = (deps.logger ?? createLogger({ level: config.logLevel })).child(
    { portal: definition.id },
    {
      // The callback's query carries the authorization code and state: never written down.
      serializers: {
        req: (req: { method?: string; url?: string }) => ({
          method: req.method,
          url: req.url?.split('?')[0],
        }),
      },
    },
  );
  const sessions = new MemorySessionStore({
    ...DEFAULT_SESSION_OPTIONS,
    ...deps.sessions,
    now: () => now().getTime(),
  });
  const runtime: PortalRuntime = {
    definition,
    sessions,
    dev: config.mode === 'dev',
    secureCookies: config.publicUrl.protocol === 'https:',
    publicUrl: config.publicUrl,
  };
  const rp = relyingParty(config, { now, ...(deps.fetch && { fetch: deps.fetch }) });

  const app = Fastify({ loggerInstance: logger, bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: true });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'none'"],
        // Signing out posts a form that redirects to the hub: browsers check form-action along redirects.
        formAction: ["'self'", config.issuer.origin],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.mode === 'production' ? [] : null,
      },
    },
    strictTransportSecurity: config.mode === 'production',
  });
  await app.register(cookie, { secret: config.cookieSecret });
  await app.register(formbody);

  app.setNotFoundHandler((request, reply) => {
    const ctx = pageContext(runtime, request);
    return sendHtml(
      reply,
      ErrorPage({ ctx, title: ctx.t.errors.notFoundTitle, detail: ctx.t.errors.notFound }),
      404,
    );
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const ctx = pageContext(runtime, request);
    if (error instanceof HubUnavailableError) {
      request.log.warn({ reason: error.message }, 'the hub is unavailable');
      reply.header('retry-after', '30');
      return sendHtml(
        reply,
        ErrorPage({ ctx, title: ctx.t.errors.unavailableTitle, detail: ctx.t.errors.unavailable }),
        503,
      );
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unexpected error');
    return sendHtml(
      reply,
      ErrorPage({
        ctx,
        title: status === 500 ? ctx.t.errors.unavailableTitle : ctx.t.errors.badRequestTitle,
        detail: status === 500 ? ctx.t.errors.other : ctx.t.errors.badRequest,
      }),
      status,
    );
  });

  await app.register(authRoutes(runtime, rp));
  await app.register(pageRoutes(runtime, rp));
  // Typed with the base logger, like every plugin it is given to.
  return { app: app as unknown as FastifyInstance, sessions, relyingParty: rp };
}
