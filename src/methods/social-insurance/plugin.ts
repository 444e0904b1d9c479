/** Registration by social insurance, as a plug-in: its method, its start route, its form page. */
import { phoneFromARecord } from '../../web/pages/register/code/route.ts';
import { sharedStepPages } from '../../web/pages/register/shared-steps.ts';
import { registrationMethod } from '../plugin.ts';
import { createSocialInsuranceMethod } from './usecases/social-insurance-method.ts';
import { socialInsuranceApi } from './web/api.ts';
import { socialInsuranceFormPage } from './web/pages/form/route.ts';
import { socialInsuranceRefusalPages } from './web/pages/refused/refusal-pages.tsx';

export const socialInsuranceMethod = registrationMethod({
  id: 'social-insurance',
  chooser: (m) => ({ name: m.methods.insurance, hint: m.methods.insuranceHint }),
  refusals: { INSURANCE_RECORD_MISMATCH: 422, INSURANCE_NO_PHONE: 422, SOCIAL_INSURANCE_UNAVAILABLE: 503 },
  refusalPages: socialInsuranceRefusalPages,
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
});
