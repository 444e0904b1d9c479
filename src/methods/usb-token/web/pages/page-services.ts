/** What the certificate pages call besides the shared page kit: the method's use cases and the agent's address. */
import type { Session, Sessions } from '../../../../usecases/accounts/sessions.ts';
import type { Outcome, RequestContext } from '../../../../usecases/outcome.ts';
import type { AddedCertificate } from '../../usecases/add-certificate.ts';
import type { RegisteredAccount } from '../../usecases/contracts.ts';
import type { CertificateRegistrationInput } from '../../usecases/register-with-certificate.ts';

export interface SignedChallengeInput {
  challengeId: string;
  signedData: string;
}

export interface CertificatePageServices {
  /** Where the page's module reaches the local signing agent (`wss://127.0.0.1:<port>/plugin` in dev). */
  agentUrl: string;
  sessions: Pick<Sessions, 'resume' | 'end'>;
  register(input: CertificateRegistrationInput, context: RequestContext): Promise<Outcome<RegisteredAccount>>;
  /** The session a registration opens (a certificate sign-in); undefined when the session store failed. */
  openSession(accountId: string, context: RequestContext): Promise<Session | undefined>;
  signIn(input: SignedChallengeInput, context: RequestContext): Promise<Outcome<Session>>;
  addCertificate(
    accountId: string,
    input: SignedChallengeInput,
    context: RequestContext,
  ): Promise<Outcome<AddedCertificate>>;
}
