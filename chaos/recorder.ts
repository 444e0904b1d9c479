/**
 * What the load saw, per phase window (baseline, fault, recovery): answers by step, status and problem
 * code, the slowest answer of each step, unclean failures, successful journeys, and the facts the
 * invariants need (accounts answered 201, password submissions answered 5xx, starts refused because a
 * partner was out, OTPs accepted and when).
 */

import type { Answer } from './http.ts';
import { PROXY_HEADER } from './proxy.ts';

export type WindowName = 'baseline' | 'fault' | 'recovery' | 'burst' | 'fuzz' | 'ramp' | 'soak';

export interface WindowStats {
  requests: number;
  byAnswer: Record<string, number>;
  journeysOk: Record<string, number>;
  journeysFailed: Record<string, number>;
  unclean: number;
  uncleanSamples: string[];
  killedInFlight: number;
  durationsMs: number[];
  /** The slowest answer of each step, in ms. */
  slowestMs: Record<string, number>;
  startedAt: number;
  endedAt: number;
}

export interface Facts {
  /** accountId → ID number, for every 201 of a registration's password step. */
  accountsAnswered: Map<string, string>;
  /** ID numbers whose password step got a 5xx from a portal (and no later 201). */
  passwordFiveXx: Set<string>;
  /** Every OTP acceptance (registration or recovery), with its request's times. */
  otpAccepted: Array<{ startedAt: number; endedAt: number }>;
  /**
   * ID numbers (or an organisation's tax code) whose registration a portal refused with a partner's 503 (each
   * identity is used once): nothing may be saved for them.
   */
  startsRefusedByOutage: Set<string>;
}

/** A start refused with one of these was refused before anything was written: a row behind one is half-written. */
export const PARTNER_OUTAGE_CODES = new Set([
  'CARRIER_UNAVAILABLE',
  'POPULATION_UNAVAILABLE',
  'SOCIAL_INSURANCE_UNAVAILABLE',
  'SMS_UNAVAILABLE',
  'REVOCATION_UNAVAILABLE',
  'REMOTE_SIGNATURE_UNAVAILABLE',
  'MOBILE_SIGNATURE_UNAVAILABLE',
  'BUSINESS_REGISTRY_UNAVAILABLE',
]);

const emptyWindow = (): WindowStats => ({
  requests: 0,
  byAnswer: {},
  journeysOk: {},
  journeysFailed: {},
  unclean: 0,
  uncleanSamples: [],
  killedInFlight: 0,
  durationsMs: [],
  slowestMs: {},
  startedAt: Date.now(),
  endedAt: 0,
});

/**
 * A 5xx is clean only as the contract says: 503 problem+json with a code and Retry-After; or, to a page's
 * request (a browser without JavaScript: the Vietnam Post trip), 503 with an HTML page and Retry-After.
 */
export function isCleanFiveXx(answer: Answer): boolean {
  const type = String(answer.headers['content-type'] ?? '');
  return (
    answer.status === 503 &&
    answer.headers['retry-after'] !== undefined &&
    ((type.includes('application/problem+json') && typeof answer.body.code === 'string') ||
      (type.includes('text/html') && (answer.text ?? '').includes('<html')))
  );
}

export class Recorder {
  windows = new Map<WindowName, WindowStats>();
  current: WindowStats = emptyWindow();
  facts: Facts = {
    accountsAnswered: new Map(),
    passwordFiveXx: new Set(),
    otpAccepted: [],
    startsRefusedByOutage: new Set(),
  };
  /** The portal being killed in this phase: its in-flight requests fail by design, not uncleanly. */
  killedBackend: string | undefined;
  firstSuccessAfter: { at: number; kinds?: readonly string[]; firstOkAt?: number } | undefined;

  /** A phase reports only its own windows; the facts (accounts, OTPs) stay for the run's invariants. */
  beginPhase() {
    this.windows.clear();
  }

  enter(name: WindowName) {
    this.current.endedAt = Date.now();
    this.current = emptyWindow();
    this.windows.set(name, this.current);
  }

  /** Starts timing the first journey (of one of `kinds`, when given) that starts after now and succeeds. */
  awaitFirstSuccess(kinds?: readonly string[]) {
    this.firstSuccessAfter = { at: Date.now(), ...(kinds && { kinds }) };
  }

  journey(kind: string, startedAt: number, outcome: 'ok' | string) {
    const tally = outcome === 'ok' ? this.current.journeysOk : this.current.journeysFailed;
    const key = outcome === 'ok' ? kind : `${kind}@${outcome}`;
    tally[key] = (tally[key] ?? 0) + 1;
    const awaited = this.firstSuccessAfter;
    if (
      outcome === 'ok' &&
      awaited &&
      awaited.firstOkAt === undefined &&
      startedAt >= awaited.at &&
      (!awaited.kinds || awaited.kinds.includes(kind))
    )
      awaited.firstOkAt = Date.now();
  }

  answer(step: string, answer: Answer) {
    const window = this.current;
    window.requests++;
    const ms = answer.endedAt - answer.startedAt;
    window.durationsMs.push(ms);
    window.slowestMs[step] = Math.max(window.slowestMs[step] ?? 0, ms);
    const proxyReason = answer.headers[PROXY_HEADER] as string | undefined;
    const code =
      answer.network ?? proxyReason ?? (typeof answer.body.code === 'string' ? answer.body.code : '');
    const key = `${step} ${answer.status || 'none'}${code ? ` ${code}` : ''}`;
    window.byAnswer[key] = (window.byAnswer[key] ?? 0) + 1;
    const killed = this.killedBackend;
    if (killed && proxyReason?.startsWith(`backend-${killed}-failed`)) {
      window.killedInFlight++;
      return;
    }
    const unclean =
      answer.status === 0 || (answer.status >= 500 && (proxyReason !== undefined || !isCleanFiveXx(answer)));
    if (unclean && !(proxyReason === 'no-healthy-backend' && killed)) {
      window.unclean++;
      if (window.uncleanSamples.length < 10)
        window.uncleanSamples.push(`${key} via ${answer.headers['x-chaos-backend'] ?? 'lb'}`);
    }
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}
