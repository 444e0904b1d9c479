import type { Carrier } from '../../../domain/carriers.ts';
import { RECOVERY_PATHS } from '../forgot-password/paths.ts';
import { Csrf, SubmitButton } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import type { Journey } from '../kit/journey-cookies.ts';
import { Layout } from '../kit/layout.tsx';
import { format } from '../messages.ts';
import { REGISTRATION_PATHS } from '../register/paths.ts';
import type { RefusalCode } from './paths.ts';

export interface RefusalView {
  ctx: PageContext;
  code: RefusalCode;
  journey: Journey;
  carrier?: Carrier | undefined;
  /** "4 phút": when to try again, if known. */
  when?: string | undefined;
  csrf: string;
}

const START: Record<Journey, string> = {
  registration: REGISTRATION_PATHS.form,
  recovery: RECOVERY_PATHS.start,
};
const RESEND: Record<Journey, string> = {
  registration: REGISTRATION_PATHS.resend,
  recovery: RECOVERY_PATHS.resend,
};

function WhatNow(view: RefusalView) {
  const { m } = view.ctx;
  const r = m.refusal;
  const again = (
    <li>
      <a href={START[view.journey]}>{m.common.tryAgain}</a>
    </li>
  );
  switch (view.code) {
    case 'SUBSCRIBER_NOT_OWNER': {
      const carrier = view.carrier;
      const [before = '', after = ''] = format(r.notOwner2, { carrierName: carrier?.name ?? '' }).split(
        '{carrierHotline}',
      );
      return (
        <ul class="steps">
          <li>{r.notOwner1}</li>
          {carrier ? (
            <li>
              <span safe>{before}</span>
              <a href={`tel:${carrier.hotline}`} safe>
                {carrier.hotline}
              </a>
              <span safe>{after}</span>
            </li>
          ) : (
            ''
          )}
          <li>{r.notOwner3}</li>
          <li>{r.notOwner4}</li>
          {again}
        </ul>
      );
    }
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
    case 'CARRIER_UNAVAILABLE':
    case 'SMS_UNAVAILABLE':
      return (
        <ul class="steps">
          <li safe>{view.when ? format(r.tryLater, { when: view.when }) : r.tryLaterSoon}</li>
          {again}
        </ul>
      );
    case 'OTP_LOCKED':
      return (
        <form method="post" action={RESEND[view.journey]}>
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
  const { ctx } = view;
  const problem = ctx.api.problems[view.code];
  const detail = format(problem.detail, {
    ...(view.carrier && { carrierName: view.carrier.name, carrierHotline: view.carrier.hotline }),
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
