import type { AccountView } from '../../../usecases/accounts/account.ts';
import { Csrf, Notice, SubmitButton } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import { Layout } from '../kit/layout.tsx';
import { calendarDate } from '../kit/time.ts';
import { methodName } from '../register/methods/template.tsx';

export function AccountPage(props: {
  ctx: PageContext;
  csrf: string;
  account: AccountView;
  notice?: string | undefined;
}) {
  const { ctx, account } = props;
  const a = ctx.m.account;
  return (
    <Layout ctx={ctx} title={a.title}>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : ''}
      <h1>{a.title}</h1>
      <dl class="summary-list">
        <div>
          <dt>{a.fullName}</dt>
          <dd safe>{account.fullName}</dd>
        </div>
        <div>
          <dt>{a.username}</dt>
          <dd safe>{account.username}</dd>
        </div>
        <div>
          <dt>{a.phone}</dt>
          <dd safe>{account.maskedPhone}</dd>
        </div>
        <div>
          <dt>{a.method}</dt>
          <dd safe>{methodName(ctx, account.registrationMethod)}</dd>
        </div>
        <div>
          <dt>{a.createdAt}</dt>
          <dd safe>{calendarDate(account.createdAt, ctx.lang)}</dd>
        </div>
      </dl>
      <p>
        <a class="button button-secondary" href="/account/password">
          {a.changePassword}
        </a>
      </p>
      <form method="post" action="/sign-out">
        <Csrf token={props.csrf} />
        <SubmitButton secondary>{a.signOut}</SubmitButton>
      </form>
    </Layout>
  );
}
