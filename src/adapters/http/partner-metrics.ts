/**
 * Prometheus metrics of calls to partners behind a circuit breaker: call latency by outcome, calls not
 * made, and each circuit's state. The registries use one set labelled by partner; the carrier adapter
 * has its own set (`carrier_*`, labelled by target) with the same shape.
 */
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import type { BreakerState } from './circuit-breaker.ts';

export interface GuardedCallMetrics<Reason extends string = 'circuit_open'> {
  call(partner: string, operation: string, outcome: string, seconds: number): void;
  /** A call not made: its partner's circuit was open (or, where there is back-pressure, too many waited). */
  rejected(partner: string, reason: Reason): void;
  breakerState(partner: string, state: BreakerState): void;
}

export type PartnerMetrics = GuardedCallMetrics;

const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * `{prefix}_call_duration_seconds`, `{prefix}_rejected_total` and `{prefix}_circuit_state`, labelled by
 * `label`; `partners` and `onePartner` name them in the help texts.
 */
export function createGuardedCallMetrics<Reason extends string>(
  registry: Registry,
  names: { prefix: string; label: string; partners: string; onePartner: string },
): GuardedCallMetrics<Reason> {
  const { prefix, label, partners, onePartner } = names;
  const calls = registerOnce(
    registry,
    `${prefix}_call_duration_seconds`,
    (name) =>
      new Histogram({
        name,
        help: `Duration of calls to ${partners} by outcome`,
        labelNames: [label, 'operation', 'outcome'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
        registers: [registry],
      }),
  );
  const rejected = registerOnce(
    registry,
    `${prefix}_rejected_total`,
    (name) =>
      new Counter({
        name,
        help: `Calls not made to ${onePartner}: its circuit open, or too many calls already in flight`,
        labelNames: [label, 'reason'],
        registers: [registry],
      }),
  );
  const states = registerOnce(
    registry,
    `${prefix}_circuit_state`,
    (name) =>
      new Gauge({
        name,
        help: `Circuit breaker per ${onePartner}: 0 closed, 1 half-open, 2 open`,
        labelNames: [label],
        registers: [registry],
      }),
  );
  return {
    call: (partner, operation, outcome, seconds) =>
      calls.observe({ [label]: partner, operation, outcome }, seconds),
    rejected: (partner, reason) => rejected.inc({ [label]: partner, reason }),
    breakerState: (partner, state) => states.set({ [label]: partner }, BREAKER_STATE_VALUE[state]),
  };
}

export function createPartnerMetrics(registry: Registry): PartnerMetrics {
  return createGuardedCallMetrics(registry, {
    prefix: 'partner',
    label: 'partner',
    partners: 'registry partners (population, social insurance)',
    onePartner: 'a registry partner',
  });
}

/** Several adapters may share one registry (tests, reconfiguration): register each metric once. */
export function registerOnce<M extends Metric>(
  registry: Registry,
  name: string,
  create: (name: string) => M,
): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create(name);
}
