/**
 * Sign-in (password, or by a credential a method checked), sessions, step-up, the account and its credentials,
 * password change and recovery, built from their dependencies.
 */
import { createAccountUseCases } from './account.ts';
import { createAddPassword } from './add-password.ts';
import { createCredentialUseCases } from './credentials.ts';
import type { AccountDependencies } from './dependencies.ts';
import { createRecovery } from './recovery.ts';
import { createSignIn } from './sign-in.ts';
import { createSignInWithCredential } from './sign-in-with-credential.ts';
import { createStepUp } from './step-up.ts';

export type { AccountDependencies } from './dependencies.ts';

export function createAccountsUseCases(deps: AccountDependencies) {
  return {
    signIn: createSignIn(deps),
    sessions: deps.sessions,
    account: createAccountUseCases(deps),
    recovery: createRecovery(deps),
    stepUp: createStepUp(deps),
    /** A password for an account that has none, soon after a sign-in. */
    addPassword: createAddPassword(deps),
    /** The account's ways to sign in: listed, added, removed (never the last). */
    credentials: createCredentialUseCases(deps),
    /** A session for an account a method found by its credential (FEDERATED_SIGN_IN, CERTIFICATE_SIGN_IN). */
    signInWithCredential: createSignInWithCredential(deps),
  };
}

export type AccountsUseCases = ReturnType<typeof createAccountsUseCases>;
