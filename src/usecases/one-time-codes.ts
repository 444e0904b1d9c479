/**
 * One-time codes sent by SMS, kept only as keyed hashes in the ephemeral store. A code is bound to its
 * purpose and owner (a registration, a recovery), numbered (a resend makes code n+1), accepted once even
 * under concurrent submissions (compare-and-delete), and locked after too many wrong answers.
 */
import type { EphemeralStore } from './ports/ephemeral-store.ts';
import type { PersonalDataProtector } from './ports/protection.ts';
import type { Random } from './ports/random.ts';

export type CodeCheck =
  | { result: 'accepted' }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked' }
  /** No such code, or a concurrent submission already used it. */
  | { result: 'gone' };

export interface OneTimeCodes {
  /** Makes code `number` for `owner`, stores its hash, and returns the code to send. */
  issue(owner: string, number: number): Promise<string>;
  /** Forgets a code that could not be delivered. */
  withdraw(owner: string, number: number): Promise<void>;
  check(owner: string, number: number, submitted: string): Promise<CodeCheck>;
}

export function createOneTimeCodes(options: {
  purpose: string;
  store: EphemeralStore;
  protector: PersonalDataProtector;
  random: Random;
  length: number;
  /** How long the store keeps a code; expiry itself is decided by the caller's own timestamps. */
  retentionMs: number;
  maxWrongAnswers: number;
}): OneTimeCodes {
  const { purpose, store, protector, random } = options;
  const key = (owner: string, number: number) => `code:${purpose}:${owner}:${number}`;
  const failuresKey = (owner: string, number: number) => `code-failures:${purpose}:${owner}:${number}`;
  const lockKey = (owner: string, number: number) => `code-locked:${purpose}:${owner}:${number}`;
  const hashOf = (owner: string, number: number, code: string) =>
    protector.blindIndex(`code:${purpose}`, `${owner}:${number}:${code}`);

  return {
    async issue(owner, number) {
      const code = String(random.int(10 ** options.length)).padStart(options.length, '0');
      await store.set(key(owner, number), hashOf(owner, number, code), options.retentionMs);
      return code;
    },

    async withdraw(owner, number) {
      await store.delete(key(owner, number));
    },

    async check(owner, number, submitted) {
      const [locked, stored] = await Promise.all([
        store.get(lockKey(owner, number)),
        store.get(key(owner, number)),
      ]);
      if (locked) return { result: 'locked' };
      if (stored === null) return { result: 'gone' };
      if (protector.sameHash(stored, hashOf(owner, number, submitted))) {
        return (await store.compareAndDelete(key(owner, number), stored))
          ? { result: 'accepted' }
          : { result: 'gone' };
      }
      const { count } = await store.increment(failuresKey(owner, number), options.retentionMs);
      if (count >= options.maxWrongAnswers) {
        await store.set(lockKey(owner, number), '1', options.retentionMs);
        await store.delete(key(owner, number));
        return { result: 'locked' };
      }
      return { result: 'wrong', attemptsLeft: options.maxWrongAnswers - count };
    },
  };
}
