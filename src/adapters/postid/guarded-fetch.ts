/**
 * The HTTP client openid-client uses to reach PostID, guarded as every partner is (partner-guard.ts is made of
 * the same parts): a circuit breaker, a hard timeout over the whole exchange (body included), call metrics and one
 * log line for a call without a usable answer. It is a `fetch` rather than a `PartnerGuard.call` because the OpenID
 * library must see PostID's own answers, a 400 `invalid_grant` included: that is PostID refusing a code (a
 * tampered callback), not PostID failing, so it passes through and does not count against the circuit.
 * PostID not answering, answering 5xx or too slowly throws `PartnerUnavailable` and counts against it.
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { scrubDigits } from '../../lib/redaction.ts';
import { CircuitBreaker, DEFAULT_BREAKER_SETTINGS } from '../http/circuit-breaker.ts';
import { createPartnerMetrics } from '../http/partner-metrics.ts';

export class PartnerUnavailable extends Error {
  override readonly name = 'PartnerUnavailable';
}

export interface GuardedFetchOptions {
  partner: string;
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  registry: Registry;
  /** The HTTP client underneath (tests); the global fetch by default. */
  fetch?: typeof fetch;
}

const NO_BODY = new Set([101, 204, 205, 304]);

export function createGuardedFetch(options: GuardedFetchOptions) {
  const { partner, logger } = options;
  const send = options.fetch ?? fetch;
  const metrics = createPartnerMetrics(options.registry);
  const breaker = new CircuitBreaker({
    ...DEFAULT_BREAKER_SETTINGS,
    now: options.now,
    onStateChange(state) {
      metrics.breakerState(partner, state);
      const log = state === 'open' ? logger.warn.bind(logger) : logger.info.bind(logger);
      log({ partner, state }, `circuit ${state.replace('_', '-')}`);
    },
  });
  metrics.breakerState(partner, 'closed');

  /** The operation named by the URL's last path segment (token, userinfo, jwks, ...), never its query. */
  const operationOf = (url: string) => {
    try {
      return scrubDigits(new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'root').slice(0, 40);
    } catch {
      return 'unknown';
    }
  };

  const guardedFetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const operation = operationOf(url);
    const permit = breaker.tryAcquire();
    if (!permit) {
      metrics.rejected(partner, 'circuit_open');
      logger.warn(
        { partner, operation, failure: 'circuit_open' },
        `${partner} not asked: its circuit is open`,
      );
      throw new PartnerUnavailable(`${partner}: circuit open`);
    }
    const started = performance.now();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await send(url, { ...init, signal });
      // Read in full under the same timeout: a partner that trickles its answer is as slow as one that waits.
      const body = NO_BODY.has(response.status) ? null : await response.arrayBuffer();
      if (response.status >= 500) {
        permit.fail();
        metrics.call(partner, operation, `http_${response.status}`, seconds());
        logger.warn(
          { partner, operation, status: response.status, ms: Math.round(seconds() * 1000) },
          `${partner} answered with an error`,
        );
        throw new PartnerUnavailable(`${partner} answered ${response.status}`);
      }
      permit.succeed();
      metrics.call(partner, operation, response.status < 400 ? 'ok' : `http_${response.status}`, seconds());
      return new Response(body, { status: response.status, headers: response.headers });
    } catch (error) {
      if (error instanceof PartnerUnavailable) throw error;
      permit.fail();
      const failure = timeout.aborted ? 'timeout' : 'connection';
      metrics.call(partner, operation, failure, seconds());
      const detail = scrubDigits(error instanceof Error ? error.message : String(error));
      logger.warn(
        { partner, operation, failure, detail, ms: Math.round(seconds() * 1000) },
        `${partner} gave no answer`,
      );
      throw new PartnerUnavailable(`${partner}: ${failure}`);
    }
  };

  return {
    fetch: guardedFetch,
    async ping() {
      if (breaker.state === 'open')
        throw new Error(`the ${partner} circuit is open: its recent calls failed`);
    },
  };
}
