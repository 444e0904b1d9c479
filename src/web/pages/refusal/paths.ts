/**
 * The address of a refusal page: the code, which journey it ended, and what the page needs to say (the
 * partner, how long to wait, a SIM refusal's reason and the instant its wait ends). Nothing personal.
 * The shared journey's codes are listed here; a registration method adds its own (its plug-in's
 * `refusalPages`, composed into `RefusalPages`).
 */
import type { Failure, FailureCode } from '../../../usecases/outcome.ts';
import type { Journey } from '../kit/journey-cookies.ts';
import type { RefusalView } from './parts.tsx';

export const SHARED_REFUSAL_CODES = [
  'ACCOUNT_EXISTS',
  'SMS_UNAVAILABLE',
  'OTP_LOCKED',
  'OTP_LIMIT_REACHED',
  'RATE_LIMITED',
  'POPULATION_UNAVAILABLE',
] as const satisfies readonly FailureCode[];

/** What a method's refusal shows on the shared page. */
export interface MethodRefusalPage {
  /** The steps under "what you can do". */
  wayForward?: (view: RefusalView) => JSX.Element;
  /** A page of its own instead (a SIM that did not prove its owner: a page per reason). */
  page?: (view: RefusalView) => JSX.Element;
}

/** The methods' refusals the shared page shows, by code. */
export type RefusalPages = Readonly<Partial<Record<FailureCode, MethodRefusalPage>>>;

/** The codes with a refusal page: the shared journey's and the methods'. */
export function isRefusalCode(pages: RefusalPages, code: string): code is FailureCode {
  return (SHARED_REFUSAL_CODES as readonly string[]).includes(code) || Object.hasOwn(pages, code);
}

/** `method`: the registration method whose form "try again" leads back to. */
export function refusalPath(
  pages: RefusalPages,
  failure: Failure,
  journey: Journey,
  method?: string,
): string {
  const code = isRefusalCode(pages, failure.code) ? failure.code : 'RATE_LIMITED';
  const query = new URLSearchParams({ journey });
  if (method) query.set('method', method);
  if (failure.partner) query.set('partner', failure.partner.id);
  if (failure.retryAfterSeconds !== undefined) query.set('retry', String(failure.retryAfterSeconds));
  if (failure.limit) query.set('limit', failure.limit);
  if (failure.reason) query.set('reason', failure.reason);
  if (failure.retryAt) query.set('until', failure.retryAt.toISOString());
  return `/refused/${code}?${query}`;
}
