/** Where the SIM-signature method's pages live. */
import { registrationPaths } from '../../../../web/pages/register/paths.ts';

export const REGISTER = registrationPaths('sim-signature');
export const SIGN_IN_PATH = '/sign-in/sim-signature';
export const SIGN_IN_WAITING_PATH = '/sign-in/sim-signature/waiting';
/** How often the waiting page reloads itself (no JavaScript needed). */
export const REFRESH_SECONDS = 3;
