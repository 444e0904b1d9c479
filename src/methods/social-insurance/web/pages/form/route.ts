/** The social-insurance form: the social-insurance number and the identity entries the record must hold. */
import type { FastifyInstance } from 'fastify';
import type { StartWithCode } from '../../../../../usecases/registration/index.ts';
import type { PageDeps } from '../../../../../web/pages/kit/deps.ts';
import { registrationFormRoutes } from '../../../../../web/pages/kit/registration-form.ts';
import type { SocialInsuranceInput } from '../../../usecases/social-insurance-method.ts';
import { KEPT, socialInsuranceFormSchema } from './schema.ts';
import { SocialInsuranceFormPage, socialInsuranceFormLabels } from './template.tsx';

export async function socialInsuranceFormPage(
  app: FastifyInstance,
  deps: PageDeps,
  start: StartWithCode<SocialInsuranceInput>,
) {
  registrationFormRoutes(app, deps, {
    method: 'social-insurance',
    schema: socialInsuranceFormSchema,
    kept: KEPT,
    labels: socialInsuranceFormLabels,
    render: SocialInsuranceFormPage,
    start,
  });
}
