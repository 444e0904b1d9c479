/**
 * Registration and sign-in by SIM signature (docs/methods.md, "SIM signature"), as a plug-in: the SIM signer over
 * the mobile-signature service on the shared asynchronous machinery (journey.awaitingSignature: the start, the
 * polls that the shared registration status drives, the pipeline, the account), its JSON API and its pages.
 */
import { awaitingSignatureServices } from '../awaiting-signature-services.ts';
import { registrationMethod } from '../plugin.ts';
import { createSimSigner, METHOD_ID, simEntriesOf } from './usecases/sim-signer.ts';
import { simSignatureApi } from './web/api.ts';
import { REGISTER } from './web/pages/paths.ts';
import { simSignaturePages } from './web/pages/routes.ts';
import type { SimSignatureServices } from './web/services.ts';

export const simSignatureMethod = registrationMethod({
  id: METHOD_ID,
  chooser: (m) => ({ name: m.methods.simSignature, hint: m.methods.simSignatureHint }),
  refusals: { SIM_PIN_BLOCKED: 423, MOBILE_SIGNATURE_NOT_ENABLED: 422, MOBILE_SIGNATURE_UNAVAILABLE: 503 },
  audience: ['citizen'],
  requiresJavaScript: false,
  entryPath: REGISTER.form,
  build({ journey, metrics, partners, signing }) {
    const signer = createSimSigner({
      mobileSignature: partners.mobileSignature,
      population: partners.population,
      metrics,
    });
    const services: SimSignatureServices = awaitingSignatureServices({ journey, signing }, signer, {
      entriesOf: simEntriesOf,
      fields: ['phoneNumber'],
    });
    return {
      api: simSignatureApi(services),
      pages: (app, deps) => simSignaturePages(app, deps, services),
    };
  },
});
