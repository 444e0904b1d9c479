/** `POST /api/v1/registrations/social-insurance` (methods.md): the citizen's entries and the social-insurance number. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { StartedRegistration } from '../../../usecases/registration/index.ts';
import { CitizenStartFields, codeMethodStartRoute } from '../../../web/api/registration/start-route.ts';
import type { SocialInsuranceInput } from '../usecases/social-insurance-method.ts';

const SocialInsuranceStartBody = Type.Object(
  {
    socialInsuranceNumber: Type.String({ maxLength: 32, description: 'Mã số BHXH: 10 digits' }),
    ...CitizenStartFields,
  },
  { additionalProperties: false },
);

export function socialInsuranceApi(
  start: (input: SocialInsuranceInput, context: RequestContext) => Promise<Outcome<StartedRegistration>>,
) {
  return async (app: FastifyInstance) =>
    codeMethodStartRoute(app, {
      method: 'social-insurance',
      summary:
        "Start a registration by social insurance: record match, then an SMS code to the record's phone",
      body: SocialInsuranceStartBody,
      start,
    });
}
