/** Registration by mobile subscriber, as a plug-in: its method, its start route, its pages. */
import { sharedStepPages } from '../../web/pages/register/shared-steps.ts';
import { registrationMethod } from '../plugin.ts';
import { createMobileMethod } from './usecases/mobile-method.ts';
import { mobileApi } from './web/api.ts';
import { BEFORE_YOU_START, beforeYouStartPage } from './web/pages/before-you-start/route.ts';
import { mobileFormPage } from './web/pages/form/route.ts';
import { mobileRefusalPages } from './web/pages/refused/refusal-pages.tsx';

export const mobileMethod = registrationMethod({
  id: 'mobile',
  chooser: (m) => ({ name: m.methods.mobile, hint: m.methods.mobileHint }),
  refusals: { SUBSCRIBER_NOT_OWNER: 422, SUBSCRIBER_NOT_FOUND: 422, CARRIER_UNAVAILABLE: 503 },
  refusalPages: mobileRefusalPages,
  audience: ['citizen'],
  requiresJavaScript: false,
  entryPath: BEFORE_YOU_START,
  build({ journey, metrics, partners }) {
    const start = journey.startWithCode(
      createMobileMethod({ carrier: partners.carrier, population: partners.population, metrics }),
    );
    return {
      api: mobileApi(start),
      async pages(app, deps) {
        await beforeYouStartPage(app, deps);
        await mobileFormPage(app, deps, start);
        await sharedStepPages(app, deps, 'mobile');
      },
    };
  },
});
