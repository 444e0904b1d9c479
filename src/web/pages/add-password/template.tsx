import { Csrf, SubmitButton } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import { Layout } from '../kit/layout.tsx';

/** The last sign-in is too old to add a password: sign in again (with PostID, back to `returnTo`), or out and in. */
export function ReauthPage(props: { ctx: PageContext; csrf: string; viaPostId: boolean; returnTo: string }) {
  const { ctx } = props;
  const a = ctx.m.addPassword;
  return (
    <Layout ctx={ctx} title={a.reauthTitle}>
      <h1>{a.reauthTitle}</h1>
      <p class="lead">{props.viaPostId ? a.reauthLead : a.reauthOther}</p>
      {props.viaPostId ? (
        <form method="post" action="/vnpost/start">
          <Csrf token={props.csrf} />
          <input type="hidden" name="purpose" value="sign-in" />
          <input type="hidden" name="returnTo" value={props.returnTo} />
          <SubmitButton>{ctx.m.vnpost.signInWith}</SubmitButton>
        </form>
      ) : (
        ''
      )}
      <p>
        <a href="/account">{ctx.m.vnpost.backToAccount}</a>
      </p>
    </Layout>
  );
}
