import { TextField } from '../../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../../web/pages/kit/context.ts';
import { errorFor } from '../../../../../web/pages/kit/errors.ts';
import { identityFieldLabels, RegistrationForm } from '../../../../../web/pages/kit/registration-fields.tsx';
import type { RegistrationFormView } from '../../../../../web/pages/kit/registration-form.ts';

export const mobileFormLabels = (ctx: PageContext): Record<string, string> => ({
  ...identityFieldLabels(ctx),
  phoneNumber: ctx.m.mobileForm.phoneNumber,
});

export function MobileFormPage(view: RegistrationFormView) {
  const { ctx, values, errors } = view;
  const f = ctx.m.mobileForm;
  return (
    <RegistrationForm
      view={view}
      title={f.title}
      lead={f.lead}
      consent={f.consent}
      submit={f.submit}
      after={
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
      }
    />
  );
}
