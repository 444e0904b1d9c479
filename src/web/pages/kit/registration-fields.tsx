/** What every citizen registration form shares: the identity entries, the consent, the form around them. */

import { format } from '../messages.ts';
import { CaptchaField, CaptchaFormButtons } from './captcha-field.tsx';
import { Csrf, ErrorSummary, Notice, TextField } from './components.tsx';
import type { PageContext } from './context.ts';
import { errorFor, type ShownError } from './errors.ts';
import { Layout } from './layout.tsx';
import type { RegistrationFormView } from './registration-form.ts';

export function identityFieldLabels(ctx: PageContext): Record<string, string> {
  const f = ctx.m.registrationForm;
  return {
    idNumber: f.idNumber,
    fullName: f.fullName,
    birthDate: f.birthDate,
    captchaAnswer: ctx.m.captcha.label,
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

/**
 * A method's registration form: the method's own fields (`before` or `after` the identity fields), the
 * captcha, the consent to what the method does with the entries, how many codes a phone gets a day (said
 * before the citizen spends them), and the submit button.
 */
export function RegistrationForm(props: {
  view: RegistrationFormView;
  title: string;
  lead: string;
  consent: string;
  submit: string;
  before?: JSX.Element;
  after?: JSX.Element;
}) {
  const { ctx, values, errors } = props.view;
  return (
    <Layout ctx={ctx} title={props.title} hasErrors={errors.length > 0} entriesForm="entries-form">
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.view.notice ? <Notice tone="warning">{props.view.notice}</Notice> : ''}
      <h1 safe>{props.title}</h1>
      <p class="lead" safe>
        {props.lead}
      </p>
      <form method="post" action={props.view.action} id="entries-form" novalidate>
        <Csrf token={props.view.csrf} />
        {props.before ?? ''}
        <IdentityFields ctx={ctx} values={values} errors={errors} />
        {props.after ?? ''}
        <CaptchaField ctx={ctx} captcha={props.view.captcha} error={errorFor(errors, 'captchaAnswer')} />
        <ConsentField ctx={ctx} text={props.consent} checked={values.consent === 'yes'} errors={errors} />
        <p class="codes-per-day" safe>
          {format(ctx.m.limits.codesPerDay, { max: props.view.codesPerDay })}
        </p>
        <CaptchaFormButtons ctx={ctx}>{props.submit}</CaptchaFormButtons>
      </form>
    </Layout>
  );
}
