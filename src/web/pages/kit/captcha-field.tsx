/** The captcha: its image, a "new image" button that works without JavaScript, and the answer field. */

import { SubmitButton, TextField } from './components.tsx';
import type { PageContext } from './context.ts';

export function CaptchaField(props: { ctx: PageContext; captchaId: string; error?: string | undefined }) {
  const f = props.ctx.m.mobileForm;
  return (
    <>
      <input type="hidden" name="captchaId" value={props.captchaId} />
      <div class="captcha">
        <img src={`/api/v1/captchas/${props.captchaId}/image`} alt={f.captchaImage} width="180" height="60" />
        <SubmitButton name="action" value="new-captcha" secondary noValidate>
          {f.newCaptcha}
        </SubmitButton>
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
