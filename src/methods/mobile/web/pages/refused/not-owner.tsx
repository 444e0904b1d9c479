/**
 * A SIM that did not prove its owner, one page per reason (api.md): entries that do not match the carrier's
 * record (check them first, then the record: TTTB to 1414, the carrier), a line not in service, a SIM
 * changed lately (and when the wait ends). Every page leads back to the form with the entries kept; none
 * says which detail differed.
 */
import type { SubscriberRefusalReason } from '../../../../../usecases/outcome.ts';
import { Layout } from '../../../../../web/pages/kit/layout.tsx';
import { calendarDate, clockTime } from '../../../../../web/pages/kit/time.ts';
import { format } from '../../../../../web/pages/messages.ts';
import {
  CallPartner,
  type RefusalView,
  startPath,
  WithHotline,
} from '../../../../../web/pages/refusal/parts.tsx';
import { METHODS_PATH } from '../../../../../web/pages/register/paths.ts';

/** The way back to the form, where the entries wait (a link: the form is a plain GET). */
function FixEntries(view: RefusalView) {
  return (
    <p>
      <a class="button" href={startPath(view)}>
        {view.ctx.m.refusal.fixEntries}
      </a>
    </p>
  );
}

function DetailsMismatch(view: RefusalView) {
  const r = view.ctx.m.refusal;
  return (
    <>
      <p class="lead">{r.mismatchLead}</p>
      <h2>{r.whatNow}</h2>
      <ol class="steps">
        <li>
          <p>{r.mismatchCheck}</p>
          <FixEntries {...view} />
        </li>
        <li>{r.notOwner1}</li>
        {view.partner ? <CallPartner text={r.notOwner2} partner={view.partner} /> : ''}
      </ol>
      <p class="notice">{r.oldCmnd}</p>
    </>
  );
}

function SimInactive(view: RefusalView) {
  const r = view.ctx.m.refusal;
  return (
    <>
      <p class="lead">{r.inactiveLead}</p>
      <h2>{r.whatNow}</h2>
      <ul class="steps">
        {view.partner ? <CallPartner text={r.inactiveCall} partner={view.partner} /> : ''}
        <li>
          <p>{r.wrongNumber}</p>
          <FixEntries {...view} />
        </li>
        <li>
          <a href={METHODS_PATH}>{r.otherMethod}</a>
        </li>
      </ul>
    </>
  );
}

/** From when the SIM can register, in Vietnam's time and the page's language. */
function waitText(view: RefusalView): string {
  const { ctx, until } = view;
  const r = ctx.m.refusal;
  if (!until) return r.swapLater;
  if (until.getTime() <= view.now.getTime()) return r.swapOver;
  return format(r.swapUntil, { time: clockTime(until, ctx.lang), date: calendarDate(until, ctx.lang) });
}

function SimRecentlyChanged(view: RefusalView) {
  const r = view.ctx.m.refusal;
  return (
    <>
      <p class="lead">{r.swapLead}</p>
      <h2>{r.whatNow}</h2>
      <ul class="steps">
        <li>
          <strong safe>{waitText(view)}</strong>
        </li>
        {view.partner ? (
          <li>
            <WithHotline text={r.swapNotYou} partner={view.partner} />
          </li>
        ) : (
          ''
        )}
        <li>
          <a href={METHODS_PATH}>{r.otherMethod}</a>
        </li>
        <li>
          <p>{r.wrongNumber}</p>
          <FixEntries {...view} />
        </li>
      </ul>
    </>
  );
}

const BODIES: Record<SubscriberRefusalReason, (view: RefusalView) => JSX.Element> = {
  DETAILS_MISMATCH: DetailsMismatch,
  SIM_INACTIVE: SimInactive,
  SIM_RECENTLY_CHANGED: SimRecentlyChanged,
};

export function NotOwnerPage(view: RefusalView) {
  // An address without a reason (from before reasons existed) reads as the mismatch, the common case.
  const reason = view.reason ?? 'DETAILS_MISMATCH';
  const { title } = view.ctx.api.problemReasons[reason];
  const Body = BODIES[reason];
  return (
    <Layout ctx={view.ctx} title={title}>
      <h1 safe>{title}</h1>
      <Body {...view} />
    </Layout>
  );
}
