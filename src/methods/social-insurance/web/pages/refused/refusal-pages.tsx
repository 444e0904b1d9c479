/**
 * The social-insurance method's refusals on the shared refusal page: a record that does not match (check the
 * entries, then the record with the agency), a record without a phone number (add one, or another method),
 * the registry not answering (try later).
 */

import {
  CallPartner,
  type RefusalView,
  startPath,
  TryLater,
} from '../../../../../web/pages/refusal/parts.tsx';
import type { RefusalPages } from '../../../../../web/pages/refusal/paths.ts';
import { METHODS_PATH } from '../../../../../web/pages/register/paths.ts';

function RecordMismatch(view: RefusalView) {
  const { m } = view.ctx;
  const r = m.refusal;
  return (
    <ul class="steps">
      <li>{r.insuranceMismatch1}</li>
      <li>{r.insuranceMismatch2}</li>
      {view.partner ? <CallPartner text={r.insuranceCall} partner={view.partner} /> : ''}
      <li>
        <a href={startPath(view)}>{m.common.tryAgain}</a>
      </li>
    </ul>
  );
}

function NoPhone(view: RefusalView) {
  const r = view.ctx.m.refusal;
  return (
    <ul class="steps">
      <li>{r.insuranceNoPhone1}</li>
      {view.partner ? <CallPartner text={r.insuranceCall} partner={view.partner} /> : ''}
      <li>
        <a href={METHODS_PATH}>{r.otherMethod}</a>
      </li>
    </ul>
  );
}

export const socialInsuranceRefusalPages: RefusalPages = {
  INSURANCE_RECORD_MISMATCH: { wayForward: RecordMismatch },
  INSURANCE_NO_PHONE: { wayForward: NoPhone },
  SOCIAL_INSURANCE_UNAVAILABLE: { wayForward: TryLater },
};
