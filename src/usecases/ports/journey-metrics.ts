/** What the journeys count and time, for operators' dashboards and the registration funnel. */
export interface JourneyMetrics {
  /** One step's outcome, e.g. ('start', 'refused', { reason: 'SUBSCRIBER_NOT_OWNER', carrier: 'viettel' }). */
  step(step: string, outcome: string, labels?: { reason?: string; carrier?: string }): void;
  /** Duration of a call to a partner: the carrier's owner check or the SMS hand-over. */
  partnerCall(partner: 'owner_check' | 'sms_handover', outcome: string, seconds: number): void;
}

export const noMetrics: JourneyMetrics = { step: () => {}, partnerCall: () => {} };
