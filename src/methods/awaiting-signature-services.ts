/**
 * The wiring the methods whose signature is awaited (SIM signature, remote signature) share in their plugin.ts:
 * the signer on the journey's asynchronous machinery with the signature pipeline, and the services their API and
 * pages call (the start as the API calls it and as the shared registration form does, the sign-in and its poll).
 * The method gives its signer and how it reads its entries.
 */
import type { FieldError, Outcome, RequestContext } from '../usecases/outcome.ts';
import { success } from '../usecases/outcome.ts';
import type {
  AsyncSigner,
  AwaitingStart,
  SignInStatus,
  StartWithCode,
} from '../usecases/registration/index.ts';
import type { MethodServices } from './plugin.ts';

type Captcha = { captchaId: string; captchaAnswer: string };

export function awaitingSignatureServices<Entries, Typed extends Record<string, string>>(
  { journey, signing }: Pick<MethodServices, 'journey' | 'signing'>,
  signer: AsyncSigner<Entries>,
  options: {
    /** The method's entries read from what was typed (field errors as a VALIDATION_FAILED failure). */
    entriesOf(typed: Typed): Outcome<Entries>;
    /** The names of the typed entries, as the shared form sends them. */
    fields: readonly (keyof Typed & string)[];
  },
) {
  const awaiting = journey.awaitingSignature(signer, {
    issueChallenge: () => signing.signatures.issueChallenge(),
    verifySignedChallenge: (input, context) => signing.signatures.verifySignedChallenge(input, context),
  });
  const typedOf = (input: Record<string, string | undefined>) =>
    Object.fromEntries(options.fields.map((name) => [name, input[name] ?? ''])) as Typed;

  async function startRegistration(
    input: Typed & Captcha,
    context: RequestContext,
  ): Promise<Outcome<AwaitingStart>> {
    const entries = options.entriesOf(input);
    if (!entries.ok) return entries;
    return awaiting.start(entries.value, input, context);
  }

  const formStart: StartWithCode<Record<string, string>> = Object.assign(
    async (input: Record<string, string>, context: RequestContext) => {
      const started = await startRegistration(
        { ...typedOf(input), captchaId: input.captchaId ?? '', captchaAnswer: input.captchaAnswer ?? '' },
        context,
      );
      if (!started.ok) return started;
      // The shared form only needs the id; the waiting page shows the rest from the registration.
      return success({
        registrationId: started.value.registrationId,
        maskedPhone: '',
        otpExpiresAt: started.value.expiresAt,
        resendAvailableAt: started.value.expiresAt,
      });
    },
    {
      check(input: Record<string, string>): FieldError[] {
        const entries = options.entriesOf(typedOf(input));
        return entries.ok ? [] : (entries.failure.fieldErrors ?? []);
      },
    },
  );

  return {
    startRegistration,
    formStart,
    async startSignIn(input: Typed, context: RequestContext): Promise<Outcome<SignInStatus>> {
      const entries = options.entriesOf(input);
      if (!entries.ok) return entries;
      return awaiting.signIn.start(entries.value, context);
    },
    pollSignIn: (signInId: string, context: RequestContext) => awaiting.signIn.poll(signInId, context),
    sessions: signing.sessions,
    secureCookies: signing.secureCookies,
  };
}
