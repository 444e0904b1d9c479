/** What the remote-signature API and pages call: the registration's start and the sign-in, built in plugin.ts. */
import type { Sessions } from '../../../usecases/accounts/sessions.ts';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { AwaitingStart, SignInStatus, StartWithCode } from '../../../usecases/registration/index.ts';

export interface RemoteSignatureServices {
  /** The providers offered, by id (`smartca`, `mysign`), in the order the form lists them. */
  providers: readonly string[];
  /** The registration's start as the API calls it: ID number, provider, captcha (consent checked by the caller). */
  startRegistration(
    input: { idNumber: string; provider: string; captchaId: string; captchaAnswer: string },
    context: RequestContext,
  ): Promise<Outcome<AwaitingStart>>;
  /** The same start in the shape of the shared registration form (field checks first). */
  formStart: StartWithCode<Record<string, string>>;
  startSignIn(
    input: { idNumber: string; provider: string },
    context: RequestContext,
  ): Promise<Outcome<SignInStatus>>;
  pollSignIn(signInId: string, context: RequestContext): Promise<Outcome<SignInStatus>>;
  sessions: Pick<Sessions, 'end'>;
  secureCookies: boolean;
}
