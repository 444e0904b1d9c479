/** Finds a registration the citizen can still act on: unknown, expired and superseded ones are "not found". */
import { failure, type Outcome, success } from '../outcome.ts';
import type { RegistrationRecord } from '../ports/repositories.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { type JourneyAction, type JourneyStep, nextState, stepOf } from './journey.ts';

const REGISTRATION_ID = /^[\w-]{16,64}$/;

export async function loadRegistration(
  deps: Pick<RegistrationDependencies, 'registrations'>,
  registrationId: string,
  now: Date,
): Promise<Outcome<{ registration: RegistrationRecord; step: JourneyStep }>> {
  const registration = REGISTRATION_ID.test(registrationId)
    ? await deps.registrations.find(registrationId)
    : undefined;
  const step = registration && stepOf(registration, now);
  if (!registration || !step) return failure('REGISTRATION_NOT_FOUND');
  return success({ registration, step });
}

/** Loads the registration and asks the journey whether `action` is allowed at its current state. */
export async function loadForAction(
  deps: Pick<RegistrationDependencies, 'registrations'>,
  registrationId: string,
  action: JourneyAction,
  now: Date,
): Promise<Outcome<RegistrationRecord>> {
  const loaded = await loadRegistration(deps, registrationId, now);
  if (!loaded.ok) return loaded;
  if (!nextState(loaded.value.registration.state, action)) return failure('STEP_NOT_ALLOWED');
  return success(loaded.value.registration);
}
