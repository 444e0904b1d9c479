import { Csrf, SubmitButton } from '../kit/components.tsx';
import { Layout } from '../kit/layout.tsx';
import { format } from '../messages.ts';
import { type RefusalView, resendPath, TryLater } from './parts.tsx';
import type { MethodRefusalPage } from './paths.ts';

export type { RefusalView };

/** The shared journey's ways forward; a method's refusal brings its own (`wayForward`). */
function WhatNow(view: RefusalView, method: MethodRefusalPage | undefined) {
  const { m } = view.ctx;
  const r = m.refusal;
  switch (view.code) {
    case 'ACCOUNT_EXISTS':
      return (
        <ul class="steps">
          <li>
            <a href="/sign-in">{r.exists1}</a>
          </li>
          <li>
            <a href="/forgot-password">{r.exists2}</a>
          </li>
        </ul>
      );
    case 'POPULATION_UNAVAILABLE':
    case 'SMS_UNAVAILABLE':
      return TryLater(view);
    case 'OTP_LOCKED':
      return (
        <form method="post" action={resendPath(view)}>
          <Csrf token={view.csrf} />
          <p>{r.lockedResend}</p>
          <SubmitButton>{m.code.resend}</SubmitButton>
        </form>
      );
    case 'OTP_LIMIT_REACHED':
      return (
        <ul class="steps">
          <li safe>
            {format(r.limitReached, { when: view.when ?? format(m.common.minutes, { count: 15 }) })}
          </li>
          <li>
            <a href="/">{m.common.goHome}</a>
          </li>
        </ul>
      );
    case 'RATE_LIMITED':
      return (
        <ul class="steps">
          <li safe>{view.when ? format(r.tryLater, { when: view.when }) : r.tryLaterSoon}</li>
          <li>
            <a href="/">{m.common.goHome}</a>
          </li>
        </ul>
      );
    default:
      return method?.wayForward?.(view) ?? '';
  }
}

/** `method`: what the method whose refusal this is shows (its plug-in's `refusalPages`). */
export function RefusalPage(view: RefusalView, method?: MethodRefusalPage) {
  if (method?.page) return method.page(view);
  const { ctx } = view;
  const problem = ctx.api.problems[view.code as keyof typeof ctx.api.problems];
  const detail = format(problem.detail, {
    ...(view.partner && {
      carrierName: view.partner.name,
      carrierHotline: view.partner.hotline,
      partnerName: view.partner.name,
      partnerHotline: view.partner.hotline,
    }),
  });
  // A detail that still has a blank to fill (no carrier known, a time in seconds) is left out.
  const lead =
    view.code === 'RATE_LIMITED'
      ? format(ctx.m.fieldErrors.RATE_LIMITED, {
          when: view.when ?? format(ctx.m.common.minutes, { count: 10 }),
        })
      : /\{\w+\}/.test(detail)
        ? ''
        : detail;
  return (
    <Layout ctx={ctx} title={problem.title}>
      <h1 safe>{problem.title}</h1>
      {lead ? (
        <p class="lead" safe>
          {lead}
        </p>
      ) : (
        ''
      )}
      <h2>{ctx.m.refusal.whatNow}</h2>
      {WhatNow(view, method)}
    </Layout>
  );
}
