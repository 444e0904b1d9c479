/**
 * Image captchas that guard registration and recovery: ~6 lower-case letters and digits (no look-alikes),
 * single use (a wrong answer uses it up too), valid 2 minutes by the injected clock, kept in the ephemeral
 * store. Per-IP creation is limited generously: many citizens share one carrier-grade NAT address.
 */
import { failure, type Outcome, success } from '../outcome.ts';
import type { CaptchaRenderer } from '../ports/captcha-renderer.ts';
import type { Clock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';
import type { Random } from '../ports/random.ts';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface CaptchaRules {
  length: number;
  ttlMs: number;
  perIpPer10Minutes: number;
}

export const DEFAULT_CAPTCHA_RULES: CaptchaRules = { length: 6, ttlMs: 2 * 60_000, perIpPer10Minutes: 600 };

interface Stored {
  answer: string;
  expiresAt: number;
}

export interface CaptchaUseCases {
  create(clientIp: string): Promise<Outcome<{ captchaId: string; expiresAt: Date }>>;
  image(captchaId: string): Promise<Outcome<{ contentType: string; body: string | Buffer }>>;
  /** Uses the captcha up, whatever the answer; true only for the right answer within its time. */
  verify(captchaId: string, answer: string): Promise<boolean>;
  /** Dev mode only (the /sim route): the answer, for automated tests. */
  revealAnswer(captchaId: string): Promise<string | undefined>;
}

export function createCaptchaUseCases(deps: {
  store: EphemeralStore;
  renderer: CaptchaRenderer;
  random: Random;
  clock: Clock;
  protector: PersonalDataProtector;
  rules?: CaptchaRules;
}): CaptchaUseCases {
  const rules = deps.rules ?? DEFAULT_CAPTCHA_RULES;
  const key = (id: string) => `captcha:${id}`;
  const load = async (id: string): Promise<Stored | undefined> => {
    const raw = /^[\w-]{10,64}$/.test(id) ? await deps.store.get(key(id)) : null;
    const stored = raw ? (JSON.parse(raw) as Stored) : undefined;
    return stored && stored.expiresAt > deps.clock.now().getTime() ? stored : undefined;
  };

  return {
    async create(clientIp) {
      const ipKey = `captcha-ip:${deps.protector.blindIndex('ip', clientIp)}`;
      const { count, resetInMs } = await deps.store.increment(ipKey, 10 * 60_000);
      if (count > rules.perIpPer10Minutes)
        return failure('RATE_LIMITED', { retryAfterSeconds: Math.ceil(resetInMs / 1000) });
      const answer = Array.from(
        { length: rules.length },
        () => ALPHABET[deps.random.int(ALPHABET.length)],
      ).join('');
      const captchaId = deps.random.token();
      const expiresAt = new Date(deps.clock.now().getTime() + rules.ttlMs);
      const stored: Stored = { answer, expiresAt: expiresAt.getTime() };
      await deps.store.set(key(captchaId), JSON.stringify(stored), rules.ttlMs + 60_000);
      return success({ captchaId, expiresAt });
    },

    async image(captchaId) {
      const stored = await load(captchaId);
      return stored ? success(deps.renderer.render(stored.answer)) : failure('CAPTCHA_NOT_FOUND');
    },

    async verify(captchaId, answer) {
      if (!/^[\w-]{10,64}$/.test(captchaId)) return false;
      const raw = await deps.store.take(key(captchaId));
      if (!raw) return false;
      const stored = JSON.parse(raw) as Stored;
      return stored.expiresAt > deps.clock.now().getTime() && stored.answer === answer.trim().toLowerCase();
    },

    async revealAnswer(captchaId) {
      return (await load(captchaId))?.answer;
    },
  };
}
