import { Csrf, ErrorSummary, Notice, PasswordField, SubmitButton, TextField } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import { errorFor, type ShownError } from '../kit/errors.ts';
import { Layout } from '../kit/layout.tsx';

export const signInLabels = (ctx: PageContext) => ({
  username: ctx.m.signIn.username,
  password: ctx.m.signIn.password,
});

/** Signing in for a portal (an OpenID Provider interaction): where the form goes, and the portal named. */
export interface ForPortal {
  action: string;
  /** "Sign in to continue to {portal}." */
  lead: string;
  registerHref: string;
  /** The interaction's id: signing in with PostID instead continues the same authorization. */
  interaction?: string;
  /** Signing in with a certificate (USB token) instead, continuing the same authorization. */
  certificateHref?: string;
  /** Signing in with the SIM signature instead, continuing the same authorization. */
  simSignatureHref?: string;
  /** Signing in with a remote signature instead, continuing the same authorization. */
  remoteSignatureHref?: string;
  /** Back to the portal without signing in (the portal is told `access_denied`). */
  cancel: { action: string; text: string };
}

/** The sign-in form's id: the language switch is one of its buttons, so the typed ID number goes along. */
const SIGN_IN_FORM = 'sign-in-form';

export function SignInPage(view: {
  ctx: PageContext;
  csrf: string;
  username: string;
  errors: ShownError[];
  notice?: string | undefined;
  forPortal?: ForPortal | undefined;
}) {
  const { ctx, errors, forPortal } = view;
  const s = ctx.m.signIn;
  return (
    <Layout ctx={ctx} title={s.title} hasErrors={errors.length > 0} entriesForm={SIGN_IN_FORM}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="success">{view.notice}</Notice> : ''}
      <h1>{s.title}</h1>
      {forPortal ? (
        <p class="lead" safe>
          {forPortal.lead}
        </p>
      ) : (
        ''
      )}
      <form method="post" action={forPortal?.action ?? '/sign-in'} id={SIGN_IN_FORM} novalidate>
        <Csrf token={view.csrf} />
        <TextField
          ctx={ctx}
          id="username"
          label={s.username}
          hint={s.usernameHint}
          error={errorFor(errors, 'username')}
          value={view.username}
          required
          autocomplete="username"
          inputmode="numeric"
          width="medium"
          spellcheck={false}
        />
        <PasswordField
          ctx={ctx}
          id="password"
          label={s.password}
          error={errorFor(errors, 'password')}
          required
          autocomplete="current-password"
        />
        <SubmitButton>{s.submit}</SubmitButton>
      </form>
      <form method="post" action="/vnpost/start">
        <Csrf token={view.csrf} />
        <input type="hidden" name="purpose" value="sign-in" />
        {forPortal?.interaction ? (
          <input type="hidden" name="interaction" value={forPortal.interaction} />
        ) : (
          ''
        )}
        <SubmitButton secondary>{ctx.m.vnpost.signInWith}</SubmitButton>
      </form>
      <p>
        <a href="/forgot-password">{ctx.m.common.forgotPassword}</a>
      </p>
      <p>
        <a href={forPortal?.certificateHref ?? '/sign-in/certificate'}>{ctx.m.usbTokenSignIn.link}</a>
      </p>
      <p>
        <a href={forPortal?.simSignatureHref ?? '/sign-in/sim-signature'}>{ctx.m.simSignature.signInWith}</a>
      </p>
      <p>
        <a href={forPortal?.remoteSignatureHref ?? '/sign-in/remote-signature'}>
          {ctx.m.remoteSignature.signInWith}
        </a>
      </p>
      <p>
        <a href={forPortal?.registerHref ?? '/register'}>{s.noAccount}</a>
      </p>
      {forPortal ? (
        <form method="post" action={forPortal.cancel.action}>
          <Csrf token={view.csrf} />
          <button type="submit" class="button-link" safe>
            {forPortal.cancel.text}
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
