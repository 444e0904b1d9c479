import { Csrf, SubmitButton } from '../kit/components.tsx';
import { Layout } from '../kit/layout.tsx';
import { format } from '../messages.ts';
import { METHODS_PATH } from '../register/paths.ts';
import { NotOwnerPage } from './not-owner.tsx';
import { CallPartner, type RefusalView, resendPath, startPath } from './parts.tsx';

export type { RefusalView };

function WhatNow(view: RefusalView) {
  const { m } = view.ctx;
  const r = m.refusal;
  const again = (
    <li>
      <a href={startPath(view)}>{m.common.tryAgain}</a>
    </li>
  );
  switch (view.code) {
    case 'SUBSCRIBER_NOT_OWNER':
      return ''; // a page of its own per reason: not-owner.tsx
    case 'SUBSCRIBER_NOT_FOUND':
      return (
        <ul class="steps">
          <li>{r.notFound1}</li>
          {again}
        </ul>
      );
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
    case 'INSURANCE_RECORD_MISMATCH':
      return (
        <ul class="steps">
          <li>{r.insuranceMismatch1}</li>
          <li>{r.insuranceMismatch2}</li>
          {view.partner ? <CallPartner text={r.insuranceCall} partner={view.partner} /> : ''}
          {again}
        </ul>
      );
    case 'INSURANCE_NO_PHONE':
      return (
        <ul class="steps">
          <li>{r.insuranceNoPhone1}</li>
          {view.partner ? <CallPartner text={r.insuranceCall} partner={view.partner} /> : ''}
          <li>
            <a href={METHODS_PATH}>{r.otherMethod}</a>
          </li>
        </ul>
      );
    case 'CARRIER_UNAVAILABLE':
    case 'SOCIAL_INSURANCE_UNAVAILABLE':
    case 'POPULATION_UNAVAILABLE':
    case 'SMS_UNAVAILABLE':
      return (
        <ul class="steps">
          <li safe>{view.when ? format(r.tryLater, { when: view.when }) : r.tryLaterSoon}</li>
          {again}
        </ul>
      );
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
  }
}

export function RefusalPage(view: RefusalView) {
  if (view.code === 'SUBSCRIBER_NOT_OWNER') return NotOwnerPage(view);
  const { ctx } = view;
  const problem = ctx.api.problems[view.code];
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
      <WhatNow {...view} />
    </Layout>
  );
}
