/** Registration by mobile subscriber, as a plug-in: its method, its start route, its pages. */
import { sharedStepPages } from '../../web/pages/register/shared-steps.ts';
import type { RegistrationMethodPlugin } from '../plugin.ts';
import { createMobileMethod } from './usecases/mobile-method.ts';
import { mobileApi } from './web/api.ts';
import { BEFORE_YOU_START, beforeYouStartPage } from './web/pages/before-you-start/route.ts';
import { mobileFormPage } from './web/pages/form/route.ts';

export const mobileMethod: RegistrationMethodPlugin = {
  id: 'mobile',
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
};
