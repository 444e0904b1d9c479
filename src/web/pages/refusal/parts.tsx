/** What the refusal pages share: what a page is told, where "try again" leads, a partner's hotline as a link. */
import type { PartnerContact } from '../../../domain/partners.ts';
import type { FailureCode, SubscriberRefusalReason } from '../../../usecases/outcome.ts';
import { RECOVERY_PATHS } from '../forgot-password/paths.ts';
import type { PageContext } from '../kit/context.ts';
import type { Journey } from '../kit/journey-cookies.ts';
import { format } from '../messages.ts';
import { METHODS_PATH, registrationPaths } from '../register/paths.ts';

export interface RefusalView {
  ctx: PageContext;
  code: FailureCode;
  journey: Journey;
  partner?: PartnerContact | undefined;
  /** The registration method whose form "try again" leads back to; the chooser when unknown. */
  method?: string | undefined;
  /** "4 phút": when to try again, if known. */
  when?: string | undefined;
  /** SUBSCRIBER_NOT_OWNER: why the SIM did not prove its owner. */
  reason?: SubscriberRefusalReason | undefined;
  /** When waiting lifts the refusal (the end of the days after a SIM change), and the time now. */
  until?: Date | undefined;
  now: Date;
  csrf: string;
}

/** The form the citizen came from; the entries wait there in the flash cookie (post/redirect/get). */
export const startPath = (view: RefusalView) =>
  view.journey === 'recovery'
    ? RECOVERY_PATHS.start
    : view.method
      ? registrationPaths(view.method).form
      : METHODS_PATH;

export const resendPath = (view: RefusalView) =>
  view.journey === 'recovery' ? RECOVERY_PATHS.resend : registrationPaths(view.method ?? 'mobile').resend;

/** A text naming the partner, with its `{carrier|partner}Hotline` as a link to call. */
export function WithHotline(props: { text: string; partner: PartnerContact }) {
  const [before = '', after = ''] = format(props.text, {
    carrierName: props.partner.name,
    partnerName: props.partner.name,
  }).split(/\{(?:carrier|partner)Hotline\}/);
  return (
    <>
      <span safe>{before}</span>
      <a href={`tel:${props.partner.hotline}`} safe>
        {props.partner.hotline}
      </a>
      <span safe>{after}</span>
    </>
  );
}

/** "Call {name} on {hotline}" as a step. */
export function CallPartner(props: { text: string; partner: PartnerContact }) {
  return (
    <li>
      <WithHotline {...props} />
    </li>
  );
}

/** "Try again later" (when, if known), then back to the form: a partner or service that did not answer. */
export function TryLater(view: RefusalView) {
  const r = view.ctx.m.refusal;
  return (
    <ul class="steps">
      <li safe>{view.when ? format(r.tryLater, { when: view.when }) : r.tryLaterSoon}</li>
      <li>
        <a href={startPath(view)}>{view.ctx.m.common.tryAgain}</a>
      </li>
    </ul>
  );
}
