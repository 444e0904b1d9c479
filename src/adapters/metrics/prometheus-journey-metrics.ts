/** JourneyMetrics on prom-client: step outcomes by reason and carrier (the funnel), partner call durations. */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { JourneyMetrics } from '../../usecases/ports/journey-metrics.ts';

export function createPrometheusJourneyMetrics(registry: Registry): JourneyMetrics {
  const steps = new Counter({
    name: 'journey_step_total',
    help: 'Journey steps by outcome (the registration funnel); reason and carrier when known',
    labelNames: ['step', 'outcome', 'reason', 'carrier'],
    registers: [registry],
  });
  const partnerCalls = new Histogram({
    name: 'journey_partner_call_seconds',
    help: 'Duration of calls to partners: the carrier owner check and the SMS hand-over',
    labelNames: ['partner', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  return {
    step(step, outcome, labels = {}) {
      steps.inc({ step, outcome, reason: labels.reason ?? '', carrier: labels.carrier ?? '' });
    },
    partnerCall(partner, outcome, seconds) {
      partnerCalls.observe({ partner, outcome }, seconds);
    },
  };
}
