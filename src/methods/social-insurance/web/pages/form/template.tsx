import { TextField } from '../../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../../web/pages/kit/context.ts';
import { errorFor } from '../../../../../web/pages/kit/errors.ts';
import { identityFieldLabels, RegistrationForm } from '../../../../../web/pages/kit/registration-fields.tsx';
import type { RegistrationFormView } from '../../../../../web/pages/kit/registration-form.ts';

export const socialInsuranceFormLabels = (ctx: PageContext): Record<string, string> => ({
  socialInsuranceNumber: ctx.m.socialInsuranceForm.number,
  ...identityFieldLabels(ctx),
});

export function SocialInsuranceFormPage(view: RegistrationFormView) {
  const { ctx, values, errors } = view;
  const f = ctx.m.socialInsuranceForm;
  return (
    <RegistrationForm
      view={view}
      title={f.title}
      lead={f.lead}
      consent={f.consent}
      submit={f.submit}
      before={
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
      }
    />
  );
}
