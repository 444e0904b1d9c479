/**
 * Renders captcha answers with svg-captcha: glyphs drawn as SVG paths with noise lines, so the markup holds no
 * text. Drawn for legibility (issue 17): capitals, near-black on white (contrast about 17:1), two thin
 * noise lines in a lighter grey that the eye separates from the glyphs.
 */
import svgCaptcha from 'svg-captcha';
import type { CaptchaRenderer } from '../../usecases/ports/captcha-renderer.ts';

// The package's callable default export (draw a given text) is missing from its type declarations.
const drawText = svgCaptcha as unknown as (text: string, options: Record<string, unknown>) => string;

export const CAPTCHA_INK = '#1b1b1b';
export const CAPTCHA_NOISE = '#a3acb5';
const WIDTH = 200;
const HEIGHT = 64;

export const svgCaptchaRenderer: CaptchaRenderer = {
  render(answer) {
    // Without `background` the package draws in greys (with one, in random colours of any contrast);
    // the greys are then replaced by the two fixed colours.
    const drawn = drawText(answer.toUpperCase(), {
      noise: 2,
      color: false,
      width: WIDTH,
      height: HEIGHT,
      fontSize: 54,
    });
    const body = drawn
      .replace(/stroke="#[0-9a-f]{3}"/gi, `stroke="${CAPTCHA_NOISE}" stroke-width="1.5"`)
      .replace(/fill="#[0-9a-f]{3}"/gi, `fill="${CAPTCHA_INK}"`)
      .replace(/(<svg[^>]*>)/, `$1<rect width="100%" height="100%" fill="#ffffff"/>`);
    return { contentType: 'image/svg+xml', body };
  },
};
