/** `POST /api/v1/registrations/mobile` (api.md): the citizen's entries and the phone number to check. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { StartedRegistration } from '../../../usecases/registration/index.ts';
import { CitizenStartFields, codeMethodStartRoute } from '../../../web/api/registration/start-route.ts';
import type { MobileInput } from '../usecases/mobile-method.ts';

const MobileStartBody = Type.Object(
  {
    ...CitizenStartFields,
    phoneNumber: Type.String({ maxLength: 32, description: 'Vietnamese mobile number in any common form' }),
  },
  { additionalProperties: false },
);

export function mobileApi(
  start: (input: MobileInput, context: RequestContext) => Promise<Outcome<StartedRegistration>>,
) {
  return async (app: FastifyInstance) =>
    codeMethodStartRoute(app, {
      method: 'mobile',
      summary: 'Start a registration by mobile subscriber: owner check, then an SMS code',
      body: MobileStartBody,
      start,
    });
}
