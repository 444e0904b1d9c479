/** The registration-by-mobile-subscriber use cases, built from their dependencies by one factory. */
import { maskPhone } from '../../domain/phone.ts';
import { type Outcome, success } from '../outcome.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { loadRegistration } from './load-registration.ts';
import { createResendCode } from './resend-code.ts';
import { createSetPassword } from './set-password.ts';
import { createStartRegistration } from './start-registration.ts';
import { createVerifyCode } from './verify-code.ts';

export type { RegistrationDependencies } from './dependencies.ts';

import type { JourneyStep } from './journey.ts';

export type { JourneyStep };

export interface RegistrationStatus {
  registrationId: string;
  method: 'mobile';
  step: JourneyStep;
  expiresAt: Date;
  maskedPhone: string;
  otpExpiresAt: Date | null;
  resendAvailableAt: Date | null;
  codesSent: number;
}

export function createRegistrationUseCases(deps: RegistrationDependencies) {
  return {
    start: createStartRegistration(deps),
    verifyCode: createVerifyCode(deps),
    resendCode: createResendCode(deps),
    setPassword: createSetPassword(deps),
    async status(registrationId: string): Promise<Outcome<RegistrationStatus>> {
      const now = deps.clock.now();
      const loaded = await loadRegistration(deps, registrationId, now);
      if (!loaded.ok) return loaded;
      const { registration, step } = loaded.value;
      const personal = JSON.parse(deps.protector.decrypt(registration.personalEnc)) as {
        phoneNumber: string;
      };
      return success({
        registrationId,
        method: 'mobile' as const,
        step,
        expiresAt: registration.expiresAt,
        maskedPhone: maskPhone(personal.phoneNumber),
        otpExpiresAt: registration.codeExpiresAt,
        resendAvailableAt: registration.resendAvailableAt,
        codesSent: registration.codesSent,
      });
    },
  };
}

export type RegistrationUseCases = ReturnType<typeof createRegistrationUseCases>;
