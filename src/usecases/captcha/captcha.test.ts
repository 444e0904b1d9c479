/**
 * The captcha use cases on the in-memory store and a manual clock: answers drawn only from characters that
 * neither look nor sound alike, single use, kept forms (isLive), and the spoken alternative: the script gets
 * the answer's characters, the clip count per captcha is bounded, and a missing speaker is a clean refusal.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { createPersonalDataProtector } from '../../adapters/crypto/personal-data-protector.ts';
import { MemoryEphemeralStore } from '../../adapters/ephemeral/memory-store.ts';
import type { CaptchaSpeaker, CaptchaVoice } from '../ports/captcha-speaker.ts';
import { ManualClock } from '../ports/clock.ts';
import { cryptoRandom } from '../ports/random.ts';
import { CAPTCHA_ALPHABET, type CaptchaRules, createCaptchaUseCases } from './captcha.ts';

class RecordingSpeaker implements CaptchaSpeaker {
  readonly spoken: Array<{ script: string; voice: CaptchaVoice }> = [];
  constructor(
    private readonly installed = true,
    private readonly fails = false,
  ) {}
  available = () => this.installed;
  async speak(script: string, voice: CaptchaVoice) {
    this.spoken.push({ script, voice });
    return this.fails ? undefined : { contentType: 'audio/wav', body: Buffer.from(`clip:${script}`) };
  }
}

const stores: MemoryEphemeralStore[] = [];
function setup(speaker?: CaptchaSpeaker, rules?: CaptchaRules) {
  const clock = new ManualClock();
  const store = new MemoryEphemeralStore(clock);
  stores.push(store);
  const protector = createPersonalDataProtector({
    current: { id: 'k1', key: randomBytes(32) },
    hmacKey: randomBytes(32),
  });
  const captchas = createCaptchaUseCases({
    store,
    renderer: { render: (answer) => ({ contentType: 'text/plain', body: answer }) },
    ...(speaker && { speaker }),
    random: cryptoRandom,
    clock,
    protector,
    ...(rules && { rules }),
  });
  const make = async () => {
    const created = await captchas.create('203.0.113.9');
    assert.ok(created.ok);
    const answer = await captchas.revealAnswer(created.value.captchaId);
    assert.ok(answer);
    return { id: created.value.captchaId, answer };
  };
  return { captchas, clock, make };
}

describe('captchas', () => {
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('draws answers only from characters that neither look nor sound alike', async () => {
    for (const lookAlike of [
      '0',
      'o',
      'q',
      'a',
      '1',
      'l',
      'i',
      'j',
      'b',
      's',
      'z',
      'g',
      'u',
      'v',
      'k',
      'h',
      'n',
    ])
      assert.ok(!CAPTCHA_ALPHABET.includes(lookAlike), `${lookAlike} is left out`);
    const { make } = setup();
    for (let i = 0; i < 30; i++) {
      const { answer } = await make();
      assert.match(answer, new RegExp(`^[${CAPTCHA_ALPHABET}]{6}$`));
    }
  });

  it('accepts the answer in any case and with spaces, once; a kept form sees whether it is still live', async () => {
    const { captchas, clock, make } = setup();
    const first = await make();
    assert.equal(await captchas.isLive(first.id), true);
    const spaced = first.answer.toUpperCase().split('').join(' ');
    assert.equal(await captchas.verify(first.id, ` ${spaced} `), true);
    assert.equal(await captchas.isLive(first.id), false, 'spent once checked');
    assert.equal(await captchas.verify(first.id, first.answer), false, 'single use');

    const late = await make();
    clock.advance(2 * 60_000 + 1);
    assert.equal(await captchas.isLive(late.id), false, 'expired');
    assert.equal(await captchas.isLive('not a captcha id'), false);
  });

  it("speaks the answer's characters one by one in the asked voice, from the same answer as the image", async () => {
    const speaker = new RecordingSpeaker();
    const { captchas, make } = setup(speaker);
    const { id, answer } = await make();
    assert.equal(captchas.audioAvailable(), true);
    let given: string[] = [];
    const clip = await captchas.audio(id, 'en', (characters) => {
      given = characters;
      return characters.map((character) => `<${character}>`).join(' ');
    });
    assert.ok(clip.ok);
    assert.deepEqual(given, [...answer]);
    assert.deepEqual(speaker.spoken, [{ script: given.map((c) => `<${c}>`).join(' '), voice: 'en' }]);
    assert.equal(await captchas.isLive(id), true, 'listening does not spend the captcha');
    assert.equal(await captchas.verify(id, answer), true);
  });

  it('bounds the clips of one captcha, and refuses unknown captchas', async () => {
    const { captchas, make } = setup(new RecordingSpeaker());
    const { id } = await make();
    for (let i = 0; i < 10; i++) assert.ok((await captchas.audio(id, 'vi', (c) => c.join(' '))).ok);
    const over = await captchas.audio(id, 'vi', (c) => c.join(' '));
    assert.ok(!over.ok);
    assert.equal(over.failure.code, 'RATE_LIMITED');
    assert.equal(over.failure.limit, 'CAPTCHA_AUDIO');
    const unknown = await captchas.audio('unknown-captcha-id', 'vi', (c) => c.join(' '));
    assert.ok(!unknown.ok);
    assert.equal(unknown.failure.code, 'CAPTCHA_NOT_FOUND');
  });

  it('answers CAPTCHA_AUDIO_UNAVAILABLE without a speaker, with one not installed, or one that fails', async () => {
    for (const speaker of [undefined, new RecordingSpeaker(false), new RecordingSpeaker(true, true)]) {
      const { captchas, make } = setup(speaker);
      const { id } = await make();
      const clip = await captchas.audio(id, 'vi', (c) => c.join(' '));
      assert.ok(!clip.ok);
      assert.equal(clip.failure.code, 'CAPTCHA_AUDIO_UNAVAILABLE');
      assert.equal(captchas.audioAvailable(), speaker?.available() ?? false);
    }
  });

  it('names the per-IP limit it refuses with', async () => {
    const { captchas } = setup(undefined, { length: 6, ttlMs: 120_000, perIpPer10Minutes: 1 });
    assert.ok((await captchas.create('198.51.100.1')).ok);
    const refused = await captchas.create('198.51.100.1');
    assert.ok(!refused.ok);
    assert.equal(refused.failure.limit, 'CAPTCHAS_PER_IP');
    assert.ok((refused.failure.retryAfterSeconds ?? 0) > 0);
  });
});
