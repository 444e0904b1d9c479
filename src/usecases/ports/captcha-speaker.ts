/**
 * Speaks a captcha's characters for citizens who cannot see the image (the audio alternative of WCAG 2.2
 * SC 1.1.1 and 3.3.8). The script, the words to say, is written by the caller in the citizen's language;
 * the speaker only turns it into sound.
 */
export type CaptchaVoice = 'vi' | 'en';

export interface CaptchaClip {
  contentType: string;
  body: Buffer;
}

export interface CaptchaSpeaker {
  /** False when the speech synthesiser is missing here: the pages then offer no audio. */
  available(): boolean;
  /** The clip, or undefined when it could not be made (synthesiser missing, busy or failed). */
  speak(script: string, voice: CaptchaVoice): Promise<CaptchaClip | undefined>;
}
