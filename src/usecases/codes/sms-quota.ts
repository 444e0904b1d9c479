/**
 * The daily SMS limits per phone number and per ID number (product.md: 10 each in any 24 hours), keyed on
 * blind indexes. A reservation is taken before a send and given back when the SMS centre could not take
 * the message, so a failed send never counts against the citizen.
 */
import type { LimitName } from '../outcome.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';

const DAY_MS = 24 * 60 * 60_000;

export interface SmsQuota {
  /** Reserves one SMS for each subject; on refusal nothing is reserved, and the wait and the limit met are returned. */
  reserve(
    subjects: Array<{ key: string; perDay: number; limit: LimitName }>,
    eventId: string,
    nowMs: number,
  ): Promise<
    | { allowed: true; release: () => Promise<void> }
    | { allowed: false; retryAfterMs: number; limit: LimitName }
  >;
}

export function createSmsQuota(store: EphemeralStore): SmsQuota {
  return {
    async reserve(subjects, eventId, nowMs) {
      const taken: string[] = [];
      const release = async () => {
        await Promise.all(taken.map((key) => store.releaseInWindow(key, eventId)));
      };
      for (const subject of subjects) {
        const key = `sms-quota:${subject.key}`;
        const answer = await store.reserveInWindow(key, eventId, nowMs, DAY_MS, subject.perDay);
        if (!answer.allowed) {
          await release();
          return { allowed: false, retryAfterMs: answer.retryAfterMs, limit: subject.limit };
        }
        taken.push(key);
      }
      return { allowed: true, release };
    },
  };
}
