/**
 * Which carrier serves a number now: the number-portability (MNP) service first, the prefix's original
 * allocation second when that service cannot answer (a ported number keeps its prefix, so the prefix
 * alone may name the wrong carrier; the fallback is counted and logged).
 */
import type { Logger } from 'pino';
import { type CarrierId, isCarrierId } from '../../domain/carriers.ts';
import type { CircuitBreaker } from '../http/circuit-breaker.ts';
import { CallFailure, callHttp, type HttpAnswer } from '../http/http-call.ts';
import type { CarrierMetrics } from './carrier-metrics.ts';

export type ServingCarrier =
  | { kind: 'found'; carrier: CarrierId; via: 'mnp' | 'prefix' }
  | { kind: 'unknown' };

export interface ServingCarrierOptions {
  /** e.g. http://127.0.0.1:3000/mnp/v1 */
  mnpBaseUrl: string;
  timeoutMs: number;
  breaker: CircuitBreaker;
  metrics: CarrierMetrics;
  logger: Logger | undefined;
}

export interface ServingCarrierLookup {
  resolve(e164: string, allocatedCarrier: CarrierId, correlator: string): Promise<ServingCarrier>;
  /** Resolves when the MNP service answers a lookup; rejects otherwise. */
  ping(): Promise<void>;
}

/** A well-formed number in a Viettel block, looked up by ping(): any definite answer proves the service up. */
const PING_NUMBER = '+84960000000';

export function createServingCarrierLookup(options: ServingCarrierOptions): ServingCarrierLookup {
  const base = options.mnpBaseUrl.replace(/\/+$/, '');

  function lookup(e164: string, correlator: string): Promise<HttpAnswer> {
    return callHttp({
      method: 'GET',
      url: `${base}/numbers/${encodeURIComponent(e164)}`,
      headers: { 'x-correlator': correlator },
      timeoutMs: options.timeoutMs,
      // A read: repeating it once after a refused or reset connection is safe.
      retryOnConnectionError: true,
    });
  }

  return {
    async resolve(e164, allocatedCarrier, correlator) {
      const fallback = (why: string): ServingCarrier => {
        options.metrics.mnpFallback(why);
        options.logger?.warn({ correlator, why }, 'number portability unavailable; using the prefix carrier');
        return { kind: 'found', carrier: allocatedCarrier, via: 'prefix' };
      };
      const permit = options.breaker.tryAcquire();
      if (!permit) {
        options.metrics.rejected('mnp', 'circuit_open');
        return fallback('circuit_open');
      }
      const started = performance.now();
      const observe = (outcome: string) =>
        options.metrics.call('mnp', 'mnp_lookup', outcome, (performance.now() - started) / 1000);
      let answer: HttpAnswer;
      try {
        answer = await lookup(e164, correlator);
      } catch (error) {
        permit.fail();
        const kind = error instanceof CallFailure ? error.kind : 'connection';
        observe(kind);
        return fallback(kind);
      }
      if (answer.status === 400 || answer.status === 404) {
        // A definite answer: no carrier serves this number.
        permit.succeed();
        observe(`http_${answer.status}`);
        return { kind: 'unknown' };
      }
      const carrier = answer.status === 200 ? servingCarrierOf(answer.body) : undefined;
      if (!carrier) {
        permit.fail();
        observe(answer.status === 200 ? 'bad_response' : `http_${answer.status}`);
        return fallback(answer.status === 200 ? 'bad_response' : 'http_error');
      }
      permit.succeed();
      observe('ok');
      return { kind: 'found', carrier, via: 'mnp' };
    },

    async ping() {
      const answer = await lookup(PING_NUMBER, 'readiness-probe');
      if (answer.status === 200 ? !servingCarrierOf(answer.body) : answer.status !== 404)
        throw new Error(`number portability service answered ${answer.status}`);
    },
  };
}

function servingCarrierOf(body: unknown): CarrierId | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const carrier = (body as Record<string, unknown>).carrier;
  return typeof carrier === 'string' && isCarrierId(carrier) ? carrier : undefined;
}
