/**
 * The Vietnam Post method's pages: what PostID is and what the citizen needs (the way there), the hub's own consent
 * page after PostID (what will be kept, before anything is), and the one page shape for every other way back
 * (pending, rejected, an existing account, refusals, PostID away), each with the ways on. No JavaScript.
 */

import { formatDdMmYyyy } from '../../../../domain/dates.ts';
import { Csrf, Notice, SubmitButton } from '../../../../web/pages/kit/components.tsx';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import { Layout } from '../../../../web/pages/kit/layout.tsx';
import type { ConsentView } from '../../usecases/vnpost-federation.ts';
import { START_PATH } from './paths.ts';

/** The button that sends the browser to PostID: a POST, so the trip's secrets are made only on purpose. */
export function PostIdButton(props: {
  csrf: string;
  purpose: 'register' | 'sign-in' | 'link';
  text: string;
  interaction?: string | undefined;
  returnTo?: string | undefined;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={START_PATH}>
      <Csrf token={props.csrf} />
      <input type="hidden" name="purpose" value={props.purpose} />
      {props.interaction ? <input type="hidden" name="interaction" value={props.interaction} /> : ''}
      {props.returnTo ? <input type="hidden" name="returnTo" value={props.returnTo} /> : ''}
      <SubmitButton secondary={props.secondary}>
        <span safe>{props.text}</span>
      </SubmitButton>
    </form>
  );
}

export function IntroPage(props: { ctx: PageContext; csrf: string; forPortal?: string | undefined }) {
  const { ctx } = props;
  const v = ctx.m.vnpost;
  return (
    <Layout ctx={ctx} title={v.title}>
      <h1>{v.title}</h1>
      {props.forPortal ? (
        <p class="lead" safe>
          {props.forPortal}
        </p>
      ) : (
        ''
      )}
      <p class={props.forPortal ? undefined : 'lead'}>{v.lead}</p>
      <h2>{v.whatTitle}</h2>
      <p>{v.what}</p>
      <h2>{v.needTitle}</h2>
      <ul>
        <li>{v.need1}</li>
        <li>{v.need2}</li>
        <li>{v.need3}</li>
      </ul>
      <PostIdButton csrf={props.csrf} purpose="register" text={v.continue} />
      <p>
        <a href="/register">{v.otherMethods}</a>
      </p>
    </Layout>
  );
}

export function ConsentPage(props: { ctx: PageContext; csrf: string; action: string; view: ConsentView }) {
  const { ctx, view } = props;
  const v = ctx.m.vnpost;
  return (
    <Layout ctx={ctx} title={v.consentTitle}>
      <h1>{v.consentTitle}</h1>
      <p class="lead">{view.purpose === 'sign-in' ? v.consentSignInLead : v.consentLead}</p>
      <dl class="summary-list">
        <div>
          <dt>{v.fullName}</dt>
          <dd safe>{view.fullName}</dd>
        </div>
        <div>
          <dt>{v.username}</dt>
          <dd safe>{view.idNumber}</dd>
        </div>
        <div>
          <dt>{v.birthDate}</dt>
          <dd safe>{view.birthDate ? formatDdMmYyyy(view.birthDate) : v.none}</dd>
        </div>
        <div>
          <dt>{v.phone}</dt>
          <dd safe>{view.maskedPhone ?? v.none}</dd>
        </div>
        <div>
          <dt>{v.link}</dt>
          <dd>{v.linkValue}</dd>
        </div>
      </dl>
      <p>{v.consentText}</p>
      <div class="button-group">
        <form method="post" action={props.action}>
          <Csrf token={props.csrf} />
          <SubmitButton name="decision" value="accept">
            {v.accept}
          </SubmitButton>
        </form>
        <form method="post" action={props.action}>
          <Csrf token={props.csrf} />
          <SubmitButton name="decision" value="decline" secondary>
            {v.decline}
          </SubmitButton>
        </form>
      </div>
    </Layout>
  );
}

export interface OutcomeAction {
  href?: string;
  /** A PostID button instead of a link (start again, link from the account page). */
  postId?: { purpose: 'register' | 'sign-in' | 'link'; interaction?: string | undefined };
  text: string;
}

/** Every way back from PostID that is not a consent: what happened, what was (not) kept, and the ways on. */
export function OutcomePage(props: {
  ctx: PageContext;
  csrf: string;
  title: string;
  lead: string;
  details?: string[];
  tone?: 'warning' | 'info';
  actions: OutcomeAction[];
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1 safe>{props.title}</h1>
      <Notice tone={props.tone ?? 'warning'}>
        <p safe>{props.lead}</p>
      </Notice>
      {(props.details ?? []).map((detail) => (
        <p safe>{detail}</p>
      ))}
      {props.actions.map((action, index) =>
        action.postId ? (
          <PostIdButton
            csrf={props.csrf}
            purpose={action.postId.purpose}
            interaction={action.postId.interaction}
            text={action.text}
            secondary={index > 0}
          />
        ) : (
          <p>
            <a class={index === 0 ? 'button' : undefined} href={action.href ?? '/'}>
              {action.text}
            </a>
          </p>
        ),
      )}
    </Layout>
  );
}

/** Linking PostID to the signed-in account: what it does and what it needs, then PostID. */
export function LinkPage(props: { ctx: PageContext; csrf: string }) {
  const { ctx } = props;
  const v = ctx.m.vnpost;
  return (
    <Layout ctx={ctx} title={v.linkButton}>
      <h1>{v.linkButton}</h1>
      <p class="lead">{v.notLinked}</p>
      <ul>
        <li>{v.need2}</li>
        <li>{v.linkSamePerson}</li>
      </ul>
      <PostIdButton csrf={props.csrf} purpose="link" text={v.continue} />
      <p>
        <a href="/account">{v.backToAccount}</a>
      </p>
    </Layout>
  );
}
