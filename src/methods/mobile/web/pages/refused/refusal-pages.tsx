/**
 * The mobile method's refusals on the shared refusal page: a SIM that did not prove its owner (a page per
 * reason), a number no carrier serves (check it, try again), a carrier that did not answer (try later).
 */

import { type RefusalView, startPath, TryLater } from '../../../../../web/pages/refusal/parts.tsx';
import type { RefusalPages } from '../../../../../web/pages/refusal/paths.ts';
import { NotOwnerPage } from './not-owner.tsx';

function NumberNotFound(view: RefusalView) {
  const { m } = view.ctx;
  return (
    <ul class="steps">
      <li>{m.refusal.notFound1}</li>
      <li>
        <a href={startPath(view)}>{m.common.tryAgain}</a>
      </li>
    </ul>
  );
}

export const mobileRefusalPages: RefusalPages = {
  SUBSCRIBER_NOT_OWNER: { page: NotOwnerPage },
  SUBSCRIBER_NOT_FOUND: { wayForward: NumberNotFound },
  CARRIER_UNAVAILABLE: { wayForward: TryLater },
};
