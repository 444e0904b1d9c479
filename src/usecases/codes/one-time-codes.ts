/**
 * One-time codes sent by SMS, kept only as keyed hashes in the ephemeral store. A code is bound to its
 * purpose and owner (a registration, a recovery), numbered (a resend makes code n+1), accepted once even
 * under concurrent submissions (compare-and-delete), and locked after too many wrong answers.
 *
 * The attempt limit counts before it checks: every submission first claims one of `maxWrongAnswers`
 * slots in one atomic store operation, and only a submission holding a slot is compared with the code.
 * So at most `maxWrongAnswers` comparisons are ever made against a live code, whatever the concurrency;
 * the submission holding the last slot locks the code when it is wrong, and anything arriving after the
 * slots are used is refused as locked, the right code included.
 */
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';
import type { Random } from '../ports/random.ts';

export type CodeCheck =
  | { result: 'accepted' }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked' }
  /** No such code, or a concurrent submission already used it. */
  | { result: 'gone' };

export interface OneTimeCodes {
  /** Makes code `number` for `owner`, stores its hash, and returns the code to send. */
  issue(owner: string, number: number): Promise<string>;
  /**
   * Stores, with the same work as `issue`, a hash that no submission matches: the code of a decoy (a
   * recovery for an ID number without an account), whose answers are counted and locked like real ones.
   */
  issueDecoy(owner: string, number: number): Promise<void>;
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
  const attemptsKey = (owner: string, number: number) => `code-attempts:${purpose}:${owner}:${number}`;
  const lockKey = (owner: string, number: number) => `code-locked:${purpose}:${owner}:${number}`;
  const hashOf = (owner: string, number: number, code: string) =>
    protector.blindIndex(`code:${purpose}`, `${owner}:${number}:${code}`);
  const newCode = () => String(random.int(10 ** options.length)).padStart(options.length, '0');

  /** Nothing to compare: a code still stored (no slot left) or marked locked is locked, else it is gone. */
  async function refusedWithoutComparing(owner: string, number: number): Promise<CodeCheck> {
    const [locked, stored] = await Promise.all([
      store.get(lockKey(owner, number)),
      store.get(key(owner, number)),
    ]);
    return locked || stored ? { result: 'locked' } : { result: 'gone' };
  }

  return {
    async issue(owner, number) {
      const code = newCode();
      await store.set(key(owner, number), hashOf(owner, number, code), options.retentionMs);
      return code;
    },

    async issueDecoy(owner, number) {
      // Digits never equal `decoy:` + digits, so no submission can match.
      await store.set(key(owner, number), hashOf(owner, number, `decoy:${newCode()}`), options.retentionMs);
    },

    async withdraw(owner, number) {
      await store.delete(key(owner, number));
    },

    async check(owner, number, submitted) {
      const slot = await store.incrementIfBelow(
        attemptsKey(owner, number),
        options.maxWrongAnswers,
        options.retentionMs,
      );
      if (!slot.allowed) return refusedWithoutComparing(owner, number);
      const stored = await store.get(key(owner, number));
      if (stored === null) return refusedWithoutComparing(owner, number);
      if (protector.sameHash(stored, hashOf(owner, number, submitted))) {
        return (await store.compareAndDelete(key(owner, number), stored))
          ? { result: 'accepted' }
          : { result: 'gone' };
      }
      if (slot.count >= options.maxWrongAnswers) {
        await store.set(lockKey(owner, number), '1', options.retentionMs);
        await store.delete(key(owner, number));
        return { result: 'locked' };
      }
      return { result: 'wrong', attemptsLeft: options.maxWrongAnswers - slot.count };
    },
  };
}
