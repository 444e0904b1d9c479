/** Where the remote-signature method's pages live. */
import { registrationPaths } from '../../../../web/pages/register/paths.ts';

export const REGISTER = registrationPaths('remote-signature');
export const SIGN_IN_PATH = '/sign-in/remote-signature';
export const SIGN_IN_WAITING_PATH = '/sign-in/remote-signature/waiting';
/** How often the waiting page reloads itself (no JavaScript needed). */
export const REFRESH_SECONDS = 3;
