/**
 * What a registration keeps of its citizen, read back for two pages: the entries a citizen typed (to refill
 * the form when the code went to a wrong number, never that number), and the personal data the password
 * policy keeps out of a password (for the live check on the password page).
 */
import type { PersonalData } from '../../domain/password.ts';
import { failure, type Outcome, success } from '../outcome.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { loadForAction, loadRegistration } from './load-registration.ts';
import { openIdentity } from './verified-identity.ts';

export interface TypedEntries {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

/** Only while the code step is open: once the phone is proven, there is no wrong number to correct. */
export function createTypedEntries(
  deps: Pick<RegistrationDependencies, 'registrations' | 'protector' | 'clock'>,
) {
  return async function typedEntries(registrationId: string): Promise<Outcome<TypedEntries>> {
    const loaded = await loadRegistration(deps, registrationId, deps.clock.now());
    if (!loaded.ok) return loaded;
    if (loaded.value.step !== 'otp') return failure('STEP_NOT_ALLOWED');
    const { idNumber, fullName, birthDate } = openIdentity(
      deps.protector,
      loaded.value.registration.identityEnc,
    );
    return success({ idNumber, fullName, birthDate });
  };
}

/** Only at the password step, as the password itself: the code proved the browser holds the phone. */
export function createPasswordPersonalData(
  deps: Pick<RegistrationDependencies, 'registrations' | 'protector' | 'clock'>,
) {
  return async function passwordPersonalData(registrationId: string): Promise<Outcome<PersonalData>> {
    const loaded = await loadForAction(deps, registrationId, 'set_password', deps.clock.now());
    if (!loaded.ok) return loaded;
    const { idNumber, birthDate, phoneNumber } = openIdentity(deps.protector, loaded.value.identityEnc);
    return success({ idNumber, birthDate, phoneNumber });
  };
}
