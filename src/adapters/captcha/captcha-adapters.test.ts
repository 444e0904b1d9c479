/**
 * The captcha's adapters: the image is legible (capitals, near-black ink on white, light noise; no text in
 * the markup), and espeak-ng speaks Vietnamese and English into a well-formed small WAV; a missing
 * espeak-ng is said once and leaves the speaker unavailable instead of failing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compactWav, createEspeakCaptchaSpeaker } from './espeak-captcha-speaker.ts';
import { CAPTCHA_INK, CAPTCHA_NOISE, svgCaptchaRenderer } from './svg-captcha-renderer.ts';

/** WCAG relative-luminance contrast of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05);
}

describe('captcha image', () => {
  it('draws near-black glyphs on white with lighter noise, and no text in the markup', () => {
    const svg = svgCaptchaRenderer.render('mr3x7y').body as string;
    assert.ok(!/mr3x7y|MR3X7Y/.test(svg));
    assert.ok(!svg.includes('<text'));
    assert.match(svg, /<rect width="100%" height="100%" fill="#ffffff"\/>/);
    const fills = new Set([...svg.matchAll(/<path fill="(#[0-9a-f]+)"/gi)].map((m) => m[1]));
    assert.deepEqual([...fills], [CAPTCHA_INK], 'every glyph in the ink colour');
    assert.equal((svg.match(/<path fill=/g) ?? []).length, 6, 'one path per character');
    const strokes = new Set([...svg.matchAll(/stroke="(#[0-9a-f]+)"/gi)].map((m) => m[1]));
    assert.deepEqual([...strokes], [CAPTCHA_NOISE]);
    assert.ok(contrastOnWhite(CAPTCHA_INK) >= 7, 'AAA contrast for the glyphs');
    assert.ok(contrastOnWhite(CAPTCHA_NOISE) < contrastOnWhite(CAPTCHA_INK) / 4, 'noise clearly lighter');
  });
});

const espeak = existsSync('/usr/bin/espeak-ng')
  ? undefined
  : 'espeak-ng is not installed (apt-get install -y espeak-ng)';

describe('captcha speech', () => {
  it('speaks Vietnamese and English into an 11 kHz 8-bit mono WAV with a true header', {
    skip: espeak,
  }, async () => {
    const warnings: string[] = [];
    const speaker = await createEspeakCaptchaSpeaker({ warn: (message) => warnings.push(message) });
    assert.equal(speaker.available(), true);
    for (const [voice, script] of [
      ['vi', 'Các ký tự cần nhập là: chữ em mờ. số năm.'],
      ['en', 'The characters to type are: letter em. number five.'],
    ] as const) {
      const clip = await speaker.speak(script, voice);
      assert.ok(clip, voice);
      const wav = clip.body;
      assert.equal(clip.contentType, 'audio/wav');
      assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
      assert.equal(wav.readUInt32LE(4), wav.length - 8, 'RIFF size');
      assert.equal(wav.readUInt32LE(24), 11025, 'sample rate');
      assert.equal(wav.readUInt16LE(34), 8, 'bits per sample');
      assert.equal(wav.readUInt32LE(40), wav.length - 44, 'data size');
      assert.ok(wav.length > 11025, `${voice}: more than a second of sound`);
      const loud = wav.subarray(44).some((sample) => Math.abs(sample - 128) > 40);
      assert.ok(loud, `${voice}: not silence`);
    }
    assert.deepEqual(warnings, []);
  });

  it('says once that the synthesiser is missing, and then offers no clip', async () => {
    const warnings: string[] = [];
    const speaker = await createEspeakCaptchaSpeaker({
      command: '/nonexistent/espeak-ng',
      warn: (message) => warnings.push(message),
    });
    assert.equal(speaker.available(), false);
    assert.equal(await speaker.speak('một hai', 'vi'), undefined);
    assert.equal(await speaker.speak('one two', 'en'), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /espeak-ng is not installed/);
  });

  it('refuses a WAV that is not 16-bit mono PCM', () => {
    assert.throws(() => compactWav(Buffer.from('not a wav file at all, not even close to one.')));
  });
});
