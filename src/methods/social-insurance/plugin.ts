/** Registration by social insurance, as a plug-in: its method, its start route, its form page. */
import { phoneFromARecord } from '../../web/pages/register/code/route.ts';
import { sharedStepPages } from '../../web/pages/register/shared-steps.ts';
import type { RegistrationMethodPlugin } from '../plugin.ts';
import { createSocialInsuranceMethod } from './usecases/social-insurance-method.ts';
import { socialInsuranceApi } from './web/api.ts';
import { socialInsuranceFormPage } from './web/pages/form/route.ts';

export const socialInsuranceMethod: RegistrationMethodPlugin = {
  id: 'social-insurance',
  audience: ['citizen'],
  requiresJavaScript: false,
  entryPath: '/register/social-insurance',
  build({ journey, metrics, partners }) {
    const start = journey.startWithCode(
      createSocialInsuranceMethod({ registry: partners.socialInsurance, metrics }),
    );
    return {
      api: socialInsuranceApi(start),
      async pages(app, deps) {
        await socialInsuranceFormPage(app, deps, start);
        await sharedStepPages(app, deps, 'social-insurance', {
          wrongPhone: phoneFromARecord((m) => m.socialInsuranceForm.wrongPhone),
        });
      },
    };
  },
};
