/**
 * Speaks captcha scripts with espeak-ng (Debian package `espeak-ng`), Vietnamese or English voice, a little
 * slower than its default and with a pause after each character. Its WAV comes out with placeholder sizes
 * (it streams), so it is rewritten: 11 kHz 8-bit, plenty for a voice, a quarter of the weight on a phone's
 * connection (about 200 KB for the script said twice).
 *
 * espeak-ng missing is not an outage: `available()` turns false after one warning, and the pages offer the
 * helpline instead. At most `maxConcurrent` syntheses run at once (each is ~20 ms of one core); a request
 * beyond that gets no clip rather than a queue.
 */
import { execFile } from 'node:child_process';

import type { CaptchaSpeaker, CaptchaVoice } from '../../usecases/ports/captcha-speaker.ts';

export interface EspeakOptions {
  command?: string;
  maxConcurrent?: number;
  timeoutMs?: number;
  warn(message: string, details: Record<string, unknown>): void;
}

const VOICES: Record<CaptchaVoice, string> = { vi: 'vi', en: 'en-gb' };
/** Words per minute (espeak's default is 175) and the gap between words in units of 10 ms. */
const SPEED = '140';
const WORD_GAP = '10';

/** Probes the command once; the speaker then answers `available()` without asking again. */
export async function createEspeakCaptchaSpeaker(options: EspeakOptions): Promise<CaptchaSpeaker> {
  const command = options.command ?? 'espeak-ng';
  const maxConcurrent = options.maxConcurrent ?? 4;
  const timeoutMs = options.timeoutMs ?? 5000;
  let available = await runs(command, ['--version'], timeoutMs);
  if (!available)
    options.warn(
      'espeak-ng is not installed: the audio captcha is off, citizens are pointed to the helpline',
      {
        command,
      },
    );
  let running = 0;

  return {
    available: () => available,
    async speak(script, voice) {
      if (!available || running >= maxConcurrent) return undefined;
      running += 1;
      try {
        const wav = await synthesise(
          command,
          ['-v', VOICES[voice], '-s', SPEED, '-g', WORD_GAP, '--stdout', script],
          timeoutMs,
        );
        return { contentType: 'audio/wav', body: compactWav(wav) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          available = false;
          options.warn('espeak-ng disappeared: the audio captcha is off', { command });
        } else options.warn('espeak-ng failed to speak a captcha', { error: (error as Error).message });
        return undefined;
      } finally {
        running -= 1;
      }
    },
  };
}

function runs(command: string, args: string[], timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs }, (error) => resolve(!error));
  });
}

function synthesise(command: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { encoding: 'buffer', timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

const HEADER_BYTES = 44;

/**
 * A 16-bit mono PCM WAV as 8-bit at half its sample rate (each pair of samples averaged: a crude low-pass,
 * enough for a voice), with a correct header. Anything but the 16-bit mono PCM espeak-ng writes is refused.
 */
export function compactWav(wav: Buffer): Buffer {
  const isPcm16Mono =
    wav.length >= HEADER_BYTES &&
    wav.toString('ascii', 0, 4) === 'RIFF' &&
    wav.toString('ascii', 8, 12) === 'WAVE' &&
    wav.readUInt16LE(20) === 1 &&
    wav.readUInt16LE(22) === 1 &&
    wav.readUInt16LE(34) === 16 &&
    wav.toString('ascii', 36, 40) === 'data';
  if (!isPcm16Mono) throw new Error('espeak-ng did not write 16-bit mono PCM');
  const rate = Math.floor(wav.readUInt32LE(24) / 2);
  const samples = Math.floor((wav.length - HEADER_BYTES) / 4);
  const out = Buffer.alloc(HEADER_BYTES + samples);
  for (let i = 0; i < samples; i++) {
    const at = HEADER_BYTES + i * 4;
    const mean = (wav.readInt16LE(at) + wav.readInt16LE(at + 2)) / 2;
    // 8-bit WAV samples are unsigned, silence at 128.
    out[HEADER_BYTES + i] = Math.max(0, Math.min(255, Math.round(mean / 256) + 128));
  }
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(out.length - 8, 4);
  out.write('WAVEfmt ', 8, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate, 28);
  out.writeUInt16LE(1, 32);
  out.writeUInt16LE(8, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(samples, 40);
  return out;
}
