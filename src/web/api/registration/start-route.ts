/**
 * The start route of a registration method that ends in an SMS code: `POST /api/v1/registrations/{method}`
 * with the method's own body (the consent is required by the schema and not passed on), answered 201 with
 * the first code's times, or a problem.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, type TObject, Type } from 'typebox';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { StartedRegistration } from '../../../usecases/registration/index.ts';
import { contextOf } from '../../request-context.ts';
import { replyFailure } from '../failure-problem.ts';
import { DateTime, problems } from '../schemas.ts';

/** Fields every citizen method's start asks for, besides its own. */
export const CitizenStartFields = {
  idNumber: Type.String({ maxLength: 32, description: '12-digit CCCD or 9-digit CMND' }),
  fullName: Type.String({ maxLength: 200 }),
  birthDate: Type.String({ maxLength: 32, description: 'YYYY-MM-DD (DD/MM/YYYY also accepted)' }),
  captchaId: Type.String({ maxLength: 64 }),
  captchaAnswer: Type.String({ maxLength: 32 }),
  consent: Type.Literal(true, {
    description: "The citizen's explicit agreement to the processing of their personal data",
  }),
};

export function codeMethodStartRoute<Body extends TObject>(
  scope: FastifyInstance,
  options: {
    method: string;
    summary: string;
    body: Body;
    start(
      input: Omit<Static<Body>, 'consent'>,
      context: RequestContext,
    ): Promise<Outcome<StartedRegistration>>;
  },
) {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    `/api/v1/registrations/${options.method}`,
    {
      schema: {
        tags: ['registration'],
        summary: options.summary,
        body: options.body,
        response: {
          201: Type.Object({
            registrationId: Type.String(),
            step: Type.Literal('otp'),
            maskedPhone: Type.String(),
            otpExpiresAt: DateTime,
            resendAvailableAt: DateTime,
          }),
          ...problems(400, 409, 413, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { consent: _consent, ...input } = request.body as Static<Body>;
      const started = await options.start(input, contextOf(request));
      if (!started.ok) return replyFailure(request, reply, started.failure);
      return reply.code(201).send({
        registrationId: started.value.registrationId,
        step: 'otp' as const,
        maskedPhone: started.value.maskedPhone,
        otpExpiresAt: started.value.otpExpiresAt.toISOString(),
        resendAvailableAt: started.value.resendAvailableAt.toISOString(),
      });
    },
  );
}
