/**
 * The registration journey as one explicit state machine. Every endpoint and page asks it which step a
 * registration is at and whether an action is allowed; the repository's compare-and-set applies the
 * transition, so concurrent requests cannot skip, repeat or replay a step.
 *
 *   code_sent --verify_code--> code_verified --set_password--> completed
 *   code_sent --resend_code--> code_sent
 *   code_sent | code_verified --(new start by the same citizen)--> superseded
 *   awaiting_signature --complete_signature--> completed     (a signature made elsewhere: SIM, remote)
 *   awaiting_signature --refuse_signature--> refused         (cancelled, PIN blocked, expired, certificate...)
 *   awaiting_signature --update_signature--> awaiting_signature   (the partner's request moved on)
 *   awaiting_signature --(new start by the same subject)--> superseded, shown as refused SUPERSEDED
 *   any state --(15 minutes after start)--> expired (not found)
 */
import type { RegistrationRecord, RegistrationState } from '../ports/repositories.ts';

export type JourneyAction =
  | 'verify_code'
  | 'resend_code'
  | 'set_password'
  | 'complete_signature'
  | 'refuse_signature'
  | 'update_signature';
export type JourneyStep = 'otp' | 'password' | 'completed' | 'awaiting-signature' | 'refused';

const NEXT: Record<RegistrationState, Partial<Record<JourneyAction, RegistrationState>>> = {
  code_sent: { verify_code: 'code_verified', resend_code: 'code_sent' },
  code_verified: { set_password: 'completed' },
  completed: {},
  superseded: {},
  awaiting_signature: {
    complete_signature: 'completed',
    refuse_signature: 'refused',
    update_signature: 'awaiting_signature',
  },
  refused: {},
};

const STEP: Record<RegistrationState, JourneyStep | undefined> = {
  code_sent: 'otp',
  code_verified: 'password',
  completed: 'completed',
  superseded: undefined,
  awaiting_signature: 'awaiting-signature',
  refused: 'refused',
};

/** The state an action leads to from `state`, or undefined when the action is not allowed there. */
export function nextState(state: RegistrationState, action: JourneyAction): RegistrationState | undefined {
  return NEXT[state][action];
}

/** Where the citizen is; undefined for a registration that no longer exists for them. */
export function stepOf(registration: RegistrationRecord, now: Date): JourneyStep | undefined {
  if (registration.expiresAt.getTime() <= now.getTime()) return undefined;
  // The citizen watching an asynchronous registration is told it ended (SUPERSEDED), not that it vanished.
  if (registration.state === 'superseded' && registration.signatureExpiresAt) return 'refused';
  return STEP[registration.state];
}

/** Why a registration at step `refused` ended. */
export function refusalOf(registration: RegistrationRecord): string {
  return registration.state === 'superseded'
    ? 'SUPERSEDED'
    : (registration.refusalCode ?? 'SIGNATURE_EXPIRED');
}
