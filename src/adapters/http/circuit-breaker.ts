/**
 * A circuit breaker per partner: opens after N consecutive failures, lets one trial call through once
 * `resetAfterMs` has passed (half-open), closes on that trial's success and re-opens on its failure.
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

/** Every partner's breaker unless told otherwise: open after 5 consecutive failures, one trial after 30 s. */
export const DEFAULT_BREAKER_SETTINGS = { failureThreshold: 5, resetAfterMs: 30_000 } as const;

export interface BreakerOptions {
  /** Consecutive failures that open the circuit (>= 1). */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call may go out. */
  resetAfterMs: number;
  /** Injected so tests can move time instead of sleeping. */
  now: () => Date;
  onStateChange?: (state: BreakerState) => void;
}

/** The right to make one call; report how it went exactly once (later reports are ignored). */
export interface BreakerPermit {
  succeed(): void;
  fail(): void;
}

export class CircuitBreaker {
  readonly #options: BreakerOptions;
  #state: BreakerState = 'closed';
  #consecutiveFailures = 0;
  #openedAt = 0;
  // Bumped on every state change: a late report from a call admitted under an older state
  // (e.g. a slow call finishing after the circuit opened) must not decide the current state.
  #generation = 0;

  constructor(options: BreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1)
      throw new RangeError('failureThreshold must be an integer >= 1');
    if (!(options.resetAfterMs >= 0)) throw new RangeError('resetAfterMs must be >= 0');
    this.#options = options;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** A permit to call, or undefined when the call must not go out (open, or a trial already in flight). */
  tryAcquire(): BreakerPermit | undefined {
    if (this.#state === 'half_open') return undefined;
    if (this.#state === 'open') {
      if (this.#options.now().getTime() - this.#openedAt < this.#options.resetAfterMs) return undefined;
      this.#transition('half_open');
    }
    return this.#permit(this.#generation);
  }

  #permit(generation: number): BreakerPermit {
    let reported = false;
    const report = (ok: boolean) => {
      if (reported) return;
      reported = true;
      if (generation === this.#generation) this.#record(ok);
    };
    return { succeed: () => report(true), fail: () => report(false) };
  }

  #record(ok: boolean): void {
    if (ok) {
      this.#consecutiveFailures = 0;
      if (this.#state !== 'closed') this.#transition('closed');
      return;
    }
    this.#consecutiveFailures += 1;
    if (this.#state === 'half_open' || this.#consecutiveFailures >= this.#options.failureThreshold) {
      this.#openedAt = this.#options.now().getTime();
      this.#transition('open');
    }
  }

  #transition(state: BreakerState): void {
    this.#state = state;
    this.#generation += 1;
    if (state === 'closed') this.#consecutiveFailures = 0;
    this.#options.onStateChange?.(state);
  }
}
