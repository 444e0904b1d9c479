/** Where the remote-signature method's pages live. */
import { awaitingSignaturePaths } from '../../../../web/pages/kit/awaiting-signature/index.ts';

export const REMOTE_SIGNATURE_PATHS = awaitingSignaturePaths('remote-signature');
export const REGISTER = REMOTE_SIGNATURE_PATHS.register;
