/**
 * The remote-signature pages: the registration form (ID number, provider, captcha, consent), the sign-in form,
 * the page that waits for the approval in the provider's app (the code the app shows, when the request ends,
 * reloading itself every few seconds without JavaScript; a link that stops the reloading, for whoever needs the
 * page to stay still), and the page of each refusal with the way forward. No JavaScript.
 */
import { CaptchaField, CaptchaFormButtons } from '../../../../web/pages/kit/captcha-field.tsx';
import {
  Csrf,
  ErrorSummary,
  Notice,
  SubmitButton,
  TextField,
} from '../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import { errorFor, type ShownError } from '../../../../web/pages/kit/errors.ts';
import { Layout } from '../../../../web/pages/kit/layout.tsx';
import { ConsentField } from '../../../../web/pages/kit/registration-fields.tsx';
import type { RegistrationFormView } from '../../../../web/pages/kit/registration-form.ts';
import { format } from '../../../../web/pages/messages.ts';
import { REGISTER, SIGN_IN_PATH } from './paths.ts';

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

function Needs(props: { ctx: PageContext }) {
  const s = props.ctx.m.remoteSignature;
  return (
    <>
      <h2 safe>{s.needTitle}</h2>
      <ul>
        <li safe>{s.need1}</li>
        <li safe>{s.need2}</li>
      </ul>
    </>
  );
}

/** The form's page; the providers are read at each render (they are known once the partners are attached). */
export function remoteRegistrationPage(providers: () => readonly string[]) {
  return (view: RegistrationFormView) => {
    const { ctx, values, errors } = view;
    const s = ctx.m.remoteSignature;
    return (
      <Layout ctx={ctx} title={s.title} hasErrors={errors.length > 0} entriesForm="entries-form">
        <ErrorSummary ctx={ctx} errors={errors} />
        {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
        <h1 safe>{s.title}</h1>
        <p class="lead" safe>
          {s.lead}
        </p>
        <Needs ctx={ctx} />
        <form method="post" action={view.action} id="entries-form" novalidate>
          <Csrf token={view.csrf} />
          <EntryFields
            ctx={ctx}
            providers={providers()}
            idNumber={values.idNumber}
            provider={values.provider}
            errors={errors}
          />
          <CaptchaField ctx={ctx} captcha={view.captcha} error={errorFor(errors, 'captchaAnswer')} />
          <ConsentField ctx={ctx} text={s.consent} checked={values.consent === 'yes'} errors={errors} />
          <CaptchaFormButtons ctx={ctx}>{s.submit}</CaptchaFormButtons>
        </form>
        <p>
          <a href="/register">{s.otherMethods}</a>
        </p>
      </Layout>
    );
  };
}

export function RemoteSignInPage(props: {
  ctx: PageContext;
  csrf: string;
  providers: readonly string[];
  idNumber?: string | undefined;
  provider?: string | undefined;
  errors: ShownError[];
  interaction?: string | undefined;
}) {
  const { ctx } = props;
  const s = ctx.m.remoteSignature;
  return (
    <Layout ctx={ctx} title={s.signInTitle} hasErrors={props.errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1 safe>{s.signInTitle}</h1>
      <p class="lead" safe>
        {s.signInLead}
      </p>
      <form method="post" action={SIGN_IN_PATH} novalidate>
        <Csrf token={props.csrf} />
        {props.interaction ? <input type="hidden" name="interaction" value={props.interaction} /> : ''}
        <EntryFields
          ctx={ctx}
          providers={props.providers}
          idNumber={props.idNumber}
          provider={props.provider}
          errors={props.errors}
        />
        <SubmitButton>{s.signInSubmit}</SubmitButton>
      </form>
      <p>
        <a href="/sign-in">{ctx.m.nav.signIn}</a>
      </p>
      <p>
        <a href={REGISTER.form}>{s.register}</a>
      </p>
    </Layout>
  );
}

/** The code the app shows, the end of the window, and how the page goes on by itself. */
export function WaitingPage(props: {
  ctx: PageContext;
  displayCode: string;
  expiresAt: Date;
  now: Date;
  /** Whether the page reloads itself (the citizen may stop it). */
  refreshing: boolean;
  /** This page's address. */
  self: string;
}) {
  const { ctx } = props;
  const s = ctx.m.remoteSignature;
  const seconds = Math.max(0, Math.ceil((props.expiresAt.getTime() - props.now.getTime()) / 1000));
  const time = new Intl.DateTimeFormat(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(props.expiresAt);
  return (
    <Layout ctx={ctx} title={s.waitingTitle}>
      <h1 safe>{s.waitingTitle}</h1>
      <p class="lead" safe>
        {s.waitingLead}
      </p>
      <div class="panel-success">
        <p safe>{s.displayCode}</p>
        <p class="display-code" lang="en">
          <strong safe>{props.displayCode}</strong>
        </p>
      </div>
      <p safe>{format(s.countdown, { time, seconds: String(seconds) })}</p>
      <p safe>{s.wrongCode}</p>
      <p safe>{props.refreshing ? s.refreshNote : s.refreshStopped}</p>
      <p>
        <a class="button" href={props.self}>
          {s.checkAgain}
        </a>
      </p>
      {props.refreshing ? (
        <p>
          <a href={`${props.self}?refresh=off`}>{s.stopRefresh}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

export interface Action {
  href: string;
  text: string;
}

export function RefusedPage(props: {
  ctx: PageContext;
  title: string;
  lead: string;
  details?: string[];
  actions: Action[];
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1 safe>{props.title}</h1>
      <Notice tone="warning">
        <p safe>{props.lead}</p>
      </Notice>
      {(props.details ?? []).map((detail) => (
        <p safe>{detail}</p>
      ))}
      {props.actions.map((action, index) => (
        <p>
          <a class={index === 0 ? 'button' : undefined} href={action.href}>
            {action.text}
          </a>
        </p>
      ))}
    </Layout>
  );
}
