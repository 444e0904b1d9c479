/** The "enter the code" page, shared by registration and password recovery. */

import { format } from '../messages.ts';
import { Csrf, ErrorSummary, Notice, SubmitButton, TextField } from './components.tsx';
import type { PageContext } from './context.ts';
import { errorFor, type ShownError } from './errors.ts';
import { Layout } from './layout.tsx';
import { clockTime, duration } from './time.ts';

export interface CodeFormView {
  ctx: PageContext;
  csrf: string;
  lead: string;
  errors: ShownError[];
  notice?: string | undefined;
  action: string;
  resendAction: string;
  now: Date;
  otpExpiresAt: Date;
  resendAvailableAt: Date;
  /** Registration offers "wrong number? start again"; recovery has no number to get wrong. */
  startAgain?: { href: string; text: string };
}

/** Seconds left, rendered as text (no JavaScript) that the script turns into a live countdown. */
function Countdown(props: { seconds: number; ctx: PageContext }) {
  return (
    <span data-countdown={String(Math.ceil(props.seconds))} safe>
      {duration(props.seconds, props.ctx.m)}
    </span>
  );
}

export function CodeFormPage(view: CodeFormView) {
  const { ctx, errors } = view;
  const c = ctx.m.code;
  const codeLeft = (view.otpExpiresAt.getTime() - view.now.getTime()) / 1000;
  const resendIn = (view.resendAvailableAt.getTime() - view.now.getTime()) / 1000;
  const [beforeTime, afterTime] = c.validUntil.split('{left}');
  const [beforeResend, afterResend] = c.resendAt.split('{left}');
  return (
    <Layout ctx={ctx} title={c.title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? <Notice tone="success">{view.notice}</Notice> : ''}
      <h1>{c.title}</h1>
      <p class="lead" safe>
        {view.lead}
      </p>
      <form method="post" action={view.action} novalidate>
        <Csrf token={view.csrf} />
        <TextField
          ctx={ctx}
          id="code"
          label={c.code}
          hint={c.codeHint}
          error={errorFor(errors, 'code')}
          required
          autocomplete="one-time-code"
          inputmode="numeric"
          maxLength={6}
          width="short"
          spellcheck={false}
        />
        <p class="timer">
          {codeLeft > 0 ? (
            <>
              <span safe>{format(beforeTime ?? '', { time: clockTime(view.otpExpiresAt, ctx.lang) })}</span>
              <Countdown seconds={codeLeft} ctx={ctx} />
              <span safe>{afterTime ?? ''}</span>
            </>
          ) : (
            c.expiredNow
          )}
        </p>
        <SubmitButton>{c.submit}</SubmitButton>
      </form>
      <form method="post" action={view.resendAction} class="resend">
        <Csrf token={view.csrf} />
        <p class="timer" data-resend-note>
          {resendIn > 0 ? (
            <>
              <span safe>
                {format(beforeResend ?? '', { time: clockTime(view.resendAvailableAt, ctx.lang) })}
              </span>
              <Countdown seconds={resendIn} ctx={ctx} />
              <span safe>{afterResend ?? ''}</span>
            </>
          ) : (
            c.resendNow
          )}
        </p>
        <button
          type="submit"
          class="button button-secondary"
          data-enable-after={String(Math.max(0, Math.ceil(resendIn)))}
        >
          {c.resend}
        </button>
      </form>
      {view.startAgain ? (
        <p>
          <a href={view.startAgain.href}>{view.startAgain.text}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}
