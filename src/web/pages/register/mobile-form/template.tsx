import { CaptchaField, CaptchaFormButtons } from '../../kit/captcha-field.tsx';
import { Csrf, ErrorSummary, Notice, TextField } from '../../kit/components.tsx';
import type { PageContext } from '../../kit/context.ts';
import { errorFor, type ShownError } from '../../kit/errors.ts';
import { Layout } from '../../kit/layout.tsx';

export interface MobileFormView {
  ctx: PageContext;
  csrf: string;
  values: Record<string, string>;
  errors: ShownError[];
  notice?: string | undefined;
  captchaId: string;
}

export const mobileFormLabels = (ctx: PageContext): Record<string, string> => ({
  idNumber: ctx.m.mobileForm.idNumber,
  fullName: ctx.m.mobileForm.fullName,
  birthDate: ctx.m.mobileForm.birthDate,
  phoneNumber: ctx.m.mobileForm.phoneNumber,
  captchaAnswer: ctx.m.mobileForm.captcha,
  consent: ctx.m.mobileForm.consentLegend,
});

export function MobileFormPage(view: MobileFormView) {
  const { ctx, values, errors } = view;
  const f = ctx.m.mobileForm;
  const consentError = errorFor(errors, 'consent');
  return (
    <Layout ctx={ctx} title={f.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
      <h1>{f.title}</h1>
      <p class="lead">{f.lead}</p>
      <form method="post" action="/register/mobile" novalidate>
        <Csrf token={view.csrf} />
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
              checked={values.consent === 'yes'}
              aria-describedby={consentError ? 'consent-error' : undefined}
            />
            <label for="consent">{f.consent}</label>
          </div>
        </fieldset>
        <CaptchaFormButtons ctx={ctx}>{f.submit}</CaptchaFormButtons>
      </form>
    </Layout>
  );
}
