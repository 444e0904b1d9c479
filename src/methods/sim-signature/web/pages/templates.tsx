/**
 * The SIM-signature method's own part of its pages: the phone number, in the registration form and the sign-in
 * form (the shared shells, waiting and refusal pages are in src/web/pages/kit/awaiting-signature/).
 */

import {
  SignatureRegistrationPage,
  SignatureSignInPage,
  type SignInView,
} from '../../../../web/pages/kit/awaiting-signature/index.ts';
import { TextField } from '../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import { errorFor, type ShownError } from '../../../../web/pages/kit/errors.ts';
import type { RegistrationFormView } from '../../../../web/pages/kit/registration-form.ts';
import { SIM_SIGNATURE_PATHS } from './paths.ts';

export const simFormLabels = (ctx: PageContext): Record<string, string> => ({
  phoneNumber: ctx.m.simSignature.phone,
});

function PhoneField(props: { ctx: PageContext; value: string | undefined; errors: ShownError[] }) {
  const s = props.ctx.m.simSignature;
  return (
    <TextField
      ctx={props.ctx}
      id="phoneNumber"
      label={s.phone}
      hint={s.phoneHint}
      error={errorFor(props.errors, 'phoneNumber')}
      value={props.value}
      required
      type="tel"
      inputmode="tel"
      autocomplete="tel"
      width="medium"
    />
  );
}

export function SimRegistrationPage(view: RegistrationFormView) {
  return (
    <SignatureRegistrationPage view={view} texts={view.ctx.m.simSignature}>
      <PhoneField ctx={view.ctx} value={view.values.phoneNumber} errors={view.errors} />
    </SignatureRegistrationPage>
  );
}

export function SimSignInPage(view: SignInView) {
  return (
    <SignatureSignInPage
      view={view}
      texts={view.ctx.m.simSignature}
      action={SIM_SIGNATURE_PATHS.signIn}
      registerHref={SIM_SIGNATURE_PATHS.register.form}
    >
      <PhoneField ctx={view.ctx} value={view.values.phoneNumber} errors={view.errors} />
    </SignatureSignInPage>
  );
}
