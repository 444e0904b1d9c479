/**
 * A limit was met: why it exists (the one that was met, with its number), when the citizen may try again, said
 * once as a person would ("23 giờ 59 phút, tức là từ 14:05 ngày 05/12/2026"), and the portal's helpline.
 */
import type { LimitName } from '../../../usecases/outcome.ts';
import type { PageContext } from '../kit/context.ts';
import type { PageLimits } from '../kit/deps.ts';
import { Layout } from '../kit/layout.tsx';
import { format } from '../messages.ts';

export const LIMIT_NAMES: readonly LimitName[] = [
  'SMS_PER_PHONE',
  'SMS_PER_ID_NUMBER',
  'RECOVERY_PER_ID_NUMBER',
  'STARTS_PER_IP',
  'CAPTCHAS_PER_IP',
  'CAPTCHA_AUDIO',
];

export const limitNamed = (name: string | undefined): LimitName | undefined =>
  LIMIT_NAMES.find((limit) => limit === name);

export interface RateLimitedView {
  ctx: PageContext;
  limit?: LimitName | undefined;
  limits: PageLimits;
  /** When to try again, as `retryWhen` says it; unknown: "in a few minutes". */
  when?: string | undefined;
}

function why(view: RateLimitedView): string {
  const l = view.ctx.m.limits;
  switch (view.limit) {
    case 'SMS_PER_PHONE':
      return format(l.SMS_PER_PHONE, { max: view.limits.smsPerPhonePerDay });
    case 'SMS_PER_ID_NUMBER':
      return format(l.SMS_PER_ID_NUMBER, { max: view.limits.smsPerIdNumberPerDay });
    case 'RECOVERY_PER_ID_NUMBER':
      return format(l.RECOVERY_PER_ID_NUMBER, { max: view.limits.recoveryCodesPerIdNumberPerDay });
    case 'STARTS_PER_IP':
      return l.STARTS_PER_IP;
    case 'CAPTCHAS_PER_IP':
      return l.CAPTCHAS_PER_IP;
    default:
      return l.other;
  }
}

/** "Need help? Call {helpline} …" with the number as a link to call. */
export function CallHelpline(props: { ctx: PageContext; text: string }) {
  const { helpline } = props.ctx.m.portal;
  const [before = '', after = ''] = props.text.split('{helpline}');
  return (
    <>
      <span safe>{before}</span>
      <a href={`tel:${helpline}`} safe>
        {helpline}
      </a>
      <span safe>{after}</span>
    </>
  );
}

export function RateLimitedPage(view: RateLimitedView) {
  const { ctx } = view;
  const l = ctx.m.limits;
  return (
    <Layout ctx={ctx} title={l.title}>
      <h1 safe>{l.title}</h1>
      <p class="lead" safe>
        {why(view)}
      </p>
      <h2>{ctx.m.refusal.whatNow}</h2>
      <ul class="steps">
        <li safe>{view.when ? format(l.tryAgainIn, { when: view.when }) : l.tryAgainSoon}</li>
        <li>
          <CallHelpline ctx={ctx} text={ctx.m.portal.helplineCall} />
        </li>
        <li>
          <a href="/">{ctx.m.common.goHome}</a>
        </li>
      </ul>
    </Layout>
  );
}
