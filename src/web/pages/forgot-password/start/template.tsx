import { CaptchaField, CaptchaFormButtons } from '../../kit/captcha-field.tsx';
import { Csrf, ErrorSummary, Notice, TextField } from '../../kit/components.tsx';
import type { PageContext } from '../../kit/context.ts';
import { errorFor, type ShownError } from '../../kit/errors.ts';
import type { FormCaptcha } from '../../kit/form-captcha.ts';
import { Layout } from '../../kit/layout.tsx';

export const recoveryStartLabels = (ctx: PageContext) => ({
  idNumber: ctx.m.registrationForm.idNumber,
  captchaAnswer: ctx.m.captcha.label,
});

export function RecoveryStartPage(view: {
  ctx: PageContext;
  csrf: string;
  idNumber: string;
  captcha: FormCaptcha;
  errors: ShownError[];
  notice?: string | undefined;
}) {
  const { ctx, errors } = view;
  return (
    <Layout ctx={ctx} title={ctx.m.recovery.title} hasErrors={errors.length > 0} entriesForm="entries-form">
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
      <h1>{ctx.m.recovery.title}</h1>
      <p class="lead">{ctx.m.recovery.lead}</p>
      <form method="post" action="/forgot-password" id="entries-form" novalidate>
        <Csrf token={view.csrf} />
        <TextField
          ctx={ctx}
          id="idNumber"
          label={ctx.m.registrationForm.idNumber}
          hint={ctx.m.registrationForm.idNumberHint}
          error={errorFor(errors, 'idNumber')}
          value={view.idNumber}
          required
          autocomplete="username"
          inputmode="numeric"
          width="medium"
          spellcheck={false}
        />
        <CaptchaField ctx={ctx} captcha={view.captcha} error={errorFor(errors, 'captchaAnswer')} />
        <CaptchaFormButtons ctx={ctx}>{ctx.m.recovery.submit}</CaptchaFormButtons>
      </form>
    </Layout>
  );
}
