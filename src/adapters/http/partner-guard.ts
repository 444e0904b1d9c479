/**
 * What a registry partner's client needs around each call: a circuit breaker, a timeout, call metrics and
 * exactly one log line for a call that got no usable answer. The partner's adapter only says how to read
 * a 200 answer and where the partner puts its error code; every other way a call can end is sorted here.
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { scrubDigits } from '../../lib/redaction.ts';
import { CircuitBreaker, DEFAULT_BREAKER_SETTINGS } from './circuit-breaker.ts';
import { CallFailure, callHttp, type HttpRequest } from './http-call.ts';
import { createPartnerMetrics } from './partner-metrics.ts';

export interface PartnerGuardOptions {
  /** Metrics label and log field, e.g. 'population'. */
  partner: string;
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  registry: Registry;
  /** The partner's error code in an error answer's body, for the logs (never its message: it may quote input). */
  errorCodeOf(body: unknown): unknown;
}

export interface PartnerCall<T> {
  operation: string;
  request: Omit<HttpRequest, 'timeoutMs'>;
  /** The meaning of a 200 answer's JSON body; undefined when it cannot be read. */
  read(body: unknown): T | undefined;
  /**
   * The meaning of an error answer the partner gives as an answer to the question (a CSC `access_denied`: the
   * citizen declined), which is not a failure of the partner; undefined for the others, sorted as usual.
   */
  readRefusal?(status: number, body: unknown): T | undefined;
  requestId: string;
}

export interface PartnerGuard {
  /** The partner's answer read, or undefined when there is none to use (the caller says "unavailable"). */
  call<T>(call: PartnerCall<T>): Promise<T | undefined>;
  /** Rejects while the circuit is open, i.e. recent calls failed (readiness). */
  ping(): Promise<void>;
}

/** How one call ended, for the breaker, the metrics and the one log line. */
type Ending<T> =
  | { value: T }
  | {
      failure: string;
      /**
       * The partner itself worked: it refused our request (400). Not counted against it, or any citizen
       * whose input we pass on badly could open the circuit for everyone.
       */
      partnerWorked: boolean;
      level: 'warn' | 'error';
      why: string;
      status?: number;
      partnerCode?: string;
      /** Scrubbed error text; an error's cause is left out (a JSON parse error quotes the answer). */
      detail?: string;
    };

export function createPartnerGuard(options: PartnerGuardOptions): PartnerGuard {
  const { partner, logger } = options;
  if (!(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0))
    throw new RangeError('timeoutMs must be a positive number');
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

  async function exchange<T>(call: PartnerCall<T>): Promise<Ending<T>> {
    try {
      const { status, body } = await callHttp({ ...call.request, timeoutMs: options.timeoutMs });
      if (status === 200) {
        const value = call.read(body);
        if (value !== undefined) return { value };
        return {
          failure: 'bad_response',
          partnerWorked: false,
          level: 'warn',
          why: 'answered what we cannot read',
          status,
        };
      }
      const refusal = call.readRefusal?.(status, body);
      if (refusal !== undefined) return { value: refusal };
      const answered = {
        failure: `http_${status}`,
        status,
        partnerCode: partnerCodeOf(options.errorCodeOf(body)),
      };
      if (status === 400)
        return {
          ...answered,
          partnerWorked: true,
          level: 'error',
          why: 'refused our request as malformed: a bug on our side',
        };
      // Refused credentials do not heal by themselves: someone must fix the configuration.
      if (status === 401 || status === 403)
        return { ...answered, partnerWorked: false, level: 'error', why: 'refused our credentials' };
      return { ...answered, partnerWorked: false, level: 'warn', why: 'answered with an error' };
    } catch (error) {
      const detail = scrubDigits(error instanceof Error ? error.message : String(error));
      if (error instanceof CallFailure) {
        const why = error.kind === 'bad_response' ? 'answered what we cannot read' : 'gave no answer';
        return { failure: error.kind, partnerWorked: false, level: 'warn', why, detail };
      }
      return {
        failure: 'bug',
        partnerWorked: true,
        level: 'error',
        why: 'could not be asked (a bug)',
        detail,
      };
    }
  }

  return {
    async call(call) {
      const context = { partner, operation: call.operation, requestId: call.requestId };
      const permit = breaker.tryAcquire();
      if (!permit) {
        metrics.rejected(partner, 'circuit_open');
        logger.warn({ ...context, failure: 'circuit_open' }, `${partner} not asked: its circuit is open`);
        return undefined;
      }
      const started = performance.now();
      const ending = await exchange(call);
      const seconds = (performance.now() - started) / 1000;
      if ('value' in ending) {
        permit.succeed();
        metrics.call(partner, call.operation, 'ok', seconds);
        return ending.value;
      }
      const { partnerWorked, level, why, ...facts } = ending;
      if (partnerWorked) permit.succeed();
      else permit.fail();
      metrics.call(partner, call.operation, facts.failure, seconds);
      logger[level]({ ...context, ...facts, ms: Math.round(seconds * 1000) }, `${partner} ${why}`);
      return undefined;
    },

    async ping() {
      if (breaker.state === 'open')
        throw new Error(`the ${partner} registry's circuit is open: its recent calls failed`);
    },
  };
}

function partnerCodeOf(code: unknown): string | undefined {
  return typeof code === 'string' ? scrubDigits(code.slice(0, 80)) : undefined;
}
