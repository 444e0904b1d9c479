/**
 * The remote-signature pages (`/register/remote-signature`, `/sign-in/remote-signature` and their waiting, done
 * and refusal pages) on the shared pages of awaited signatures: this method gives its entries (ID number and
 * provider), its texts and which of the remote-signing services' refusals mean what.
 */
import type { FastifyInstance } from 'fastify';
import { awaitingSignaturePages } from '../../../../web/pages/kit/awaiting-signature/index.ts';
import type { PageDeps } from '../../../../web/pages/kit/deps.ts';
import type { FormSchema } from '../../../../web/pages/kit/forms.ts';
import type { RemoteSignatureServices } from '../services.ts';
import { REMOTE_SIGNATURE_PATHS } from './paths.ts';
import { remoteFormLabels, remoteRegistrationPage, remoteSignInPage } from './templates.tsx';

const entries = {
  idNumber: { maxLength: 32, required: true },
  provider: { maxLength: 32, required: true },
} satisfies FormSchema;

export async function remoteSignaturePages(
  app: FastifyInstance,
  deps: PageDeps,
  services: RemoteSignatureServices,
) {
  const providers = () => services.providers;
  return awaitingSignaturePages(app, deps, {
    method: 'remote-signature',
    paths: REMOTE_SIGNATURE_PATHS,
    texts: (ctx) => ctx.m.remoteSignature,
    labels: remoteFormLabels,
    refusals: {
      atStart: new Set(['REMOTE_SIGNATURE_NOT_FOUND', 'REMOTE_SIGNATURE_UNAVAILABLE', 'RATE_LIMITED']),
      unavailable: new Set([
        'REMOTE_SIGNATURE_UNAVAILABLE',
        'REVOCATION_UNAVAILABLE',
        'POPULATION_UNAVAILABLE',
      ]),
    },
    registration: {
      schema: {
        ...entries,
        captchaId: { maxLength: 64 },
        captchaAnswer: { maxLength: 32, required: true },
        consent: { maxLength: 8 },
        action: { maxLength: 32 },
      },
      kept: ['idNumber', 'provider', 'consent'],
      render: remoteRegistrationPage(providers),
      start: services.formStart,
    },
    signIn: {
      cookieName: 'remotesig',
      entries,
      errorField: 'idNumber',
      render: remoteSignInPage(providers),
      start: (typed, context) =>
        services.startSignIn({ idNumber: typed.idNumber ?? '', provider: typed.provider ?? '' }, context),
      poll: (signInId, context) => services.pollSignIn(signInId, context),
    },
  });
}
