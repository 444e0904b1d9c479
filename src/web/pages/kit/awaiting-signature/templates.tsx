/**
 * The pages an asynchronous signature method shares: the shell of its registration form and of its sign-in form
 * (the method gives only its entry fields), the page that waits for the signature (the code the citizen's device
 * shows, when the request ends, reloading itself every few seconds without JavaScript; a link that stops the
 * reloading, for whoever needs the page to stay still), and the page of each refusal with the way forward.
 */
import type { Children } from '@kitajs/html';
import { format } from '../../messages.ts';
import { CaptchaField, CaptchaFormButtons } from '../captcha-field.tsx';
import { Csrf, ErrorSummary, Notice, SubmitButton } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { errorFor, type ShownError } from '../errors.ts';
import { Layout } from '../layout.tsx';
import { ConsentField } from '../registration-fields.tsx';
import type { RegistrationFormView } from '../registration-form.ts';
import type { AwaitingSignatureTexts } from './texts.ts';

function Needs(props: { texts: AwaitingSignatureTexts }) {
  const s = props.texts;
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

/** The registration form: what is needed, the method's entries, the captcha and the consent. */
export function SignatureRegistrationPage(props: {
  view: RegistrationFormView;
  texts: AwaitingSignatureTexts;
  children: Children;
}) {
  const { view, texts: s } = props;
  const { ctx, values, errors } = view;
  return (
    <Layout ctx={ctx} title={s.title} hasErrors={errors.length > 0} entriesForm="entries-form">
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="warning">{view.notice}</Notice> : ''}
      <h1 safe>{s.title}</h1>
      <p class="lead" safe>
        {s.lead}
      </p>
      <Needs texts={s} />
      <form method="post" action={view.action} id="entries-form" novalidate>
        <Csrf token={view.csrf} />
        {props.children}
        <CaptchaField ctx={ctx} captcha={view.captcha} error={errorFor(errors, 'captchaAnswer')} />
        <ConsentField ctx={ctx} text={s.consent} checked={values.consent === 'yes'} errors={errors} />
        <CaptchaFormButtons ctx={ctx}>{s.submit}</CaptchaFormButtons>
      </form>
      <p>
        <a href="/register">{s.otherMethods}</a>
      </p>
    </Layout>
  );
}

/** What a method's sign-in page is rendered from. */
export interface SignInView {
  ctx: PageContext;
  csrf: string;
  /** The entries kept after an error. */
  values: Record<string, string | undefined>;
  errors: ShownError[];
  interaction?: string | undefined;
}

/** The sign-in form: the method's entries and the way to register instead. */
export function SignatureSignInPage(props: {
  view: SignInView;
  texts: AwaitingSignatureTexts;
  action: string;
  registerHref: string;
  children: Children;
}) {
  const { view, texts: s } = props;
  const { ctx } = view;
  return (
    <Layout ctx={ctx} title={s.signInTitle} hasErrors={view.errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <h1 safe>{s.signInTitle}</h1>
      <p class="lead" safe>
        {s.signInLead}
      </p>
      <form method="post" action={props.action} novalidate>
        <Csrf token={view.csrf} />
        {view.interaction ? <input type="hidden" name="interaction" value={view.interaction} /> : ''}
        {props.children}
        <SubmitButton>{s.signInSubmit}</SubmitButton>
      </form>
      <p>
        <a href="/sign-in">{ctx.m.nav.signIn}</a>
      </p>
      <p>
        <a href={props.registerHref}>{s.register}</a>
      </p>
    </Layout>
  );
}

/** The code the device shows, the end of the window, and how the page goes on by itself. */
export function WaitingPage(props: {
  ctx: PageContext;
  texts: AwaitingSignatureTexts;
  displayCode: string;
  expiresAt: Date;
  now: Date;
  /** Whether the page reloads itself (the citizen may stop it). */
  refreshing: boolean;
  /** This page's address. */
  self: string;
}) {
  const { ctx, texts: s } = props;
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
