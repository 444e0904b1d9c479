/** Draws a captcha answer as an image whose markup does not contain the answer (SVG paths, noise, distortion). */
export interface CaptchaRenderer {
  render(answer: string): { contentType: string; body: string | Buffer };
}
