/** What the SIM-signature API and pages call: the registration's start and the sign-in, built in plugin.ts. */
import type { Sessions } from '../../../usecases/accounts/sessions.ts';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { AwaitingStart, SignInStatus, StartWithCode } from '../../../usecases/registration/index.ts';

export interface SimSignatureServices {
  /** The registration's start as the shared form and the API call it: the phone number, captcha, consent. */
  startRegistration(
    input: { phoneNumber: string; captchaId: string; captchaAnswer: string },
    context: RequestContext,
  ): Promise<Outcome<AwaitingStart>>;
  /** The same start in the shape of the shared registration form (field checks first). */
  formStart: StartWithCode<Record<string, string>>;
  startSignIn(input: { phoneNumber: string }, context: RequestContext): Promise<Outcome<SignInStatus>>;
  pollSignIn(signInId: string, context: RequestContext): Promise<Outcome<SignInStatus>>;
  sessions: Pick<Sessions, 'end'>;
  secureCookies: boolean;
}
