/**
 * The "enter the code" page, shared by registration and password recovery: the code field, then what to
 * do when no code came (GOV.UK One Login's check-your-phone page): wait a minute, send a new one, and
 * where the journey has them, the wrong-number and other-methods ways out.
 */

import { format } from '../messages.ts';
import { Csrf, ErrorSummary, Notice, SubmitButton, TextField } from './components.tsx';
import type { PageContext } from './context.ts';
import { errorFor, type ShownError } from './errors.ts';
import { Layout } from './layout.tsx';
import { clockTime, duration } from './time.ts';

export interface Link {
  href: string;
  text: string;
  /** A button posting to `href` (with the CSRF token) instead of a link: for ways out that do something. */
  post?: boolean;
}

export interface CodeFormView {
  ctx: PageContext;
  csrf: string;
  /** The page's heading; "Enter the code" unless the journey says what the code is for (step-up). */
  title?: string;
  lead: string;
  errors: ShownError[];
  notice?: { text: string; tone: 'success' | 'info' | 'warning' } | undefined;
  action: string;
  resendAction: string;
  now: Date;
  otpExpiresAt: Date;
  resendAvailableAt: Date;
  /** Registration offers "wrong number? ..."; recovery has no number to get wrong. */
  startAgain?: Link;
  /** Registration offers the other methods; left out where "wrong number" already leads there. */
  otherMethods?: Link;
}

/** Seconds left, rendered as text (no JavaScript) that the script turns into a live countdown. */
function Countdown(props: { seconds: number; ctx: PageContext }) {
  return (
    <span data-countdown={String(Math.ceil(props.seconds))} safe>
      {duration(props.seconds, props.ctx.m)}
    </span>
  );
}

/**
 * "… until 10:32 (in 0:45)." while time is left, else `done`; the script swaps in `done` when the
 * countdown reaches 0, so nobody is told to wait "0:00".
 */
function Timer(props: { ctx: PageContext; template: string; until: Date; now: Date; done: string }) {
  const left = (props.until.getTime() - props.now.getTime()) / 1000;
  if (left <= 0)
    return (
      <p class="timer" safe>
        {props.done}
      </p>
    );
  const [before, after] = props.template.split('{left}');
  return (
    <p class="timer" data-countdown-done={props.done}>
      <span safe>{format(before ?? '', { time: clockTime(props.until, props.ctx.lang) })}</span>
      <Countdown seconds={left} ctx={props.ctx} />
      <span safe>{after ?? ''}</span>
    </p>
  );
}

function WayOut(props: { link: Link | undefined; csrf: string }) {
  if (!props.link) return '';
  if (props.link.post)
    return (
      <li>
        <form method="post" action={props.link.href}>
          <Csrf token={props.csrf} />
          <button type="submit" class="button-link" safe>
            {props.link.text}
          </button>
        </form>
      </li>
    );
  return (
    <li>
      <a href={props.link.href} safe>
        {props.link.text}
      </a>
    </li>
  );
}

function NoCode(props: { view: CodeFormView }) {
  const { view } = props;
  const c = view.ctx.m.code;
  const resendIn = (view.resendAvailableAt.getTime() - view.now.getTime()) / 1000;
  const others = view.otherMethods?.href === view.startAgain?.href ? undefined : view.otherMethods;
  return (
    <section class="no-code" aria-labelledby="no-code-title">
      <h2 id="no-code-title">{c.notReceivedTitle}</h2>
      <p safe>{c.notReceivedWait}</p>
      <form method="post" action={view.resendAction} class="resend">
        <Csrf token={view.csrf} />
        <Timer
          ctx={view.ctx}
          template={c.resendAt}
          until={view.resendAvailableAt}
          now={view.now}
          done={c.resendNow}
        />
        <button
          type="submit"
          class="button button-secondary"
          data-enable-after={String(Math.max(0, Math.ceil(resendIn)))}
        >
          {c.resend}
        </button>
      </form>
      {view.startAgain || others ? (
        <ul class="ways-out">
          <WayOut link={view.startAgain} csrf={view.csrf} />
          <WayOut link={others} csrf={view.csrf} />
        </ul>
      ) : (
        ''
      )}
    </section>
  );
}

export function CodeFormPage(view: CodeFormView) {
  const { ctx, errors } = view;
  const c = ctx.m.code;
  const title = view.title ?? c.title;
  return (
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {view.notice ? (
        <Notice tone={view.notice.tone}>
          <span safe>{view.notice.text}</span>
        </Notice>
      ) : (
        ''
      )}
      <h1 safe>{title}</h1>
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
          // Room for "123 456" and "123-456", as phones and people write codes.
          maxLength={11}
          width="short"
          spellcheck={false}
        />
        <Timer
          ctx={ctx}
          template={c.validUntil}
          until={view.otpExpiresAt}
          now={view.now}
          done={c.expiredNow}
        />
        <SubmitButton>{c.submit}</SubmitButton>
      </form>
      <NoCode view={view} />
    </Layout>
  );
}
