/**
 * Liveness (/healthz: the process answers) and readiness (/readyz: every dependency answers within its
 * timeout; 503 problem+json naming the failing ones otherwise, so a load balancer stops sending traffic).
 */
import type { FastifyInstance } from 'fastify';
import { Problem, sendProblem } from '../problem.ts';

export type ReadinessChecks = Record<string, () => Promise<void>>;

const CHECK_TIMEOUT_MS = 1500;

function withTimeout(check: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    check(),
    new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function healthRoutes(app: FastifyInstance, options: { checks: ReadinessChecks }) {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process runs' } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'Stores and partners are reachable' } },
    async (request, reply) => {
      const names = Object.keys(options.checks);
      const results = await Promise.allSettled(names.map((name) => withTimeout(options.checks[name]!)));
      const checks = Object.fromEntries(
        names.map((name, i) => [name, results[i]!.status === 'fulfilled' ? 'ok' : 'failing']),
      );
      if (results.every((r) => r.status === 'fulfilled')) return { status: 'ready', checks };
      return sendProblem(
        request,
        reply,
        new Problem(503, 'SERVICE_UNAVAILABLE', { retryAfterSeconds: 5, extensions: { checks } }),
      );
    },
  );
}
