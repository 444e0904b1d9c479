/** Where each step of registration by mobile subscriber lives; the journey guard sends citizens here. */
import type { JourneyStep } from '../../../usecases/registration/index.ts';

export const REGISTRATION_PATHS = {
  methods: '/register',
  beforeYouStart: '/register/mobile/before-you-start',
  form: '/register/mobile',
  otp: '/register/mobile/code',
  resend: '/register/mobile/code/resend',
  password: '/register/mobile/password',
  done: '/register/mobile/done',
} as const;

export const PATH_OF_STEP: Record<JourneyStep, string> = {
  otp: REGISTRATION_PATHS.otp,
  password: REGISTRATION_PATHS.password,
  completed: REGISTRATION_PATHS.done,
};
