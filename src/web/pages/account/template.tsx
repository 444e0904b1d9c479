import type { AccountView } from '../../../usecases/accounts/account.ts';
import type { CredentialView } from '../../../usecases/accounts/credentials.ts';
import { Csrf, Notice, SubmitButton } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import type { MethodChoice } from '../kit/deps.ts';
import { Layout } from '../kit/layout.tsx';
import { calendarDate } from '../kit/time.ts';
import { format } from '../messages.ts';
import { methodName } from '../register/methods/template.tsx';
import { SignInMethods } from './sign-in-methods.tsx';

/** A service the citizen allowed to receive details, as the account page lists it. */
export interface ConnectedServiceView {
  grantId: string;
  portal: string;
  /** What it receives, by the names citizens know. */
  claims: string[];
  grantedAt: Date;
}

/** "Connected services": what each service receives and since when, each with its withdraw button. */
function ConnectedServices(props: { ctx: PageContext; csrf: string; services: ConnectedServiceView[] }) {
  const { ctx } = props;
  const c = ctx.m.connected;
  return (
    <section aria-labelledby="connected-title">
      <h2 id="connected-title">{c.title}</h2>
      {props.services.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <>
          <p>{c.lead}</p>
          <ul class="connected-services">
            {props.services.map((service) => (
              <li>
                <h3 safe>{service.portal}</h3>
                <p safe>{format(c.receives, { claims: service.claims.join(', ') })}</p>
                <p safe>{format(c.since, { date: calendarDate(service.grantedAt, ctx.lang) })}</p>
                <form method="post" action={WITHDRAW_PATH}>
                  <Csrf token={props.csrf} />
                  <input type="hidden" name="grantId" value={service.grantId} />
                  <SubmitButton secondary>
                    <span safe>{format(c.withdraw, { portal: service.portal })}</span>
                  </SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export const WITHDRAW_PATH = '/account/connected-services/withdraw';

export function AccountPage(props: {
  ctx: PageContext;
  csrf: string;
  account: AccountView;
  /** The registration methods, which name the one the account was registered with. */
  methods: readonly MethodChoice[];
  notice?: string | undefined;
  noticeTone?: 'success' | 'info' | 'warning' | undefined;
  /** The account's ways to sign in. */
  credentials: CredentialView[];
  /** Absent where the hub serves no portals. */
  services?: ConnectedServiceView[] | undefined;
}) {
  const { ctx, account } = props;
  const a = ctx.m.account;
  return (
    <Layout ctx={ctx} title={a.title}>
      {props.notice ? <Notice tone={props.noticeTone ?? 'success'}>{props.notice}</Notice> : ''}
      <h1>{a.title}</h1>
      <dl class="summary-list">
        {account.organisation ? (
          <>
            <div>
              <dt>{a.organisationName}</dt>
              <dd safe>{account.organisation.name}</dd>
            </div>
            <div>
              <dt>{a.taxCode}</dt>
              <dd safe>{account.organisation.taxCode}</dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>{a.fullName}</dt>
              <dd safe>{account.fullName}</dd>
            </div>
            <div>
              <dt>{a.username}</dt>
              <dd safe>{account.username}</dd>
            </div>
          </>
        )}
        {account.maskedPhone ? (
          <div>
            <dt>{a.phone}</dt>
            <dd safe>{account.maskedPhone}</dd>
          </div>
        ) : (
          ''
        )}
        {account.email ? (
          <div>
            <dt>{a.email}</dt>
            <dd>
              <span safe>{account.email.address}</span>
              {account.email.verified ? (
                ''
              ) : (
                <>
                  <span class="tag">{a.emailUnverified}</span>
                  <p class="hint">{a.emailUnverifiedHint}</p>
                </>
              )}
            </dd>
          </div>
        ) : (
          ''
        )}
        <div>
          <dt>{a.method}</dt>
          <dd safe>{methodName(ctx, props.methods, account.registrationMethod)}</dd>
        </div>
        <div>
          <dt>{a.createdAt}</dt>
          <dd safe>{calendarDate(account.createdAt, ctx.lang)}</dd>
        </div>
      </dl>
      <SignInMethods ctx={ctx} csrf={props.csrf} account={account} credentials={props.credentials} />
      {props.services ? <ConnectedServices ctx={ctx} csrf={props.csrf} services={props.services} /> : ''}
      {account.hasPassword ? (
        <p>
          <a class="button button-secondary" href="/account/password">
            {a.changePassword}
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="post" action="/sign-out">
        <Csrf token={props.csrf} />
        <SubmitButton secondary>{a.signOut}</SubmitButton>
      </form>
    </Layout>
  );
}
