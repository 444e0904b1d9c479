/**
 * The links under the account page's "Sign-in methods" that add one (a password, a PostID link, a
 * certificate). A method that can add a credential to an existing account appends its entry here: the page
 * shows each entry whose `shown` holds for the account and its current credentials.
 */
import type { AccountView } from '../../../usecases/accounts/account.ts';
import type { CredentialView } from '../../../usecases/accounts/credentials.ts';
import type { PageContext } from '../kit/context.ts';

export interface SignInMethodAction {
  href: string;
  text(ctx: PageContext): string;
  /** Whether the account may add this one (e.g. a password only when it has none). Default: always. */
  shown?(account: AccountView, credentials: readonly CredentialView[]): boolean;
}

export const SIGN_IN_METHOD_ACTIONS: SignInMethodAction[] = [
  // A certificate on a USB token, signed through the local agent (src/methods/usb-token).
  { href: '/account/certificates/new', text: (ctx) => ctx.m.usbTokenAccount.link },
  // A PostID account approved at a post office, for a citizen account not linked to one yet (src/methods/vnpost).
  {
    href: '/account/vnpost/link',
    text: (ctx) => ctx.m.vnpost.linkButton,
    shown: (account, credentials) =>
      account.accountType === 'citizen' &&
      !credentials.some((c) => c.type === 'federated' && c.provider === 'vnpost'),
  },
  // A password, for an account made without one (PostID, a certificate): /account/add-password.
  {
    href: '/account/add-password',
    text: (ctx) => ctx.m.addPassword.link,
    shown: (_account, credentials) => !credentials.some((c) => c.type === 'password'),
  },
];
