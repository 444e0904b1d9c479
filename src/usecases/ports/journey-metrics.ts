/** What the journeys count and time, for operators' dashboards and the registration funnel. */
export interface StepLabels {
  reason?: string;
  /** The registration method (`mobile`, `social-insurance`, ...). */
  method?: string;
  /** The partner involved: a carrier id, `vss`, ... */
  partner?: string;
}

export interface JourneyMetrics {
  /** One step's outcome, e.g. ('start', 'refused', { reason: 'SUBSCRIBER_NOT_OWNER', method: 'mobile', partner: 'viettel' }). */
  step(step: string, outcome: string, labels?: StepLabels): void;
  /** Duration of a call to a partner: e.g. `owner_check`, `record_match`, `population_lookup`, `sms_handover`. */
  partnerCall(call: string, outcome: string, seconds: number): void;
}

export const noMetrics: JourneyMetrics = { step: () => {}, partnerCall: () => {} };
