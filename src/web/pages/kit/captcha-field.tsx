/**
 * The captcha ("Ký tự trong ảnh"): its image, the recording of the same characters for a citizen who cannot
 * see it (a native audio control: it plays with the keyboard and a screen reader, without JavaScript), the
 * helpline for one who can neither see nor hear it, and the answer field, kept when the form came back for
 * its other fields. The "new image" button that works without JavaScript is a submit button too, so it goes
 * after the form's primary button: pressing Enter (or "Go" on a phone's keyboard) submits with the first
 * submit button in the form, which must be the primary.
 */

import type { Children } from '@kitajs/html';
import { format } from '../messages.ts';
import { SubmitButton, TextField } from './components.tsx';
import type { PageContext } from './context.ts';
import type { FormCaptcha } from './form-captcha.ts';

export const captchaImagePath = (id: string) => `/api/v1/captchas/${encodeURIComponent(id)}/image`;
export const captchaAudioPath = (id: string, lang: string) =>
  `/api/v1/captchas/${encodeURIComponent(id)}/audio?lang=${lang}`;

export function CaptchaField(props: { ctx: PageContext; captcha: FormCaptcha; error?: string | undefined }) {
  const { ctx, captcha } = props;
  const c = ctx.m.captcha;
  const helpline = { helpline: ctx.m.portal.helpline };
  const audio = captchaAudioPath(captcha.id, ctx.lang);
  return (
    <>
      <input type="hidden" name="captchaId" value={captcha.id} />
      <div class="captcha">
        <img
          src={captchaImagePath(captcha.id)}
          alt={captcha.audio ? c.imageAlt : format(c.imageAltNoAudio, helpline)}
          width="200"
          height="64"
        />
      </div>
      {captcha.audio ? (
        <div class="captcha-audio">
          <p id="captcha-audio-label" safe>
            {c.audioLabel}
          </p>
          {/* biome-ignore lint/a11y/useMediaCaption: the recording is itself the alternative of the image; captions would print the answer */}
          <audio controls="controls" preload="none" src={audio} aria-labelledby="captcha-audio-label">
            <a href={audio} safe>
              {c.audioLink}
            </a>
          </audio>
        </div>
      ) : (
        ''
      )}
      <p class="hint captcha-help" id="captcha-help" safe>
        {format(c.noSight, helpline)}
      </p>
      <TextField
        ctx={ctx}
        id="captchaAnswer"
        label={c.label}
        hint={c.hint}
        error={props.error}
        value={captcha.answer}
        required
        autocomplete="off"
        width="short"
        spellcheck={false}
        describedBy="captcha-help"
      />
    </>
  );
}

/** The primary button of a form with a captcha, followed by the "new image" button. */
export function CaptchaFormButtons(props: { ctx: PageContext; children: Children }) {
  return (
    <div class="button-group">
      <SubmitButton>{props.children}</SubmitButton>
      <SubmitButton name="action" value="new-captcha" secondary noValidate>
        {props.ctx.m.captcha.newImage}
      </SubmitButton>
    </div>
  );
}
