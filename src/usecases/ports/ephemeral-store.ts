/**
 * Short-lived shared state (OTP challenges, captchas, rate-limit counters, sessions) with the atomic
 * operations the journeys need. Two implementations: in memory (dev default) and Redis; one contract
 * test suite runs against both. Values are strings; callers serialise.
 * TTLs are for garbage collection and single-use windows; rules that must be exact under an injected
 * clock also keep their own timestamps.
 */
export interface EphemeralStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets only when the key is absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Get-and-delete in one atomic step: of many concurrent callers at most one gets the value. */
  take(key: string): Promise<string | null>;
  /** Deletes the key only if it still holds `expected`; true for the one caller that deleted it. */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
  /** Adds 1 to a counter that lives `windowMs` from its first increment; returns the new count and ms left. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /**
   * Claims one of `limit` slots of a counter that lives `windowMs` from its first claim, in one atomic step:
   * however many callers race, at most `limit` are allowed per window. Limits, lockouts and attempt counters
   * count before they check: only a caller that got a slot goes on to the guarded work (comparing a code,
   * verifying a password), so concurrency cannot widen the limit. `count` is the count after this call.
   */
  incrementIfBelow(
    key: string,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; count: number; resetInMs: number }>;
  /** Gives back a slot of `increment`/`incrementIfBelow` that did not count after all; never below 0, keeps the window. */
  decrement(key: string): Promise<void>;
  /**
   * Sliding-window limiter: records event `id` at `nowMs` under `key` when fewer than `limit` events fall in
   * the last `windowMs`. Returns whether it was recorded and, when not, how long until a slot frees.
   */
  reserveInWindow(
    key: string,
    id: string,
    nowMs: number,
    windowMs: number,
    limit: number,
  ): Promise<{ allowed: boolean; count: number; retryAfterMs: number }>;
  /** Removes a reservation made by `reserveInWindow` (e.g. the SMS could not be sent after all). */
  releaseInWindow(key: string, id: string): Promise<void>;
  /**
   * Adds `member` to the set at `key`, which then lives at least `ttlMs` more (never shortened): an index of
   * short-lived keys that must go together (the tokens of one OpenID grant).
   */
  addToSet(key: string, member: string, ttlMs: number): Promise<void>;
  /** The members of the set at `key` (none when absent or expired). */
  membersOf(key: string): Promise<string[]>;
  /** Resolves when the store answers; rejects otherwise. For readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
