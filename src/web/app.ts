/**
 * Builds the Fastify application: strict JSON handling (16 KiB bodies, no unknown fields, no coercion),
 * problem+json errors (also for what the HTTP parser refuses), request timeouts, request ids, security headers, metrics, OpenAPI docs and health. Feature routes
 * (the API, pages, and in dev the simulators) are registered by the composition root through `routes`.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { TrustProxy } from '../config/config.ts';
import { scrubDigits } from '../lib/redaction.ts';
import { connectionCloseWhileDraining } from './graceful-close.ts';
import {
  clientErrorHandler,
  frameworkErrors,
  type HttpTimeouts,
  permissionsPolicy,
  timeoutOptions,
} from './http-edge.ts';
import { docsPlugin } from './plugins/docs.ts';
import { BODY_LIMIT_BYTES, type ErrorsOptions, errorsPlugin } from './plugins/errors.ts';
import { languagePlugin } from './plugins/language.ts';
import { type MetricsExposure, metricsPlugin } from './plugins/metrics.ts';
import { healthRoutes, type ReadinessChecks } from './routes/health.ts';

export interface AppOptions {
  logger: Logger;
  registry: Registry;
  portalName: string;
  production: boolean;
  readiness: ReadinessChecks;
  /** Feature routes, registered after the common plugins so the docs see their schemas. */
  routes?: (app: FastifyInstance) => Promise<void>;
  /** The HTML page for unknown addresses asked for by browsers. */
  notFoundPage?: ErrorsOptions['notFoundPage'];
  /** Proxies in front of the portal whose X-Forwarded-For is trusted (`request.ip` is then the client's). */
  trustProxy?: TrustProxy;
  /** Slow-loris protection; defaults in src/config/config.ts. */
  timeouts?: Partial<HttpTimeouts>;
  /** Who may read GET /metrics; public when absent. */
  metrics?: MetricsExposure;
  /**
   * Origins the hub's forms may lead to besides itself: a sign-in or step-up form posted inside an
   * authorization ends in a redirect to the portal, and browsers hold that redirect to `form-action` too.
   */
  formTargets?: string[];
  /**
   * Origins the pages' scripts may connect to besides the hub: the citizen's local signing agent
   * (`wss://127.0.0.1:<port>`), which the USB-token pages reach over a WebSocket.
   */
  connectTargets?: string[];
}

const REQUEST_ID = /^[\w.-]{8,80}$/;
// Asked for many times per page or by probes: a developer wants them only at LOG_LEVEL=debug.
const QUIET_ROUTE = /^\/static\/|\.(css|js|ico|png|svg|woff2?)$|^\/healthz$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    ...timeoutOptions(options.timeouts),
    clientErrorHandler,
    frameworkErrors,
    // Off, so that every incoming id goes through genReqId's check: a header Fastify took as it is would put
    // any client text (a phone number, say) into every log line.
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true },
    },
    return503OnClosing: true,
    // Shutdown drains connections itself (graceful-close.ts) instead of cutting idle ones.
    forceCloseConnections: false,
    // Dev writes one short line per request instead (devRequestLog); production keeps Fastify's own records.
    logController: new LogController({ disableRequestLogging: !options.production }),
  });

  // The API speaks JSON only: without this, Fastify's built-in text/plain parser would let plain text through
  // to schema validation (400) instead of the 415 api.md asks for. Pages add form parsing in their own scope.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  connectionCloseWhileDraining(app);
  permissionsPolicy(app);
  if (!options.production) devRequestLog(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'", ...(options.formTargets ?? [])],
        connectSrc: ["'self'", ...(options.connectTargets ?? [])],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: options.production ? [] : null,
      },
    },
    strictTransportSecurity: options.production,
  });
  await app.register(cookie);
  await app.register(languagePlugin);
  await app.register(errorsPlugin, { notFoundPage: options.notFoundPage });
  await app.register(metricsPlugin, { registry: options.registry, exposure: options.metrics });
  await app.register(docsPlugin, { portalName: options.portalName });
  await app.register(healthRoutes, { checks: options.readiness });
  if (options.routes) await app.register(options.routes);
  return app;
}

/**
 * One line per answered request: method, route pattern, status, milliseconds. The pattern, not the URL, so a
 * phone number in a path (/sim/phones/0912…) or a query string never reaches the log.
 */
function devRequestLog(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? scrubDigits(request.url.split('?')[0] ?? '');
    const ms = Math.round(reply.elapsedTime);
    const line = `${request.method} ${route} ${reply.statusCode} ${ms} ms`;
    if (QUIET_ROUTE.test(route)) request.log.debug(line);
    else request.log.info(line);
  });
}
