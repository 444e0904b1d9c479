/**
 * The SIM-signature JSON API (docs/methods.md, "SIM signature") on the shared API of awaited signatures: the
 * registration's start answers 202 with the code the SIM shows and the signature window; the registration is
 * then polled at the shared `GET /api/v1/registrations/{id}`. Sign-in the same way: `POST
 * /api/v1/sessions/sim-signature` (202), then `GET /api/v1/sessions/sim-signature/{signInId}` until `completed`
 * (that poll sets the session cookie: amr hwk, LoA2) or `refused` (`code`).
 */
import { Type } from 'typebox';
import { awaitingSignatureApi } from '../../../web/api/registration/awaiting-signature-routes.ts';
import type { SimSignatureServices } from './services.ts';

const PhoneNumber = Type.String({
  maxLength: 32,
  description: 'The SIM’s number, any Vietnamese form (0912…, +84912…)',
});

export function simSignatureApi(services: SimSignatureServices) {
  return awaitingSignatureApi({
    method: 'sim-signature',
    entries: { phoneNumber: PhoneNumber },
    summaries: {
      register:
        'Register with the SIM signature: the SIM is asked to sign (asynchronous); poll GET /api/v1/registrations/{id}',
      signIn:
        'Sign in with the SIM signature: the SIM is asked to sign (asynchronous); poll GET /api/v1/sessions/sim-signature/{signInId}',
      signInStatus: 'Where a sign-in by SIM signature is; the poll that completes it sets the session cookie',
    },
    displayCodeShownBy: { start: 'the SIM', signIn: 'the SIM' },
    startRegistration: (input, context) => services.startRegistration(input, context),
    startSignIn: (input, context) => services.startSignIn(input, context),
    pollSignIn: (signInId, context) => services.pollSignIn(signInId, context),
    sessions: services.sessions,
    secureCookies: services.secureCookies,
  });
}
