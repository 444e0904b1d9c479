/**
 * The registration journey as one explicit state machine. Every endpoint and page asks it which step a
 * registration is at and whether an action is allowed; the repository's compare-and-set applies the
 * transition, so concurrent requests cannot skip, repeat or replay a step.
 *
 *   code_sent --verify_code--> code_verified --set_password--> completed
 *   code_sent --resend_code--> code_sent
 *   code_sent | code_verified --(new start by the same citizen)--> superseded
 *   any state --(15 minutes after start)--> expired (not found)
 */
import type { RegistrationRecord, RegistrationState } from '../ports/repositories.ts';

export type JourneyAction = 'verify_code' | 'resend_code' | 'set_password';
export type JourneyStep = 'otp' | 'password' | 'completed';

const NEXT: Record<RegistrationState, Partial<Record<JourneyAction, RegistrationState>>> = {
  code_sent: { verify_code: 'code_verified', resend_code: 'code_sent' },
  code_verified: { set_password: 'completed' },
  completed: {},
  superseded: {},
};

const STEP: Record<RegistrationState, JourneyStep | undefined> = {
  code_sent: 'otp',
  code_verified: 'password',
  completed: 'completed',
  superseded: undefined,
};

/** The state an action leads to from `state`, or undefined when the action is not allowed there. */
export function nextState(state: RegistrationState, action: JourneyAction): RegistrationState | undefined {
  return NEXT[state][action];
}

/** Where the citizen is; undefined for a registration that no longer exists for them. */
export function stepOf(registration: RegistrationRecord, now: Date): JourneyStep | undefined {
  if (registration.expiresAt.getTime() <= now.getTime()) return undefined;
  return STEP[registration.state];
}
