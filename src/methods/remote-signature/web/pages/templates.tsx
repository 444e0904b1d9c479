/**
 * The remote-signature method's own part of its pages: the ID number and the provider, in the registration form
 * and the sign-in form (the shared shells, waiting and refusal pages are in src/web/pages/kit/awaiting-signature/).
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
import { REMOTE_SIGNATURE_PATHS } from './paths.ts';

export const remoteFormLabels = (ctx: PageContext): Record<string, string> => ({
  idNumber: ctx.m.remoteSignature.idNumber,
  provider: ctx.m.remoteSignature.provider,
  captchaAnswer: ctx.m.captcha.label,
  consent: ctx.m.registrationForm.consentLegend,
});

/** A provider's name as the citizen knows it; the id for one the texts do not know. */
export function providerName(ctx: PageContext, provider: string): string {
  const names = ctx.m.remoteSignature as Record<string, string>;
  return names[`provider_${provider}`] ?? provider;
}

function EntryFields(props: {
  ctx: PageContext;
  providers: readonly string[];
  idNumber: string | undefined;
  provider: string | undefined;
  errors: ShownError[];
}) {
  const { ctx } = props;
  const s = ctx.m.remoteSignature;
  const providerError = errorFor(props.errors, 'provider');
  return (
    <>
      <TextField
        ctx={ctx}
        id="idNumber"
        label={s.idNumber}
        hint={s.idNumberHint}
        error={errorFor(props.errors, 'idNumber')}
        value={props.idNumber}
        required
        inputmode="numeric"
        autocomplete="off"
        width="medium"
        spellcheck={false}
      />
      <fieldset class={`field${providerError ? ' field-error' : ''}`}>
        <legend>
          <span safe>{s.provider}</span>
          <span class="required"> {ctx.m.common.required}</span>
        </legend>
        {providerError ? (
          <p class="error-message" id="provider-error">
            <span class="visually-hidden">{ctx.m.common.errorPrefix}: </span>
            <span safe>{providerError}</span>
          </p>
        ) : (
          ''
        )}
        {props.providers.map((provider, index) => (
          <div class="checkbox">
            {/* The first choice carries the field's id, so the error summary's link lands on the group. */}
            <input
              type="radio"
              id={index === 0 ? 'provider' : `provider-${provider}`}
              name="provider"
              value={provider}
              checked={props.provider === provider}
              aria-describedby={providerError ? 'provider-error' : undefined}
            />
            <label for={index === 0 ? 'provider' : `provider-${provider}`} safe>
              {providerName(ctx, provider)}
            </label>
          </div>
        ))}
      </fieldset>
    </>
  );
}

/** The form's page; the providers are read at each render (they are known once the partners are attached). */
export function remoteRegistrationPage(providers: () => readonly string[]) {
  return (view: RegistrationFormView) => (
    <SignatureRegistrationPage view={view} texts={view.ctx.m.remoteSignature}>
      <EntryFields
        ctx={view.ctx}
        providers={providers()}
        idNumber={view.values.idNumber}
        provider={view.values.provider}
        errors={view.errors}
      />
    </SignatureRegistrationPage>
  );
}

/** The sign-in page; the providers are read at each render, as the form's. */
export function remoteSignInPage(providers: () => readonly string[]) {
  return (view: SignInView) => (
    <SignatureSignInPage
      view={view}
      texts={view.ctx.m.remoteSignature}
      action={REMOTE_SIGNATURE_PATHS.signIn}
      registerHref={REMOTE_SIGNATURE_PATHS.register.form}
    >
      <EntryFields
        ctx={view.ctx}
        providers={providers()}
        idNumber={view.values.idNumber}
        provider={view.values.provider}
        errors={view.errors}
      />
    </SignatureSignInPage>
  );
}
