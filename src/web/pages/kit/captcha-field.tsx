/**
 * The captcha: its image and the answer field, and apart from them the "new image" button that works without
 * JavaScript. That button is a submit button too, so it goes after the form's primary button: pressing Enter
 * (or "Go" on a phone's keyboard) submits with the first submit button in the form, which must be the primary.
 */

import type { Children } from '@kitajs/html';
import { SubmitButton, TextField } from './components.tsx';
import type { PageContext } from './context.ts';

export function CaptchaField(props: { ctx: PageContext; captchaId: string; error?: string | undefined }) {
  const f = props.ctx.m.registrationForm;
  return (
    <>
      <input type="hidden" name="captchaId" value={props.captchaId} />
      <div class="captcha">
        <img src={`/api/v1/captchas/${props.captchaId}/image`} alt={f.captchaImage} width="180" height="60" />
      </div>
      <TextField
        ctx={props.ctx}
        id="captchaAnswer"
        label={f.captcha}
        hint={f.captchaHint}
        error={props.error}
        required
        autocomplete="off"
        width="short"
        spellcheck={false}
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
        {props.ctx.m.registrationForm.newCaptcha}
      </SubmitButton>
    </div>
  );
}
