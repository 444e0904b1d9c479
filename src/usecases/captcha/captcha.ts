/**
 * Captchas that guard registration and recovery: 6 characters, single use (a wrong answer uses it up too),
 * valid 2 minutes by the injected clock, kept in the ephemeral store. Per-IP creation is limited generously:
 * many citizens share one carrier-grade NAT address. Each can be seen (an image) or heard (a clip of the same
 * characters spoken one by one, for citizens who cannot see it); the answer itself never leaves the server.
 */
import { failure, type Outcome, success } from '../outcome.ts';
import type { CaptchaRenderer } from '../ports/captcha-renderer.ts';
import type { CaptchaClip, CaptchaSpeaker, CaptchaVoice } from '../ports/captcha-speaker.ts';
import type { Clock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';
import type { Random } from '../ports/random.ts';

/**
 * Characters that neither look nor sound alike, drawn in capitals and spoken in Vietnamese and English: no
 * 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 6/G, 8/B, 9/G/Q, U/V, A/Q; no K ("ca"/"ba", "kay"/"eight"), H ("aitch"/"eight"),
 * N ("en nờ"/"em mờ"), E-set letters (B C D E G P T V Z). 13 symbols, 6 of them: 4.8 million answers, each
 * captcha good for one guess.
 */
export const CAPTCHA_ALPHABET = 'mrwxy23456789';
/** How many clips one captcha may be spoken as: enough to replay, not enough to load the server. */
const CLIPS_PER_CAPTCHA = 10;

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
  /** Whether citizens can be offered the clip at all (the speaker is installed here). */
  audioAvailable(): boolean;
  /** The captcha's characters spoken; `script` writes the words to say (in `voice`'s language) for them. */
  audio(
    captchaId: string,
    voice: CaptchaVoice,
    script: (characters: string[]) => string,
  ): Promise<Outcome<CaptchaClip>>;
  /** Whether the captcha can still be answered (not spent, not expired): a form may keep it. */
  isLive(captchaId: string): Promise<boolean>;
  /** Uses the captcha up, whatever the answer; true only for the right answer within its time (any case, spaces ignored). */
  verify(captchaId: string, answer: string): Promise<boolean>;
  /** Dev mode only (the /sim route): the answer, for automated tests. */
  revealAnswer(captchaId: string): Promise<string | undefined>;
}

export function createCaptchaUseCases(deps: {
  store: EphemeralStore;
  renderer: CaptchaRenderer;
  /** Absent: no audio alternative (the pages then point to the helpline only). */
  speaker?: CaptchaSpeaker;
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
        return failure('RATE_LIMITED', {
          limit: 'CAPTCHAS_PER_IP',
          retryAfterSeconds: Math.ceil(resetInMs / 1000),
        });
      const answer = Array.from(
        { length: rules.length },
        () => CAPTCHA_ALPHABET[deps.random.int(CAPTCHA_ALPHABET.length)],
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

    audioAvailable: () => deps.speaker?.available() ?? false,

    async audio(captchaId, voice, script) {
      const stored = await load(captchaId);
      if (!stored) return failure('CAPTCHA_NOT_FOUND');
      const speaker = deps.speaker;
      if (!speaker?.available()) return failure('CAPTCHA_AUDIO_UNAVAILABLE');
      const played = await deps.store.incrementIfBelow(
        `captcha-audio:${captchaId}`,
        CLIPS_PER_CAPTCHA,
        rules.ttlMs,
      );
      if (!played.allowed)
        return failure('RATE_LIMITED', {
          limit: 'CAPTCHA_AUDIO',
          retryAfterSeconds: Math.ceil(played.resetInMs / 1000),
        });
      const clip = await speaker.speak(script([...stored.answer]), voice);
      return clip ? success(clip) : failure('CAPTCHA_AUDIO_UNAVAILABLE');
    },

    async isLive(captchaId) {
      return (await load(captchaId)) !== undefined;
    },

    async verify(captchaId, answer) {
      if (!/^[\w-]{10,64}$/.test(captchaId)) return false;
      const raw = await deps.store.take(key(captchaId));
      if (!raw) return false;
      const stored = JSON.parse(raw) as Stored;
      return (
        stored.expiresAt > deps.clock.now().getTime() &&
        stored.answer === answer.replace(/\s+/g, '').toLowerCase()
      );
    },

    async revealAnswer(captchaId) {
      return (await load(captchaId))?.answer;
    },
  };
}
