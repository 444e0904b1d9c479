/**
 * The signed-in citizen's account: what the account page shows (nothing more personal than it needs),
 * and the password change (current password required; every other session ends).
 */

import { checkPassword, type PersonalData } from '../../domain/password.ts';
import { maskPhone } from '../../domain/phone.ts';
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { AccountRecord } from '../ports/repositories.ts';
import type { AccountDependencies } from './dependencies.ts';
import { PASSWORD_SIGN_IN, type Session } from './sessions.ts';

export interface AccountView {
  accountId: string;
  username: string;
  accountType: 'citizen' | 'organisation';
  /** The full name (the organisation's name, for an organisation). */
  displayName: string;
  /** A citizen's full name; absent for an organisation. */
  fullName?: string;
  /** An organisation's tax code (its username) and registered name. */
  organisation?: { taxCode: string; name: string };
  /** Absent for an account without a verified phone. */
  maskedPhone: string | undefined;
  /**
   * The account's email, in full (its owner may spot a typo), and whether it was verified: one declared on a
   * registration form is not. Absent when the account has none.
   */
  email?: { address: string; verified: boolean };
  /** Whether the account has a password (accounts made with a certificate or PostID may not). */
  hasPassword: boolean;
  registrationMethod: string;
  createdAt: Date;
}

export function createAccountUseCases(deps: AccountDependencies) {
  return {
    async view(accountId: string): Promise<Outcome<AccountView>> {
      const account = await deps.accounts.findById(accountId);
      if (!account) return failure('UNAUTHENTICATED');
      const name = deps.protector.decrypt(account.fullNameEnc);
      const username = deps.protector.decrypt(account.idNumberEnc);
      return success({
        accountId: account.id,
        username,
        accountType: account.kind,
        displayName: name,
        ...(account.kind === 'organisation'
          ? { organisation: { taxCode: username, name } }
          : { fullName: name }),
        maskedPhone: account.phone ? maskPhone(deps.protector.decrypt(account.phone.enc)) : undefined,
        ...(account.email && {
          email: {
            address: deps.protector.decrypt(account.email.enc),
            verified: account.email.verifiedAt !== null,
          },
        }),
        hasPassword: account.password !== null,
        registrationMethod: account.registrationMethod,
        createdAt: account.createdAt,
      });
    },

    /** For the live password check of the change-password page. */
    async passwordPersonalData(accountId: string): Promise<Outcome<PersonalData>> {
      const account = await deps.accounts.findById(accountId);
      return account ? success(personalDataOf(deps, account)) : failure('UNAUTHENTICATED');
    },

    async changePassword(
      accountId: string,
      input: { currentPassword: string; newPassword: string; confirmPassword: string },
      context: RequestContext,
    ): Promise<Outcome<{ session: Session }>> {
      const account = await deps.accounts.findById(accountId);
      if (!account) return failure('UNAUTHENTICATED');
      if (!account.password || !(await deps.passwords.verify(account.password.hash, input.currentPassword))) {
        return failure('INVALID_CREDENTIALS', {
          fieldErrors: [{ field: 'currentPassword', code: 'INVALID_CREDENTIALS' }],
        });
      }
      const policyFailure = await checkNewPassword(deps, account, input.newPassword, input.confirmPassword);
      if (policyFailure) return policyFailure;
      const now = deps.clock.now();
      const hash = await deps.passwords.hash(input.newPassword);
      // As in recovery: the other sessions end before the password changes, never after.
      await deps.sessions.endAllOf(account.id);
      await deps.accounts.setPassword(account.id, hash, now);
      await afterCommit(deps.warn, 'audit of a password change not written', { accountId: account.id }, () =>
        deps.audit.record({
          event: 'account.password_changed',
          at: now,
          accountId: account.id,
          requestId: context.requestId,
          clientIp: context.clientIp,
        }),
      );
      return success({ session: await deps.sessions.create(account.id, PASSWORD_SIGN_IN) });
    },
  };
}

/** What the password policy keeps out of this account's password. */
export function personalDataOf(
  deps: Pick<AccountDependencies, 'protector'>,
  account: AccountRecord,
): PersonalData {
  return {
    idNumber: deps.protector.decrypt(account.idNumberEnc),
    ...(account.birthDateEnc && { birthDate: deps.protector.decrypt(account.birthDateEnc) }),
    ...(account.phone && { phoneNumber: deps.protector.decrypt(account.phone.enc) }),
  };
}

/** The password policy with the account's own personal data, confirmation, and "not the current one". */
export async function checkNewPassword(
  deps: Pick<AccountDependencies, 'protector' | 'passwords'>,
  account: AccountRecord,
  password: string,
  confirmPassword: string,
): Promise<Outcome<never> | undefined> {
  const policy = checkPassword(password, personalDataOf(deps, account));
  if (!policy.ok) {
    return failure('PASSWORD_POLICY', {
      fieldErrors: policy.failures.map((code) => ({ field: 'newPassword', code })),
      ...(policy.commonBase !== undefined && { commonBase: policy.commonBase }),
    });
  }
  if (password !== confirmPassword) {
    return failure('PASSWORD_MISMATCH', {
      fieldErrors: [{ field: 'confirmPassword', code: 'PASSWORD_MISMATCH' }],
    });
  }
  if (account.password && (await deps.passwords.verify(account.password.hash, password))) {
    return failure('PASSWORD_POLICY', { fieldErrors: [{ field: 'newPassword', code: 'SAME_AS_CURRENT' }] });
  }
  return undefined;
}
