/** The mobile-subscriber form: identity entries and the phone number whose SIM the carrier checks. */
import type { FastifyInstance } from 'fastify';
import type { StartWithCode } from '../../../../../usecases/registration/index.ts';
import type { PageDeps } from '../../../../../web/pages/kit/deps.ts';
import { registrationFormRoutes } from '../../../../../web/pages/kit/registration-form.ts';
import type { MobileInput } from '../../../usecases/mobile-method.ts';
import { KEPT, mobileFormSchema } from './schema.ts';
import { MobileFormPage, mobileFormLabels } from './template.tsx';

export async function mobileFormPage(
  app: FastifyInstance,
  deps: PageDeps,
  start: StartWithCode<MobileInput>,
) {
  registrationFormRoutes(app, deps, {
    method: 'mobile',
    schema: mobileFormSchema,
    kept: KEPT,
    labels: mobileFormLabels,
    render: MobileFormPage,
    start,
  });
}
