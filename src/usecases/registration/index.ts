/**
 * The registration journey every method shares, built from its dependencies by one factory: the start of a
 * code-sending method (given the method), the code step, the password step, and the status.
 */
import { maskPhone } from '../../domain/phone.ts';
import type { Session } from '../accounts/sessions.ts';
import { createSignInWithCredential } from '../accounts/sign-in-with-credential.ts';
import { type Outcome, type RequestContext, success } from '../outcome.ts';
import type { CredentialType } from '../ports/repositories.ts';
import type { AsyncSignatureRules, AsyncSigner, SignaturePipeline } from './async-signer.ts';
import { type AwaitingSignature, createAwaitingSignature } from './awaiting-signature.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { createPasswordPersonalData, createTypedEntries } from './entries-of.ts';
import { type JourneyStep, refusalOf } from './journey.ts';
import { loadRegistration } from './load-registration.ts';
import type { CaptchaAnswer, CodeRegistrationMethod } from './method.ts';
import { createRegisterVerified } from './register-verified.ts';
import { createResendCode } from './resend-code.ts';
import { createSetPassword } from './set-password.ts';
import { createSignatureSignIn } from './signature-sign-in.ts';
import { createStartWithCode } from './start-with-code.ts';
import { openIdentity } from './verified-identity.ts';
import { createVerifyCode } from './verify-code.ts';

export type {
  AsyncSignatureRules,
  AsyncSigner,
  SignatureAsk,
  SignaturePipeline,
  SignedContent,
  SignerPoll,
} from './async-signer.ts';
export type { AwaitingSignature, AwaitingStart } from './awaiting-signature.ts';
export type { RegistrationDependencies } from './dependencies.ts';
export type { TypedEntries } from './entries-of.ts';
export type { CaptchaAnswer, CitizenEntries, CodeRegistrationMethod, Proof } from './method.ts';
export type {
  RegisterVerified,
  VerifiedRegistration,
  VerifiedRegistrationInput,
  VerifiedSubject,
} from './register-verified.ts';
export type { SignedInRegistration } from './set-password.ts';
export type { SignatureSignIn, SignInStatus, SignInStep } from './signature-sign-in.ts';
export type { StartedRegistration, StartWithCode } from './start-with-code.ts';
export type { VerifiedIdentity } from './verified-identity.ts';
export type { JourneyStep };

export interface RegistrationStatus {
  registrationId: string;
  method: string;
  step: JourneyStep;
  expiresAt: Date;
  maskedPhone: string;
  otpExpiresAt: Date | null;
  resendAvailableAt: Date | null;
  codesSent: number;
  /** The account a completed registration made. */
  accountId: string | null;
  /** Asynchronous signature methods: the code the phone shows, while awaiting. */
  displayCode?: string;
  /** Asynchronous signature methods: the end of the signature window, while awaiting. */
  signatureExpiresAt?: Date;
  /** A completed registration's username (the ID number, or the tax code). */
  username?: string;
  /** Why a refused registration ended (a failure code). */
  refusalCode?: string;
  /** The session of the account this very poll made (the citizen is signed in, as after the other methods). */
  session?: Session;
}

export function createRegistrationJourney(deps: RegistrationDependencies) {
  const registerVerified = createRegisterVerified(deps);
  const signInWithCredential = createSignInWithCredential(deps);
  /** The asynchronous signature methods built on this journey, by method id: their polls drive `status`. */
  const awaiting = new Map<string, AwaitingSignature['poll']>();
  return {
    /** The start use case of a method that ends in an SMS code. */
    startWithCode: <Input extends CaptchaAnswer, Entries extends { idNumber: string }>(
      method: CodeRegistrationMethod<Input, Entries>,
    ) => createStartWithCode(deps, method),
    verifyCode: createVerifyCode(deps),
    resendCode: createResendCode(deps),
    setPassword: createSetPassword(deps),
    typedEntries: createTypedEntries(deps),
    passwordPersonalData: createPasswordPersonalData(deps),
    /** The tail of the methods without an SMS code (PostID, certificates): the account in one go. */
    registerVerified,
    /** The account a credential opens (a certificate's fingerprint, `vnpost:<subject>`), for sign-in. */
    findAccountByCredential: (type: CredentialType, identifier: string) =>
      deps.accounts.findAccountByCredential(type, identifier),
    /** A session for an account a method found by its credential (FEDERATED_SIGN_IN, CERTIFICATE_SIGN_IN). */
    signInWithCredential,
    /**
     * The start and poll of a method whose signature arrives later (SIM, remote signature): see
     * awaiting-signature.ts. Once built, `status` of its awaiting registrations asks its partner.
     */
    awaitingSignature<Entries>(
      signer: AsyncSigner<Entries>,
      pipeline: SignaturePipeline,
      rules?: AsyncSignatureRules,
    ) {
      const built = createAwaitingSignature(
        { ...deps, registerVerified, signInWithCredential },
        signer,
        pipeline,
        rules,
      );
      awaiting.set(signer.id, built.poll);
      const signIn = createSignatureSignIn({ ...deps, signInWithCredential }, signer, pipeline, rules);
      return { ...built, signIn };
    },
    /**
     * Where a registration is. With a request's context, a registration awaiting a signature is first moved
     * on (its method asks the partner, once at a time): the citizen's polling is what drives it.
     */
    async status(registrationId: string, context?: RequestContext): Promise<Outcome<RegistrationStatus>> {
      let loaded = await loadRegistration(deps, registrationId, deps.clock.now());
      let session: Session | undefined;
      const poller = loaded.ok && awaiting.get(loaded.value.registration.method);
      if (loaded.ok && poller && context && loaded.value.step === 'awaiting-signature') {
        session = await poller(registrationId, context);
        loaded = await loadRegistration(deps, registrationId, deps.clock.now());
      }
      if (!loaded.ok) return loaded;
      const { registration, step } = loaded.value;
      // Registrations made complete in one go by a method without codes may know no phone.
      const identity = openIdentity(deps.protector, registration.identityEnc) as Partial<{
        phoneNumber: string | null;
        idNumber: string;
        taxCode: string;
      }>;
      const phone = identity.phoneNumber;
      const asynchronous = registration.signatureExpiresAt
        ? {
            ...(step === 'awaiting-signature' && {
              displayCode: registration.displayCode ?? '',
              signatureExpiresAt: registration.signatureExpiresAt,
            }),
            ...(step === 'completed' && { username: identity.idNumber ?? identity.taxCode ?? '' }),
            ...(step === 'refused' && { refusalCode: refusalOf(registration) }),
            ...(session && { session }),
          }
        : {};
      return success({
        ...asynchronous,
        registrationId,
        method: registration.method,
        step,
        expiresAt: registration.expiresAt,
        maskedPhone: phone ? maskPhone(phone) : '',
        otpExpiresAt: registration.codeExpiresAt,
        resendAvailableAt: registration.resendAvailableAt,
        codesSent: registration.codesSent,
        accountId: registration.accountId,
      });
    },
  };
}

export type RegistrationJourney = ReturnType<typeof createRegistrationJourney>;
