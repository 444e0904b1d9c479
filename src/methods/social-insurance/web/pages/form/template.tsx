import { CaptchaField, CaptchaFormButtons } from '../../../../../web/pages/kit/captcha-field.tsx';
import { Csrf, ErrorSummary, Notice, TextField } from '../../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../../web/pages/kit/context.ts';
import { errorFor } from '../../../../../web/pages/kit/errors.ts';
import { Layout } from '../../../../../web/pages/kit/layout.tsx';
import {
  ConsentField,
  IdentityFields,
  identityFieldLabels,
} from '../../../../../web/pages/kit/registration-fields.tsx';
import type { RegistrationFormView } from '../../../../../web/pages/kit/registration-form.ts';

export const socialInsuranceFormLabels = (ctx: PageContext): Record<string, string> => ({
  socialInsuranceNumber: ctx.m.socialInsuranceForm.number,
  ...identityFieldLabels(ctx),
});

export function SocialInsuranceFormPage(view: RegistrationFormView) {
  const { ctx, values, errors } = view;
  const f = ctx.m.socialInsuranceForm;
  return (
    <Layout ctx={ctx} title={f.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
      <h1>{f.title}</h1>
      <p class="lead">{f.lead}</p>
      <form method="post" action={view.action} novalidate>
        <Csrf token={view.csrf} />
        <TextField
          ctx={ctx}
          id="socialInsuranceNumber"
          label={f.number}
          hint={f.numberHint}
          error={errorFor(errors, 'socialInsuranceNumber')}
          value={values.socialInsuranceNumber}
          required
          inputmode="numeric"
          autocomplete="off"
          width="medium"
          spellcheck={false}
        />
        <IdentityFields ctx={ctx} values={values} errors={errors} />
        <CaptchaField ctx={ctx} captchaId={view.captchaId} error={errorFor(errors, 'captchaAnswer')} />
        <ConsentField ctx={ctx} text={f.consent} checked={values.consent === 'yes'} errors={errors} />
        <CaptchaFormButtons ctx={ctx}>{f.submit}</CaptchaFormButtons>
      </form>
    </Layout>
  );
}
