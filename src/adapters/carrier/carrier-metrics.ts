/**
 * Prometheus metrics of the carrier adapter: call latency and outcome per carrier and operation, owner
 * check decisions, number-portability fallbacks, token fetches and circuit-breaker states.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState } from '../http/circuit-breaker.ts';
import { BREAKER_STATE_VALUE, registerOnce } from '../http/partner-metrics.ts';

/** A carrier id, or 'mnp' for the number-portability service. */
export type Target = string;
export type Operation = 'token' | 'kyc_match' | 'sim_swap' | 'sim_swap_date' | 'mnp_lookup';

export interface CarrierMetrics {
  call(target: Target, operation: Operation, outcome: string, seconds: number): void;
  decision(carrier: string | undefined, outcome: string, reasons?: readonly string[]): void;
  mnpFallback(why: string): void;
  tokenFetch(carrier: string, outcome: string): void;
  breakerState(target: Target, state: BreakerState): void;
  /** A call not made: its circuit was open, or too many checks were already waiting on that carrier. */
  rejected(target: Target, reason: 'circuit_open' | 'too_many_in_flight'): void;
}

export function createCarrierMetrics(registry: Registry): CarrierMetrics {
  const calls = registerOnce(
    registry,
    'carrier_call_duration_seconds',
    (name) =>
      new Histogram({
        name,
        help: 'Duration of calls to carrier services (CAMARA APIs, OAuth2 tokens, number portability) by outcome',
        labelNames: ['target', 'operation', 'outcome'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
        registers: [registry],
      }),
  );
  const decisions = registerOnce(
    registry,
    'carrier_owner_check_total',
    (name) =>
      new Counter({
        name,
        help: 'Owner-check decisions per serving carrier (owner, not_owner, unknown_number, carrier_unavailable)',
        labelNames: ['carrier', 'outcome'],
        registers: [registry],
      }),
  );
  const reasons = registerOnce(
    registry,
    'carrier_owner_check_refusal_reasons_total',
    (name) =>
      new Counter({
        name,
        help: 'Facts that failed in not_owner decisions, per carrier (one decision can count several)',
        labelNames: ['carrier', 'reason'],
        registers: [registry],
      }),
  );
  const fallbacks = registerOnce(
    registry,
    'carrier_mnp_fallback_total',
    (name) =>
      new Counter({
        name,
        help: 'Owner checks that used the number prefix because the portability service could not answer',
        labelNames: ['reason'],
        registers: [registry],
      }),
  );
  const tokens = registerOnce(
    registry,
    'carrier_token_fetch_total',
    (name) =>
      new Counter({
        name,
        help: 'OAuth2 access-token requests per carrier by outcome',
        labelNames: ['carrier', 'outcome'],
        registers: [registry],
      }),
  );
  const states = registerOnce(
    registry,
    'carrier_circuit_state',
    (name) =>
      new Gauge({
        name,
        help: 'Circuit breaker per carrier service: 0 closed, 1 half-open, 2 open',
        labelNames: ['target'],
        registers: [registry],
      }),
  );
  const rejected = registerOnce(
    registry,
    'carrier_rejected_total',
    (name) =>
      new Counter({
        name,
        help: 'Calls not made to a carrier service: circuit open, or too many checks already in flight',
        labelNames: ['target', 'reason'],
        registers: [registry],
      }),
  );
  return {
    call: (target, operation, outcome, seconds) => calls.observe({ target, operation, outcome }, seconds),
    decision(carrier, outcome, why = []) {
      decisions.inc({ carrier: carrier ?? '', outcome });
      for (const reason of why) reasons.inc({ carrier: carrier ?? '', reason });
    },
    mnpFallback: (why) => fallbacks.inc({ reason: why }),
    tokenFetch: (carrier, outcome) => tokens.inc({ carrier, outcome }),
    breakerState: (target, state) => states.set({ target }, BREAKER_STATE_VALUE[state]),
    rejected: (target, reason) => rejected.inc({ target, reason }),
  };
}
