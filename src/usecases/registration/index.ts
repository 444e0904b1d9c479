/**
 * The registration journey every method shares, built from its dependencies by one factory: the start of a
 * code-sending method (given the method), the code step, the password step, and the status.
 */
import { maskPhone } from '../../domain/phone.ts';
import { createSignInWithCredential } from '../accounts/sign-in-with-credential.ts';
import { type Outcome, success } from '../outcome.ts';
import type { CredentialType } from '../ports/repositories.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { createPasswordPersonalData, createTypedEntries } from './entries-of.ts';
import type { JourneyStep } from './journey.ts';
import { loadRegistration } from './load-registration.ts';
import type { CaptchaAnswer, CodeRegistrationMethod } from './method.ts';
import { createRegisterVerified } from './register-verified.ts';
import { createResendCode } from './resend-code.ts';
import { createSetPassword } from './set-password.ts';
import { createStartWithCode } from './start-with-code.ts';
import { openIdentity } from './verified-identity.ts';
import { createVerifyCode } from './verify-code.ts';

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
}

export function createRegistrationJourney(deps: RegistrationDependencies) {
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
    registerVerified: createRegisterVerified(deps),
    /** The account a credential opens (a certificate's fingerprint, `vnpost:<subject>`), for sign-in. */
    findAccountByCredential: (type: CredentialType, identifier: string) =>
      deps.accounts.findAccountByCredential(type, identifier),
    /** A session for an account a method found by its credential (FEDERATED_SIGN_IN, CERTIFICATE_SIGN_IN). */
    signInWithCredential: createSignInWithCredential(deps),
    async status(registrationId: string): Promise<Outcome<RegistrationStatus>> {
      const loaded = await loadRegistration(deps, registrationId, deps.clock.now());
      if (!loaded.ok) return loaded;
      const { registration, step } = loaded.value;
      // Registrations made complete in one go by a method without codes may know no phone.
      const phone: string | null | undefined = openIdentity(
        deps.protector,
        registration.identityEnc,
      ).phoneNumber;
      return success({
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
