/** JourneyMetrics on prom-client: step outcomes by reason, method and partner (the funnel), partner call durations. */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { JourneyMetrics } from '../../usecases/ports/journey-metrics.ts';

export function createPrometheusJourneyMetrics(registry: Registry): JourneyMetrics {
  const steps = new Counter({
    name: 'journey_step_total',
    help: 'Journey steps by outcome (the registration funnel); reason, registration method and partner when known',
    labelNames: ['step', 'outcome', 'reason', 'method', 'partner'],
    registers: [registry],
  });
  const partnerCalls = new Histogram({
    name: 'journey_partner_call_seconds',
    help: 'Duration of calls to partners: identity checks (carrier, registries) and the SMS hand-over',
    labelNames: ['partner', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  return {
    step(step, outcome, labels = {}) {
      steps.inc({
        step,
        outcome,
        reason: labels.reason ?? '',
        method: labels.method ?? '',
        partner: labels.partner ?? '',
      });
    },
    partnerCall(call, outcome, seconds) {
      partnerCalls.observe({ partner: call, outcome }, seconds);
    },
  };
}
