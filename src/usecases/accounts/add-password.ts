/**
 * A password added to an account that has none (made through PostID or with a certificate), by the same policy as
 * every password (domain/password.ts, with the account's own personal data). Only within 10 minutes of a sign-in:
 * a session left open on a shared computer must not let someone else give the account a password they know.
 * A fresh sign-in was chosen over an SMS code because it proves the citizen holds the way they sign in now (PostID,
 * the certificate), which is what the new password would stand beside, costs no SMS, and works for an account
 * without a verified phone; the page offers that sign-in when the last one is older.
 */
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import { checkNewPassword } from './account.ts';
import type { AccountDependencies } from './dependencies.ts';
import type { Session } from './sessions.ts';

export const RECENT_SIGN_IN_MS = 10 * 60_000;

export type AddPasswordStatus = 'ready' | 'has_password' | 'sign_in_again';

export function createAddPassword(
  deps: Pick<AccountDependencies, 'accounts' | 'passwords' | 'protector' | 'clock' | 'audit' | 'warn'>,
) {
  const recent = (session: Session) =>
    deps.clock.now().getTime() - session.authTime.getTime() <= RECENT_SIGN_IN_MS;

  async function status(session: Session): Promise<Outcome<AddPasswordStatus>> {
    const account = await deps.accounts.findById(session.accountId);
    if (!account) return failure('UNAUTHENTICATED');
    if (account.password) return success('has_password');
    return success(recent(session) ? 'ready' : 'sign_in_again');
  }

  return {
    status,

    async add(
      session: Session,
      input: { password: string; confirmPassword: string },
      context: RequestContext,
    ): Promise<Outcome<void>> {
      const account = await deps.accounts.findById(session.accountId);
      if (!account) return failure('UNAUTHENTICATED');
      if (account.password || !recent(session)) return failure('STEP_NOT_ALLOWED');
      const policyFailure = await checkNewPassword(deps, account, input.password, input.confirmPassword);
      if (policyFailure) return policyFailure;
      const now = deps.clock.now();
      const hash = await deps.passwords.hash(input.password);
      // One password per account: its identifier is the account id, so a second add racing this one is 'taken'.
      const added = await deps.accounts.addCredential(
        account.id,
        { type: 'password', identifier: account.id, secret: hash },
        now,
      );
      if (added === 'taken') return failure('STEP_NOT_ALLOWED');
      await afterCommit(deps.warn, 'audit of an added password not written', { accountId: account.id }, () =>
        deps.audit.record({
          event: 'account.credential_added',
          at: now,
          accountId: account.id,
          reason: 'password',
          requestId: context.requestId,
          clientIp: context.clientIp,
        }),
      );
      return success(undefined);
    },
  };
}

export type AddPassword = ReturnType<typeof createAddPassword>;
