/**
 * The remote-signature JSON API (docs/methods.md, "Remote (personal) signature") on the shared API of awaited
 * signatures: the registration's start answers 202 with the code the provider's app shows and the signature
 * window; the registration is then polled at the shared `GET /api/v1/registrations/{id}`. Sign-in the same way:
 * `POST /api/v1/sessions/remote-signature` (202), then `GET /api/v1/sessions/remote-signature/{signInId}` until
 * `completed` (that poll sets the session cookie: amr swk, LoA2) or `refused` (`code`).
 */
import { Type } from 'typebox';
import { awaitingSignatureApi } from '../../../web/api/registration/awaiting-signature-routes.ts';
import type { RemoteSignatureServices } from './services.ts';

const IdNumber = Type.String({
  maxLength: 32,
  description: 'The 12-digit personal ID number (or 9-digit CMND) the certificate names',
});
const Provider = Type.String({ maxLength: 32, description: 'The remote-signing service: smartca | mysign' });

export function remoteSignatureApi(services: RemoteSignatureServices) {
  return awaitingSignatureApi({
    method: 'remote-signature',
    entries: { idNumber: IdNumber, provider: Provider },
    summaries: {
      register:
        "Register with a remote signature: the provider's app asks the citizen to approve (asynchronous); poll GET /api/v1/registrations/{id}",
      signIn:
        "Sign in with a remote signature: the provider's app asks the citizen to approve (asynchronous); poll GET /api/v1/sessions/remote-signature/{signInId}",
      signInStatus:
        'Where a sign-in by remote signature is; the poll that completes it sets the session cookie',
    },
    displayCodeShownBy: { start: "the provider's app", signIn: 'the app' },
    startRegistration: (input, context) => services.startRegistration(input, context),
    startSignIn: (input, context) => services.startSignIn(input, context),
    pollSignIn: (signInId, context) => services.pollSignIn(signInId, context),
    sessions: services.sessions,
    secureCookies: services.secureCookies,
  });
}
