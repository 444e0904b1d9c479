/** Sign-in, sessions, step-up, the account, password change and recovery, built from their dependencies. */
import { createAccountUseCases } from './account.ts';
import type { AccountDependencies } from './dependencies.ts';
import { createRecovery } from './recovery.ts';
import { createSignIn } from './sign-in.ts';
import { createStepUp } from './step-up.ts';

export type { AccountDependencies } from './dependencies.ts';

export function createAccountsUseCases(deps: AccountDependencies) {
  return {
    signIn: createSignIn(deps),
    sessions: deps.sessions,
    account: createAccountUseCases(deps),
    recovery: createRecovery(deps),
    stepUp: createStepUp(deps),
  };
}

export type AccountsUseCases = ReturnType<typeof createAccountsUseCases>;
