/**
 * Prometheus metrics: process metrics and a request-duration histogram per route pattern (never the raw
 * URL, which can carry phone numbers). Served at GET /metrics from the registry the composition root owns,
 * to whoever the exposure allows: everyone, only a scraper with the bearer token, or nobody (404).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, type Registry } from 'prom-client';
import { Problem, sendProblem } from '../problem.ts';

export interface MetricsExposure {
  exposed: boolean;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  token: string | undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests so neither the token's length nor its prefix leaks through timing. */
function presentsToken(request: FastifyRequest, token: string): boolean {
  const presented = /^Bearer[ \t]+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

async function metrics(
  app: FastifyInstance,
  options: { registry: Registry; exposure?: MetricsExposure | undefined },
) {
  const { registry } = options;
  const exposure = options.exposure ?? { exposed: true, token: undefined };
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
  });
  if (!exposure.exposed) {
    app.log.info('GET /metrics is off: set METRICS_TOKEN to expose it to a scraper');
    return;
  }
  const { token } = exposure;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token !== undefined && !presentsToken(request, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendProblem(request, reply, new Problem(401, 'UNAUTHENTICATED'));
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

export const metricsPlugin = fp(metrics, { name: 'metrics' });
