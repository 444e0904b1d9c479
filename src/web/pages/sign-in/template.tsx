import { Csrf, ErrorSummary, Notice, PasswordField, SubmitButton, TextField } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import { errorFor, type ShownError } from '../kit/errors.ts';
import { Layout } from '../kit/layout.tsx';

export const signInLabels = (ctx: PageContext) => ({
  username: ctx.m.signIn.username,
  password: ctx.m.signIn.password,
});

export function SignInPage(view: {
  ctx: PageContext;
  csrf: string;
  username: string;
  errors: ShownError[];
  notice?: string | undefined;
}) {
  const { ctx, errors } = view;
  const s = ctx.m.signIn;
  return (
    <Layout ctx={ctx} title={s.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="success">{view.notice}</Notice> : ''}
      <h1>{s.title}</h1>
      <form method="post" action="/sign-in" novalidate>
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
      <p>
        <a href="/forgot-password">{ctx.m.common.forgotPassword}</a>
      </p>
      <p>
        <a href="/register">{s.noAccount}</a>
      </p>
    </Layout>
  );
}
