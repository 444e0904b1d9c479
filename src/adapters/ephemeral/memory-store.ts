/**
 * In-memory EphemeralStore for a single dev process. Time comes from the injected clock, so TTLs and
 * windows follow a ManualClock in tests. JavaScript runs each method to completion between awaits, which
 * is what makes take / compare-and-delete atomic here.
 */
import type { Clock } from '../../usecases/ports/clock.ts';
import type { EphemeralStore } from '../../usecases/ports/ephemeral-store.ts';

interface Entry {
  value: string;
  expiresAt: number;
}

const SWEEP_EVERY_MS = 30_000;

export class MemoryEphemeralStore implements EphemeralStore {
  readonly #entries = new Map<string, Entry>();
  readonly #windows = new Map<string, { events: Map<string, number>; expiresAt: number }>();
  readonly #sets = new Map<string, { members: Set<string>; expiresAt: number }>();
  readonly #clock: Clock;
  readonly #sweeper: NodeJS.Timeout;

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_EVERY_MS);
    this.#sweeper.unref();
  }

  async get(key: string) {
    return this.#live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.#live(key)) return false;
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    return true;
  }

  async delete(key: string) {
    this.#entries.delete(key);
    this.#windows.delete(key);
    this.#sets.delete(key);
  }

  async take(key: string) {
    const entry = this.#live(key);
    if (!entry) return null;
    this.#entries.delete(key);
    return entry.value;
  }

  async compareAndDelete(key: string, expected: string) {
    const entry = this.#live(key);
    if (!entry || entry.value !== expected) return false;
    this.#entries.delete(key);
    return true;
  }

  async increment(key: string, windowMs: number) {
    const now = this.#now();
    const entry = this.#live(key);
    if (!entry) {
      this.#entries.set(key, { value: '1', expiresAt: now + windowMs });
      return { count: 1, resetInMs: windowMs };
    }
    const count = Number(entry.value) + 1;
    entry.value = String(count);
    return { count, resetInMs: entry.expiresAt - now };
  }

  async incrementIfBelow(key: string, limit: number, windowMs: number) {
    const now = this.#now();
    const entry = this.#live(key);
    const count = entry ? Number(entry.value) : 0;
    const resetInMs = entry ? entry.expiresAt - now : windowMs;
    if (count >= limit) return { allowed: false, count, resetInMs };
    if (entry) entry.value = String(count + 1);
    else this.#entries.set(key, { value: '1', expiresAt: now + windowMs });
    return { allowed: true, count: count + 1, resetInMs };
  }

  async decrement(key: string) {
    const entry = this.#live(key);
    if (entry && Number(entry.value) > 0) entry.value = String(Number(entry.value) - 1);
  }

  async reserveInWindow(key: string, id: string, nowMs: number, windowMs: number, limit: number) {
    let window = this.#windows.get(key);
    if (!window || window.expiresAt <= this.#now()) {
      window = { events: new Map(), expiresAt: 0 };
      this.#windows.set(key, window);
    }
    for (const [eventId, at] of window.events) if (at <= nowMs - windowMs) window.events.delete(eventId);
    const times = [...window.events.values()].sort((a, b) => a - b);
    if (times.length >= limit) {
      const freesAt = times[times.length - limit]! + windowMs;
      return { allowed: false, count: times.length, retryAfterMs: Math.max(1, freesAt - nowMs) };
    }
    window.events.set(id, nowMs);
    window.expiresAt = this.#now() + windowMs;
    return { allowed: true, count: times.length + 1, retryAfterMs: 0 };
  }

  async releaseInWindow(key: string, id: string) {
    this.#windows.get(key)?.events.delete(id);
  }

  async addToSet(key: string, member: string, ttlMs: number) {
    const now = this.#now();
    let set = this.#sets.get(key);
    if (!set || set.expiresAt <= now) {
      set = { members: new Set(), expiresAt: 0 };
      this.#sets.set(key, set);
    }
    set.members.add(member);
    set.expiresAt = Math.max(set.expiresAt, now + ttlMs);
  }

  async membersOf(key: string) {
    const set = this.#sets.get(key);
    return set && set.expiresAt > this.#now() ? [...set.members] : [];
  }

  async ping() {}

  async close() {
    clearInterval(this.#sweeper);
    this.#entries.clear();
    this.#windows.clear();
    this.#sets.clear();
  }

  #now() {
    return this.#clock.now().getTime();
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #sweep() {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    for (const [key, window] of this.#windows) if (window.expiresAt <= now) this.#windows.delete(key);
    for (const [key, set] of this.#sets) if (set.expiresAt <= now) this.#sets.delete(key);
  }
}
