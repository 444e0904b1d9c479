/**
 * A partner's fault switches for fault tests, the same on every simulator that has them: an outage (the partner
 * answers 503 with `Retry-After: 30`, in its own error shape) and a latency (every answer of its API waits that
 * long), the onRequest hook that applies them, and the dev routes that set them (`POST <base>/outage
 * { "down": true | false }` answering `{ down }`, `POST <base>/latency { "ms": n }` answering `{ ms }`).
 * Each partner keeps its own wording: the status and message of a refused switch are options.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface FaultSwitches {
  down: boolean;
  latencyMs: number;
}

/**
 * The onRequest hook of a partner's API: waits the latency, then, while the partner is down, sets 503 and
 * `Retry-After: 30` and lets `onDown` send the partner's own outage answer. Without `onDown` only the latency
 * applies: the partner decides route by route what an outage stops.
 */
export function partnerFaults(
  faults: FaultSwitches,
  onDown?: (request: FastifyRequest, reply: FastifyReply) => unknown,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.down && onDown) return onDown(request, reply.code(503).header('retry-after', '30'));
  };
}

export interface FaultSwitchRouteOptions {
  /** The status of a refused switch: 422 unless the partner's contract says otherwise. */
  refusedStatus?: number;
  /** The longest latency the switch accepts, in ms: 60 000 unless the partner's contract says otherwise. */
  maxLatencyMs?: number;
  /** The partner's wording of a refused switch (`error` of the answer). */
  refusals?: { down: string; ms: string };
  /** More outage switches under the same base, by path (`/ocsp/outage`), each setting its own flag. */
  outages?: Record<string, (down: boolean) => void>;
}

/** `POST <base>/outage` and `POST <base>/latency` (and any further outage switches) on a partner's dev API. */
export function faultSwitchRoutes(
  app: FastifyInstance,
  base: string,
  faults: FaultSwitches,
  options: FaultSwitchRouteOptions = {},
) {
  const refusedStatus = options.refusedStatus ?? 422;
  const maxMs = options.maxLatencyMs ?? 60_000;
  const refusals = options.refusals ?? {
    down: 'down must be true or false',
    ms: `ms must be an integer from 0 to ${maxMs}`,
  };
  const hidden = { schema: { hide: true } };
  const outage = (path: string, set: (down: boolean) => void) =>
    app.post(`${base}${path}`, hidden, async (request, reply) => {
      const down = (request.body as { down?: unknown } | undefined)?.down;
      if (typeof down !== 'boolean') return reply.code(refusedStatus).send({ error: refusals.down });
      set(down);
      return { down };
    });
  outage('/outage', (down) => {
    faults.down = down;
  });
  for (const [path, set] of Object.entries(options.outages ?? {})) outage(path, set);
  app.post(`${base}/latency`, hidden, async (request, reply) => {
    const ms = (request.body as { ms?: unknown } | undefined)?.ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > maxMs)
      return reply.code(refusedStatus).send({ error: refusals.ms });
    faults.latencyMs = ms;
    return { ms };
  });
}
