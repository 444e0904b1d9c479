/**
 * The account page's "Sign-in methods": one row per credential (what it is, since when) with its Remove
 * button, and the links that add one. The last credential has no button (the server refuses it too: a
 * removal racing another is decided by the database). Rows are rendered per credential type, so a new type
 * is one entry in ROW_OF.
 */
import type { AccountView } from '../../../usecases/accounts/account.ts';
import type { CredentialView } from '../../../usecases/accounts/credentials.ts';
import { Csrf, SubmitButton } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import { calendarDate } from '../kit/time.ts';
import { format } from '../messages.ts';
import { SIGN_IN_METHOD_ACTIONS } from './sign-in-method-actions.ts';

export const REMOVE_SIGN_IN_METHOD_PATH = '/account/sign-in-methods/remove';

type RowText = { name: string; detail: string };

const ROW_OF: {
  [T in CredentialView['type']]: (ctx: PageContext, c: Extract<CredentialView, { type: T }>) => RowText;
} = {
  password: (ctx) => ({ name: ctx.m.signInMethods.password, detail: ctx.m.signInMethods.passwordDetail }),
  certificate: (ctx, c) => {
    const s = ctx.m.signInMethods;
    if (!c.subject || !c.issuer || !c.notAfter)
      return {
        name: s.certificate,
        detail: format(s.certificateUnknown, { fingerprint: c.identifier.slice(0, 16) }),
      };
    return {
      name: s.certificate,
      detail: format(s.certificateDetail, {
        subject: c.subject,
        issuer: c.issuer,
        until: calendarDate(c.notAfter, ctx.lang),
      }),
    };
  },
  federated: (ctx, c) => {
    const s = ctx.m.signInMethods;
    const provider = c.provider === 'vnpost' ? s.providerVnpost : c.provider;
    return { name: format(s.federated, { provider }), detail: format(s.federatedDetail, { provider }) };
  },
};

/** What a credential row says, for the page and for the notice after a removal. */
export function credentialText(ctx: PageContext, credential: CredentialView): RowText {
  return (ROW_OF[credential.type] as (ctx: PageContext, c: CredentialView) => RowText)(ctx, credential);
}

export function SignInMethods(props: {
  ctx: PageContext;
  csrf: string;
  account: AccountView;
  credentials: CredentialView[];
}) {
  const { ctx, credentials } = props;
  const s = ctx.m.signInMethods;
  const actions = SIGN_IN_METHOD_ACTIONS.filter((a) => a.shown?.(props.account, credentials) ?? true);
  const onlyOne = credentials.length <= 1;
  return (
    <section aria-labelledby="sign-in-methods-title">
      <h2 id="sign-in-methods-title">{s.title}</h2>
      <p>{s.lead}</p>
      <ul class="sign-in-methods">
        {credentials.map((credential) => {
          const text = credentialText(ctx, credential);
          return (
            <li data-credential-type={credential.type}>
              <h3 safe>{text.name}</h3>
              <p safe>{text.detail}</p>
              <p safe>{format(s.since, { date: calendarDate(credential.addedAt, ctx.lang) })}</p>
              {onlyOne ? (
                <p class="hint">{s.onlyOne}</p>
              ) : (
                <form method="post" action={REMOVE_SIGN_IN_METHOD_PATH}>
                  <Csrf token={props.csrf} />
                  <input type="hidden" name="type" value={credential.type} />
                  <input type="hidden" name="identifier" value={credential.identifier} />
                  <SubmitButton secondary>
                    <span safe>{format(s.remove, { method: text.name })}</span>
                  </SubmitButton>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {actions.length > 0 ? (
        <>
          <h3>{s.add}</h3>
          <ul>
            {actions.map((action) => (
              <li>
                <a href={action.href} safe>
                  {action.text(ctx)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </section>
  );
}
