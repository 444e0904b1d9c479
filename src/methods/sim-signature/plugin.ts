/**
 * Registration and sign-in by SIM signature (docs/methods.md, "SIM signature"), as a plug-in: the SIM signer over
 * the mobile-signature service on the shared asynchronous machinery (journey.awaitingSignature: the start, the
 * polls that the shared registration status drives, the pipeline, the account), its JSON API and its pages.
 */
import { success } from '../../usecases/outcome.ts';
import type { RegistrationMethodPlugin } from '../plugin.ts';
import { createSimSigner, METHOD_ID, simEntriesOf } from './usecases/sim-signer.ts';
import { simSignatureApi } from './web/api.ts';
import { REGISTER } from './web/pages/paths.ts';
import { simSignaturePages } from './web/pages/routes.ts';
import type { SimSignatureServices } from './web/services.ts';

export const simSignatureMethod: RegistrationMethodPlugin = {
  id: METHOD_ID,
  audience: ['citizen'],
  requiresJavaScript: false,
  entryPath: REGISTER.form,
  build({ journey, metrics, partners, signing }) {
    const signer = createSimSigner({
      mobileSignature: partners.mobileSignature,
      population: partners.population,
      metrics,
    });
    const sim = journey.awaitingSignature(signer, {
      issueChallenge: () => signing.signatures.issueChallenge(),
      verifySignedChallenge: (input, context) => signing.signatures.verifySignedChallenge(input, context),
    });
    const startRegistration: SimSignatureServices['startRegistration'] = async (input, context) => {
      const entries = simEntriesOf(input);
      if (!entries.ok) return entries;
      return sim.start(entries.value, input, context);
    };
    const services: SimSignatureServices = {
      startRegistration,
      formStart: Object.assign(
        async (input: Record<string, string>, context: { requestId: string; clientIp: string }) => {
          const started = await startRegistration(
            {
              phoneNumber: input.phoneNumber ?? '',
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
            const entries = simEntriesOf({ phoneNumber: input.phoneNumber ?? '' });
            return entries.ok ? [] : (entries.failure.fieldErrors ?? []);
          },
        },
      ),
      async startSignIn(input, context) {
        const entries = simEntriesOf(input);
        if (!entries.ok) return entries;
        return sim.signIn.start(entries.value, context);
      },
      pollSignIn: (signInId, context) => sim.signIn.poll(signInId, context),
      sessions: signing.sessions,
      secureCookies: signing.secureCookies,
    };
    return {
      api: simSignatureApi(services),
      pages: (app, deps) => simSignaturePages(app, deps, services),
    };
  },
};
