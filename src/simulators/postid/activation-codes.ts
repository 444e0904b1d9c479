/**
 * Activation codes: 6 digits, 10 minutes, 5 tries, one live code per account (a new one replaces it). Kept in
 * memory as SHA-256 digests: a code is worth nothing after 10 minutes, and a restart only means "send a new code".
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

const TTL_MS = 10 * 60_000;
const MAX_TRIES = 5;

const digest = (code: string) => createHash('sha256').update(code).digest();

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'locked';

export class ActivationCodes {
  readonly #codes = new Map<string, { digest: Buffer; expiresAt: number; tries: number }>();

  constructor(
    private readonly now: () => Date,
    private readonly randomDigits: () => string = () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
  ) {}

  issue(subject: string): string {
    const code = this.randomDigits();
    this.#codes.set(subject, { digest: digest(code), expiresAt: this.now().getTime() + TTL_MS, tries: 0 });
    return code;
  }

  check(subject: string, code: string): CodeCheck {
    const entry = this.#codes.get(subject);
    if (!entry || entry.expiresAt <= this.now().getTime()) return 'expired';
    if (entry.tries >= MAX_TRIES) return 'locked';
    // The try is counted before comparing: parallel guesses cannot exceed the limit.
    entry.tries += 1;
    if (!/^\d{6}$/.test(code) || !timingSafeEqual(digest(code), entry.digest)) return 'wrong';
    this.#codes.delete(subject);
    return 'ok';
  }
}
