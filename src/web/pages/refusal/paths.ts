/**
 * The address of a refusal page: the code, which journey it ended, and what the page needs to say (the
 * partner, how long to wait, a SIM refusal's reason and the instant its wait ends). Nothing personal.
 */
import type { Failure } from '../../../usecases/outcome.ts';
import type { Journey } from '../kit/journey-cookies.ts';

export const REFUSAL_CODES = [
  'SUBSCRIBER_NOT_OWNER',
  'SUBSCRIBER_NOT_FOUND',
  'ACCOUNT_EXISTS',
  'CARRIER_UNAVAILABLE',
  'SMS_UNAVAILABLE',
  'OTP_LOCKED',
  'OTP_LIMIT_REACHED',
  'RATE_LIMITED',
  'INSURANCE_RECORD_MISMATCH',
  'INSURANCE_NO_PHONE',
  'SOCIAL_INSURANCE_UNAVAILABLE',
  'POPULATION_UNAVAILABLE',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const isRefusalCode = (code: string): code is RefusalCode =>
  (REFUSAL_CODES as readonly string[]).includes(code);

/** `method`: the registration method whose form "try again" leads back to. */
export function refusalPath(failure: Failure, journey: Journey, method?: string): string {
  const code = isRefusalCode(failure.code) ? failure.code : 'RATE_LIMITED';
  const query = new URLSearchParams({ journey });
  if (method) query.set('method', method);
  if (failure.partner) query.set('partner', failure.partner.id);
  if (failure.retryAfterSeconds !== undefined) query.set('retry', String(failure.retryAfterSeconds));
  if (failure.limit) query.set('limit', failure.limit);
  if (failure.reason) query.set('reason', failure.reason);
  if (failure.retryAt) query.set('until', failure.retryAt.toISOString());
  return `/refused/${code}?${query}`;
}
