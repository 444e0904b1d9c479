/** The address of a refusal page: the code, which journey it ended, and what the page needs to say. */
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
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const isRefusalCode = (code: string): code is RefusalCode =>
  (REFUSAL_CODES as readonly string[]).includes(code);

export function refusalPath(failure: Failure, journey: Journey): string {
  const code = isRefusalCode(failure.code) ? failure.code : 'RATE_LIMITED';
  const query = new URLSearchParams({ journey });
  if (failure.carrier) query.set('carrier', failure.carrier.id);
  if (failure.retryAfterSeconds !== undefined) query.set('retry', String(failure.retryAfterSeconds));
  return `/refused/${code}?${query}`;
}
