/**
 * Whether the citizen's hub session (the `sid` cookie of the hub's own sign-in) answers an authorization
 * request's login prompt without a page, and with what `acr`, `amr` and `auth_time` (hub.md "Assurance
 * levels"). Pure: the provider glue passes what the request asks and the session it found.
 */
import type { Authentication } from '../accounts/sessions.ts';

export interface HubSessionView extends Authentication {
  accountId: string;
  authTime: Date;
}

export interface LoginRequest {
  /** `prompt=login` was asked: the citizen must authenticate again during this authorization. */
  promptLogin: boolean;
  /** Seconds; authentication older than this must be done again. */
  maxAge: number | undefined;
  /** `acr_values` (space-separated in the request), or the essential `acr` claim's values. */
  acrValues: string[];
  /** The session was opened after this authorization began (the citizen signed in, stepped up or registered for it). */
  openedForThisRequest: boolean;
  now: Date;
}

export type LoginDecision =
  | { outcome: 'signed-in'; login: { accountId: string; acr: string; amr: string[]; ts: number } }
  | { outcome: 'sign-in-needed' }
  | { outcome: 'step-up-needed'; accountId: string };

const LEVEL = { LoA1: 1, LoA2: 2 } as const;

/** The lowest level the request accepts; LoA1 when it names none the hub knows. */
export function requestedLevel(acrValues: readonly string[]): number {
  const known = acrValues.filter((value): value is keyof typeof LEVEL => value in LEVEL).map((v) => LEVEL[v]);
  return known.length === 0 ? 1 : Math.min(...known);
}

export function decideLogin(session: HubSessionView | undefined, request: LoginRequest): LoginDecision {
  if (!session) return { outcome: 'sign-in-needed' };
  const fresh = request.openedForThisRequest;
  if (request.promptLogin && !fresh) return { outcome: 'sign-in-needed' };
  const age = request.now.getTime() - session.authTime.getTime();
  if (request.maxAge !== undefined && age > request.maxAge * 1000 && !fresh)
    return { outcome: 'sign-in-needed' };
  if (LEVEL[session.acr] < requestedLevel(request.acrValues))
    return { outcome: 'step-up-needed', accountId: session.accountId };
  return {
    outcome: 'signed-in',
    login: {
      accountId: session.accountId,
      acr: session.acr,
      amr: session.amr,
      ts: Math.floor(session.authTime.getTime() / 1000),
    },
  };
}
