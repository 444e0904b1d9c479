/** Where an asynchronous signature method's pages live: its registration pages and its sign-in pair. */
import { registrationPaths } from '../../register/paths.ts';

/** How often a waiting page reloads itself (no JavaScript needed). */
export const REFRESH_SECONDS = 3;

export function awaitingSignaturePaths(method: string) {
  return {
    register: registrationPaths(method),
    signIn: `/sign-in/${method}`,
    signInWaiting: `/sign-in/${method}/waiting`,
  };
}

export type AwaitingSignaturePaths = ReturnType<typeof awaitingSignaturePaths>;
