/**
 * The one-time-code rules every journey that sends codes shares (registration by any method, recovery,
 * and step-up later): how long a code lives, when another may be sent, how many per journey, and what a
 * submitted answer is worth. Each journey keeps its own state; these decisions are made once, here.
 */
import { failure, type Outcome } from '../outcome.ts';
import type { CodeCheck } from './one-time-codes.ts';

export interface CodeRules {
  codeTtlMs: number;
  codeLength: number;
  maxWrongAnswersPerCode: number;
  resendAfterMs: number;
  maxCodesPerJourney: number;
  smsPerPhonePerDay: number;
  smsPerIdNumberPerDay: number;
}

/** Where a journey's codes are: how many were sent, when the current one expires, when another may go. */
export interface CodeProgress {
  codesSent: number;
  codeExpiresAtMs: number;
  resendAvailableAtMs: number;
  journeyExpiresAtMs: number;
}

/** The times of a code sent now. */
export function codeTimes(rules: Pick<CodeRules, 'codeTtlMs' | 'resendAfterMs'>, nowMs: number) {
  return { codeExpiresAtMs: nowMs + rules.codeTtlMs, resendAvailableAtMs: nowMs + rules.resendAfterMs };
}

/** Why another code may not be sent now, or undefined when it may. */
export function resendRefusal(
  rules: Pick<CodeRules, 'maxCodesPerJourney'>,
  progress: CodeProgress,
  nowMs: number,
): Outcome<never> | undefined {
  const waitMs = progress.resendAvailableAtMs - nowMs;
  if (waitMs > 0) return failure('OTP_RESEND_TOO_SOON', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
  if (progress.codesSent >= rules.maxCodesPerJourney)
    return failure('OTP_LIMIT_REACHED', {
      retryAfterSeconds: Math.ceil((progress.journeyExpiresAtMs - nowMs) / 1000),
    });
  return undefined;
}

/**
 * The digits of a code as people and phones write it: `123 456`, `123-456` (any dash, any space) are
 * `123456`. Everything else is kept, so it can still be told apart from a code.
 */
export const withoutSeparators = (typed: string) => typed.replace(/[\s\-\u2010-\u2015\u2212]/g, '');

/**
 * What a citizen typed, as the code store should compare it: anything that cannot be a code becomes a
 * value no code equals, so it still costs an attempt (answers are counted the same whatever they are).
 */
export function submittedCode(rules: Pick<CodeRules, 'codeLength'>, typed: string): string {
  const code = withoutSeparators(typed);
  return /^\d+$/.test(code) && code.length === rules.codeLength ? code : 'not-a-code';
}

/** A code check as the journey answers it; `accepted` is the caller's to act on. */
export function codeCheckRefusal(check: CodeCheck): Outcome<never> | undefined {
  switch (check.result) {
    case 'locked':
      return failure('OTP_LOCKED');
    case 'wrong':
      return failure('OTP_INVALID', { attemptsLeft: check.attemptsLeft });
    case 'gone':
      return failure('STEP_NOT_ALLOWED');
    case 'accepted':
      return undefined;
  }
}
