/**
 * Registration and sign-in by remote (personal) signature (docs/methods.md, "Remote (personal) signature"), as a
 * plug-in: the remote signer over the CSC remote-signing services on the shared asynchronous machinery
 * (journey.awaitingSignature: the start, the polls that the shared registration status drives, the pipeline,
 * the account), its JSON API and its pages.
 */
import { success } from '../../usecases/outcome.ts';
import type { RegistrationMethodPlugin } from '../plugin.ts';
import { createRemoteSigner, METHOD_ID, remoteEntriesOf } from './usecases/remote-signer.ts';
import { remoteSignatureApi } from './web/api.ts';
import { REGISTER } from './web/pages/paths.ts';
import { remoteSignaturePages } from './web/pages/routes.ts';
import type { RemoteSignatureServices } from './web/services.ts';

export const remoteSignatureMethod: RegistrationMethodPlugin = {
  id: METHOD_ID,
  audience: ['citizen'],
  requiresJavaScript: false,
  entryPath: REGISTER.form,
  build({ journey, metrics, partners, signing }) {
    const { remoteSigning } = partners;
    const signer = createRemoteSigner({ remoteSigning, population: partners.population, metrics });
    const remote = journey.awaitingSignature(signer, {
      issueChallenge: () => signing.signatures.issueChallenge(),
      verifySignedChallenge: (input, context) => signing.signatures.verifySignedChallenge(input, context),
    });
    // Read at each call: the providers are known once the partners are attached (after the server listens).
    const entriesOf = (input: { idNumber?: string; provider?: string }) =>
      remoteEntriesOf(input, remoteSigning.providers);
    const startRegistration: RemoteSignatureServices['startRegistration'] = async (input, context) => {
      const entries = entriesOf(input);
      if (!entries.ok) return entries;
      return remote.start(entries.value, input, context);
    };
    const services: RemoteSignatureServices = {
      get providers() {
        return remoteSigning.providers;
      },
      startRegistration,
      formStart: Object.assign(
        async (input: Record<string, string>, context: { requestId: string; clientIp: string }) => {
          const started = await startRegistration(
            {
              idNumber: input.idNumber ?? '',
              provider: input.provider ?? '',
              captchaId: input.captchaId ?? '',
              captchaAnswer: input.captchaAnswer ?? '',
            },
            context,
          );
          if (!started.ok) return started;
          // The shared form only needs the id; the waiting page shows the rest from the registration.
          return success({
            registrationId: started.value.registrationId,
            maskedPhone: '',
            otpExpiresAt: started.value.expiresAt,
            resendAvailableAt: started.value.expiresAt,
          });
        },
        {
          check(input: Record<string, string>) {
            const entries = entriesOf(input);
            return entries.ok ? [] : (entries.failure.fieldErrors ?? []);
          },
        },
      ),
      async startSignIn(input, context) {
        const entries = entriesOf(input);
        if (!entries.ok) return entries;
        return remote.signIn.start(entries.value, context);
      },
      pollSignIn: (signInId, context) => remote.signIn.poll(signInId, context),
      sessions: signing.sessions,
      secureCookies: signing.secureCookies,
    };
    return {
      api: remoteSignatureApi(services),
      pages: (app, deps) => remoteSignaturePages(app, deps, services),
    };
  },
};
