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

export const mobileFormLabels = (ctx: PageContext): Record<string, string> => ({
  ...identityFieldLabels(ctx),
  phoneNumber: ctx.m.mobileForm.phoneNumber,
});

export function MobileFormPage(view: RegistrationFormView) {
  const { ctx, values, errors } = view;
  const f = ctx.m.mobileForm;
  return (
    <Layout ctx={ctx} title={f.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
      <h1>{f.title}</h1>
      <p class="lead">{f.lead}</p>
      <form method="post" action={view.action} novalidate>
        <Csrf token={view.csrf} />
        <IdentityFields ctx={ctx} values={values} errors={errors} />
        <TextField
          ctx={ctx}
          id="phoneNumber"
          label={f.phoneNumber}
          hint={f.phoneNumberHint}
          error={errorFor(errors, 'phoneNumber')}
          value={values.phoneNumber}
          required
          type="tel"
          autocomplete="tel"
          width="medium"
        />
        <CaptchaField ctx={ctx} captchaId={view.captchaId} error={errorFor(errors, 'captchaAnswer')} />
        <ConsentField ctx={ctx} text={f.consent} checked={values.consent === 'yes'} errors={errors} />
        <CaptchaFormButtons ctx={ctx}>{f.submit}</CaptchaFormButtons>
      </form>
    </Layout>
  );
}
