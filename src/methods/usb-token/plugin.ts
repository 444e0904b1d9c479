/**
 * Registration and sign-in with a certificate on a USB token, as a plug-in: the use cases over the signature
 * pipeline, the registries and the shared tail; the JSON API; the pages (register, sign in with a certificate,
 * add one to the account, refusals) and their client module, which reaches the local signing agent.
 */
import { CERTIFICATE_SIGN_IN } from '../../usecases/accounts/sessions.ts';
import { registrationMethod } from '../plugin.ts';
import { createAddCertificate } from './usecases/add-certificate.ts';
import type { VerifySignedChallenge } from './usecases/contracts.ts';
import { createRegisterWithCertificate, METHOD_ID } from './usecases/register-with-certificate.ts';
import { createSignInWithCertificate } from './usecases/sign-in-with-certificate.ts';
import { createSubjectOfSigner } from './usecases/subject-of-signer.ts';
import { usbTokenApi } from './web/api.ts';
import { serveClientModule } from './web/client/assets.ts';
import { certificateRoutes } from './web/pages/certificate-routes.ts';
import type { CertificatePageServices } from './web/pages/page-services.ts';
import { refusedPage } from './web/pages/refused.tsx';
import { REGISTER_PATH } from './web/pages/register-page.tsx';
import { registerRoutes } from './web/pages/register-routes.ts';

export const usbTokenMethod = registrationMethod({
  id: METHOD_ID,
  chooser: (m) => ({ name: m.methods.usbToken, hint: m.methods.usbTokenHint }),
  refusals: {},
  audience: ['citizen', 'organisation'],
  requiresJavaScript: true,
  entryPath: REGISTER_PATH,
  build({ journey, metrics, partners, signing }) {
    const verify: VerifySignedChallenge = (input) => signing.signatures.verifySignedChallenge(input);
    const subjectOf = createSubjectOfSigner({
      population: partners.population,
      verifyOrganisation: signing.verifyOrganisation,
      metrics,
    });
    const findAccountByCertificate = async (fingerprint: string) =>
      (await journey.findAccountByCredential('certificate', fingerprint)) ?? undefined;
    const openSession = async (accountId: string, context: { requestId: string; clientIp: string }) => {
      const opened = await journey.signInWithCredential(accountId, CERTIFICATE_SIGN_IN, context, METHOD_ID);
      return opened.ok ? { ok: true as const, value: opened.value.session } : opened;
    };
    const services: CertificatePageServices = {
      agentUrl: signing.signingAgentUrl,
      sessions: signing.sessions,
      register: createRegisterWithCertificate({
        verifyCaptcha: signing.verifyCaptcha,
        verify,
        subjectOf,
        registerVerified: journey.registerVerified,
        metrics,
      }),
      async openSession(accountId, context) {
        const opened = await openSession(accountId, context);
        return opened.ok ? opened.value : undefined;
      },
      signIn: createSignInWithCertificate({ verify, findAccountByCertificate, openSession, metrics }),
      addCertificate: createAddCertificate({
        verify,
        subjectOf,
        async accountOf(accountId) {
          const view = await signing.accountView(accountId);
          return view.ok ? { accountType: view.value.accountType, username: view.value.username } : undefined;
        },
        findAccountByCertificate,
        addCredential: signing.addCredential,
      }),
    };
    return {
      api: usbTokenApi(services, signing.secureCookies),
      async pages(app, deps) {
        serveClientModule(app);
        await registerRoutes(app, deps, services);
        await certificateRoutes(app, deps, services);
        await refusedPage(app, deps);
      },
    };
  },
});
