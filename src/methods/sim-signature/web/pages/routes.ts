/**
 * The SIM-signature pages (`/register/sim-signature`, `/sign-in/sim-signature` and their waiting, done and
 * refusal pages) on the shared pages of awaited signatures: this method gives its phone-number entry, its texts
 * and which of the mobile-signature service's refusals mean what.
 */
import type { FastifyInstance } from 'fastify';
import { awaitingSignaturePages } from '../../../../web/pages/kit/awaiting-signature/index.ts';
import type { PageDeps } from '../../../../web/pages/kit/deps.ts';
import type { FormSchema } from '../../../../web/pages/kit/forms.ts';
import type { SimSignatureServices } from '../services.ts';
import { SIM_SIGNATURE_PATHS } from './paths.ts';
import { SimRegistrationPage, SimSignInPage, simFormLabels } from './templates.tsx';

const entries = { phoneNumber: { maxLength: 32, required: true } } satisfies FormSchema;

export async function simSignaturePages(
  app: FastifyInstance,
  deps: PageDeps,
  services: SimSignatureServices,
) {
  return awaitingSignaturePages(app, deps, {
    method: 'sim-signature',
    paths: SIM_SIGNATURE_PATHS,
    texts: (ctx) => ctx.m.simSignature,
    labels: simFormLabels,
    refusals: {
      atStart: new Set(['MOBILE_SIGNATURE_NOT_ENABLED', 'MOBILE_SIGNATURE_UNAVAILABLE', 'RATE_LIMITED']),
      unavailable: new Set([
        'MOBILE_SIGNATURE_UNAVAILABLE',
        'REVOCATION_UNAVAILABLE',
        'POPULATION_UNAVAILABLE',
      ]),
      // The SIM cannot sign now: another way to register comes first.
      otherMethodFirst: new Set(['MOBILE_SIGNATURE_NOT_ENABLED', 'SIM_PIN_BLOCKED']),
    },
    registration: {
      schema: {
        ...entries,
        captchaId: { maxLength: 64 },
        captchaAnswer: { maxLength: 32, required: true },
        consent: { maxLength: 8 },
        action: { maxLength: 32 },
      },
      kept: ['phoneNumber', 'consent'],
      render: SimRegistrationPage,
      start: services.formStart,
    },
    signIn: {
      cookieName: 'simsig',
      entries,
      errorField: 'phoneNumber',
      render: SimSignInPage,
      start: (typed, context) => services.startSignIn({ phoneNumber: typed.phoneNumber ?? '' }, context),
      poll: (signInId, context) => services.pollSignIn(signInId, context),
    },
  });
}
