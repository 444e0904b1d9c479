/** The fields every citizen registration form shares: the identity entries, and the consent. */
import { TextField } from './components.tsx';
import type { PageContext } from './context.ts';
import { errorFor, type ShownError } from './errors.ts';

export function identityFieldLabels(ctx: PageContext): Record<string, string> {
  const f = ctx.m.registrationForm;
  return {
    idNumber: f.idNumber,
    fullName: f.fullName,
    birthDate: f.birthDate,
    captchaAnswer: f.captcha,
    consent: f.consentLegend,
  };
}

export function IdentityFields(props: {
  ctx: PageContext;
  values: Record<string, string>;
  errors: ShownError[];
}) {
  const { ctx, values, errors } = props;
  const f = ctx.m.registrationForm;
  return (
    <>
      <TextField
        ctx={ctx}
        id="idNumber"
        label={f.idNumber}
        hint={f.idNumberHint}
        error={errorFor(errors, 'idNumber')}
        value={values.idNumber}
        required
        inputmode="numeric"
        autocomplete="off"
        width="medium"
        spellcheck={false}
      />
      <TextField
        ctx={ctx}
        id="fullName"
        label={f.fullName}
        hint={f.fullNameHint}
        error={errorFor(errors, 'fullName')}
        value={values.fullName}
        required
        autocomplete="name"
        spellcheck={false}
      />
      <TextField
        ctx={ctx}
        id="birthDate"
        label={f.birthDate}
        hint={f.birthDateHint}
        error={errorFor(errors, 'birthDate')}
        value={values.birthDate}
        required
        autocomplete="bday"
        width="short"
      />
    </>
  );
}

/** `text`: what the citizen agrees to, naming the partner their data goes to. */
export function ConsentField(props: {
  ctx: PageContext;
  text: string;
  checked: boolean;
  errors: ShownError[];
}) {
  const { ctx } = props;
  const f = ctx.m.registrationForm;
  const consentError = errorFor(props.errors, 'consent');
  return (
    <fieldset class={`field consent${consentError ? ' field-error' : ''}`}>
      <legend>
        {f.consentLegend}
        <span class="required"> {ctx.m.common.required}</span>
      </legend>
      {consentError ? (
        <p class="error-message" id="consent-error">
          <span class="visually-hidden">{ctx.m.common.errorPrefix}: </span>
          <span safe>{consentError}</span>
        </p>
      ) : (
        ''
      )}
      <div class="checkbox">
        <input
          type="checkbox"
          id="consent"
          name="consent"
          value="yes"
          checked={props.checked}
          aria-describedby={consentError ? 'consent-error' : undefined}
        />
        <label for="consent">{props.text}</label>
      </div>
    </fieldset>
  );
}
