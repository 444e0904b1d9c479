/**
 * Registration and sign-in by remote (personal) signature (docs/methods.md, "Remote (personal) signature"), as a
 * plug-in: the remote signer over the CSC remote-signing services on the shared asynchronous machinery
 * (journey.awaitingSignature: the start, the polls that the shared registration status drives, the pipeline,
 * the account), its JSON API and its pages.
 */
import { awaitingSignatureServices } from '../awaiting-signature-services.ts';
import { registrationMethod } from '../plugin.ts';
import { createRemoteSigner, METHOD_ID, remoteEntriesOf } from './usecases/remote-signer.ts';
import { remoteSignatureApi } from './web/api.ts';
import { REGISTER } from './web/pages/paths.ts';
import { remoteSignaturePages } from './web/pages/routes.ts';
import type { RemoteSignatureServices } from './web/services.ts';

export const remoteSignatureMethod = registrationMethod({
  id: METHOD_ID,
  chooser: (m) => ({ name: m.methods.remoteSignature, hint: m.methods.remoteSignatureHint }),
  refusals: {
    REMOTE_SIGNATURE_NOT_FOUND: 422,
    REMOTE_SIGNATURE_UNAVAILABLE: 503,
    REMOTE_SIGNATURE_ID_MISMATCH: 422,
  },
  audience: ['citizen'],
  requiresJavaScript: false,
  entryPath: REGISTER.form,
  build({ journey, metrics, partners, signing }) {
    const { remoteSigning } = partners;
    const signer = createRemoteSigner({ remoteSigning, population: partners.population, metrics });
    const shared = awaitingSignatureServices({ journey, signing }, signer, {
      // Read at each call: the providers are known once the partners are attached (after the server listens).
      entriesOf: (typed: { idNumber: string; provider: string }) =>
        remoteEntriesOf(typed, remoteSigning.providers),
      fields: ['idNumber', 'provider'],
    });
    const services: RemoteSignatureServices = {
      ...shared,
      get providers() {
        return remoteSigning.providers;
      },
    };
    return {
      api: remoteSignatureApi(services),
      pages: (app, deps) => remoteSignaturePages(app, deps, services),
    };
  },
});
