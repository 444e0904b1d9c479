/**
 * Where registration pages live: the method chooser, then `/register/{method}` (the method's form) and the
 * shared steps under the method's own path. The journey guard sends citizens here.
 */
import type { JourneyStep } from '../../../usecases/registration/index.ts';

export const METHODS_PATH = '/register';

export function registrationPaths(method: string) {
  const form = `${METHODS_PATH}/${method}`;
  return {
    form,
    otp: `${form}/code`,
    resend: `${form}/code/resend`,
    /** "Wrong number?": back to the form with the entries of this registration, but not its phone. */
    wrongNumber: `${form}/code/wrong-number`,
    password: `${form}/password`,
    done: `${form}/done`,
    /** Asynchronous signature methods: the page that waits for the signature, and the refusal's page. */
    waiting: `${form}/waiting`,
    refused: `${form}/refused`,
  } as const;
}

export type RegistrationPaths = ReturnType<typeof registrationPaths>;

export function pathOfStep(method: string, step: JourneyStep): string {
  const paths = registrationPaths(method);
  return {
    otp: paths.otp,
    password: paths.password,
    completed: paths.done,
    'awaiting-signature': paths.waiting,
    refused: paths.refused,
  }[step];
}
