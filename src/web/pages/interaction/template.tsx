/** The pages of a portal's authorization that are not the sign-in form: consent, and the stops with a way back. */
import { Csrf, Notice, SubmitButton } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import { Layout } from '../kit/layout.tsx';
import { withPortal } from '../kit/portal-return.ts';

/** A form of one button that posts to `action`: every way back to the portal is one. */
function PostButton(props: { action: string; csrf: string; text: string; secondary?: boolean }) {
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.csrf} />
      <SubmitButton secondary={props.secondary}>{props.text}</SubmitButton>
    </form>
  );
}

/** Why the authorization cannot go on here (no verified phone, a limit met), and the way back to the portal. */
export function PortalStopPage(props: {
  ctx: PageContext;
  csrf: string;
  title: string;
  detail: string;
  help?: string | undefined;
  back: { action: string; text: string };
}) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1 safe>{props.title}</h1>
      <p class="lead" safe>
        {props.detail}
      </p>
      {props.help ? <p safe>{props.help}</p> : ''}
      <PostButton action={props.back.action} csrf={props.csrf} text={props.back.text} />
    </Layout>
  );
}

export function ConsentPage(props: {
  ctx: PageContext;
  csrf: string;
  portal: string;
  /** What the portal will receive, by the names citizens know (họ tên, ngày sinh, ...). */
  claims: string[];
  allowAction: string;
  denyAction: string;
}) {
  const c = props.ctx.m.consent;
  const title = withPortal(c.title, props.portal);
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1 safe>{title}</h1>
      <Notice tone="warning">
        <span safe>{c.notFirstParty}</span>
      </Notice>
      <p class="lead" safe>
        {withPortal(c.lead, props.portal)}
      </p>
      <ul class="consent-claims">
        {props.claims.map((claim) => (
          <li safe>{claim}</li>
        ))}
      </ul>
      <p safe>{c.remembered}</p>
      <div class="button-group">
        <PostButton action={props.allowAction} csrf={props.csrf} text={c.allow} />
        <PostButton action={props.denyAction} csrf={props.csrf} text={c.deny} secondary />
      </div>
    </Layout>
  );
}
