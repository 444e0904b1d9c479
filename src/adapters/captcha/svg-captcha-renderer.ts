/** Renders captcha answers with svg-captcha: glyphs drawn as SVG paths with noise lines, so the markup holds no text. */
import svgCaptcha from 'svg-captcha';
import type { CaptchaRenderer } from '../../usecases/ports/captcha-renderer.ts';

// The package's callable default export (draw a given text) is missing from its type declarations.
const drawText = svgCaptcha as unknown as (text: string, options: Record<string, unknown>) => string;

export const svgCaptchaRenderer: CaptchaRenderer = {
  render(answer) {
    const body = drawText(answer, {
      noise: 3,
      color: false,
      width: 180,
      height: 60,
      fontSize: 56,
      background: '#f4f6f8',
    });
    return { contentType: 'image/svg+xml', body };
  },
};
