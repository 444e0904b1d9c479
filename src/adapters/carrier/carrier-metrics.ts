/**
 * Prometheus metrics of the carrier adapter: call latency and outcome per carrier and operation, owner
 * check decisions, number-portability fallbacks, token fetches and circuit-breaker states.
 */
import { Counter, type Registry } from 'prom-client';
import { createGuardedCallMetrics, type GuardedCallMetrics, registerOnce } from '../http/partner-metrics.ts';

/** A carrier id, or 'mnp' for the number-portability service. */
export type Target = string;
export type Operation = 'token' | 'kyc_match' | 'sim_swap' | 'sim_swap_date' | 'mnp_lookup';

export interface CarrierMetrics extends GuardedCallMetrics<'circuit_open' | 'too_many_in_flight'> {
  call(target: Target, operation: Operation, outcome: string, seconds: number): void;
  decision(carrier: string | undefined, outcome: string, reasons?: readonly string[]): void;
  mnpFallback(why: string): void;
  tokenFetch(carrier: string, outcome: string): void;
}

export function createCarrierMetrics(registry: Registry): CarrierMetrics {
  const guarded = createGuardedCallMetrics<'circuit_open' | 'too_many_in_flight'>(registry, {
    prefix: 'carrier',
    label: 'target',
    partners: 'carrier services (CAMARA APIs, OAuth2 tokens, number portability)',
    onePartner: 'a carrier service',
  });
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
  return {
    ...guarded,
    decision(carrier, outcome, why = []) {
      decisions.inc({ carrier: carrier ?? '', outcome });
      for (const reason of why) reasons.inc({ carrier: carrier ?? '', reason });
    },
    mnpFallback: (why) => fallbacks.inc({ reason: why }),
    tokenFetch: (carrier, outcome) => tokens.inc({ carrier, outcome }),
  };
}
