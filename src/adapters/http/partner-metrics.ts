/**
 * Prometheus metrics of the partners behind a PartnerGuard (the registries): call latency by outcome,
 * calls not made, and each partner's circuit state. One set per registry, labelled by partner.
 */
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import type { BreakerState } from './circuit-breaker.ts';

export interface PartnerMetrics {
  call(partner: string, operation: string, outcome: string, seconds: number): void;
  /** A call not made because the partner's circuit was open. */
  rejected(partner: string, reason: 'circuit_open'): void;
  breakerState(partner: string, state: BreakerState): void;
}

export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export function createPartnerMetrics(registry: Registry): PartnerMetrics {
  const calls = registerOnce(
    registry,
    'partner_call_duration_seconds',
    (name) =>
      new Histogram({
        name,
        help: 'Duration of calls to registry partners (population, social insurance) by outcome',
        labelNames: ['partner', 'operation', 'outcome'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
        registers: [registry],
      }),
  );
  const rejected = registerOnce(
    registry,
    'partner_rejected_total',
    (name) =>
      new Counter({
        name,
        help: 'Calls not made to a registry partner because its circuit was open',
        labelNames: ['partner', 'reason'],
        registers: [registry],
      }),
  );
  const states = registerOnce(
    registry,
    'partner_circuit_state',
    (name) =>
      new Gauge({
        name,
        help: 'Circuit breaker per registry partner: 0 closed, 1 half-open, 2 open',
        labelNames: ['partner'],
        registers: [registry],
      }),
  );
  return {
    call: (partner, operation, outcome, seconds) => calls.observe({ partner, operation, outcome }, seconds),
    rejected: (partner, reason) => rejected.inc({ partner, reason }),
    breakerState: (partner, state) => states.set({ partner }, BREAKER_STATE_VALUE[state]),
  };
}

/** Several adapters may share one registry (tests, reconfiguration): register each metric once. */
export function registerOnce<M extends Metric>(
  registry: Registry,
  name: string,
  create: (name: string) => M,
): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create(name);
}
