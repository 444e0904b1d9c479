/** Where the SIM-signature method's pages live. */
import { awaitingSignaturePaths } from '../../../../web/pages/kit/awaiting-signature/index.ts';

export const SIM_SIGNATURE_PATHS = awaitingSignaturePaths('sim-signature');
export const REGISTER = SIM_SIGNATURE_PATHS.register;
