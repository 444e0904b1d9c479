/**
 * The remote-signature JSON API (docs/methods.md, "Remote (personal) signature"): the registration's start answers
 * 202 with the code the provider's app shows and the signature window; the registration is then polled at the
 * shared `GET /api/v1/registrations/{id}`. Sign-in the same way: `POST /api/v1/sessions/remote-signature` (202),
 * then `GET /api/v1/sessions/remote-signature/{signInId}` until `completed` (that poll sets the session cookie:
 * amr swk, LoA2) or `refused` (`code`).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { replyFailure } from '../../../web/api/failure-problem.ts';
import { DateTime, problems } from '../../../web/api/schemas.ts';
import { contextOf } from '../../../web/request-context.ts';
import { switchSession } from '../../../web/session-cookie.ts';
import type { RemoteSignatureServices } from './services.ts';

const IdNumber = Type.String({
  maxLength: 32,
  description: 'The 12-digit personal ID number (or 9-digit CMND) the certificate names',
});
const Provider = Type.String({ maxLength: 32, description: 'The remote-signing service: smartca | mysign' });

const SignInState = Type.Object({
  signInId: Type.String(),
  step: Type.Union([Type.Literal('awaiting-signature'), Type.Literal('completed'), Type.Literal('refused')]),
  expiresAt: DateTime,
  displayCode: Type.Optional(Type.String({ description: 'The code the app shows, while awaiting' })),
  code: Type.Optional(Type.String({ description: 'Why a refused sign-in ended' })),
  accountId: Type.Optional(
    Type.String({ description: 'The account signed in, on the poll that completed it' }),
  ),
});

export function remoteSignatureApi(services: RemoteSignatureServices) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/v1/registrations/remote-signature',
      {
        schema: {
          tags: ['registration'],
          summary:
            "Register with a remote signature: the provider's app asks the citizen to approve (asynchronous); poll GET /api/v1/registrations/{id}",
          body: Type.Object(
            {
              idNumber: IdNumber,
              provider: Provider,
              captchaId: Type.String({ maxLength: 64 }),
              captchaAnswer: Type.String({ maxLength: 32 }),
              consent: Type.Literal(true, {
                description: "The citizen's explicit agreement to the processing of their personal data",
              }),
            },
            { additionalProperties: false },
          ),
          response: {
            202: Type.Object({
              registrationId: Type.String(),
              step: Type.Literal('awaiting-signature'),
              displayCode: Type.String({ description: "The code the provider's app shows with the request" }),
              expiresAt: Type.String({ format: 'date-time', description: 'The end of the signature window' }),
            }),
            ...problems(400, 413, 415, 422, 429, 503),
          },
        },
      },
      async (request, reply) => {
        const { consent: _consent, ...input } = request.body;
        const started = await services.startRegistration(input, contextOf(request));
        if (!started.ok) return replyFailure(request, reply, started.failure);
        return reply.code(202).send({
          registrationId: started.value.registrationId,
          step: 'awaiting-signature' as const,
          displayCode: started.value.displayCode,
          expiresAt: started.value.expiresAt.toISOString(),
        });
      },
    );

    app.post(
      '/api/v1/sessions/remote-signature',
      {
        schema: {
          tags: ['sessions'],
          summary:
            "Sign in with a remote signature: the provider's app asks the citizen to approve (asynchronous); poll GET /api/v1/sessions/remote-signature/{signInId}",
          body: Type.Object({ idNumber: IdNumber, provider: Provider }, { additionalProperties: false }),
          response: { 202: SignInState, ...problems(400, 413, 415, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        const started = await services.startSignIn(request.body, contextOf(request));
        if (!started.ok) return replyFailure(request, reply, started.failure);
        return reply.code(202).send(stateOf(started.value));
      },
    );

    app.get(
      '/api/v1/sessions/remote-signature/:signInId',
      {
        schema: {
          tags: ['sessions'],
          summary:
            'Where a sign-in by remote signature is; the poll that completes it sets the session cookie',
          params: Type.Object({ signInId: Type.String({ maxLength: 64 }) }),
          response: { 200: SignInState, ...problems(422) },
        },
      },
      async (request, reply) => {
        const polled = await services.pollSignIn(request.params.signInId, contextOf(request));
        if (!polled.ok) return replyFailure(request, reply, polled.failure);
        const { session } = polled.value;
        if (session) await switchSession(request, reply, services.sessions, session, services.secureCookies);
        return { ...stateOf(polled.value), ...(session && { accountId: session.accountId }) };
      },
    );
  };
}

function stateOf(state: {
  signInId: string;
  step: 'awaiting-signature' | 'completed' | 'refused';
  expiresAt: Date;
  displayCode?: string;
  code?: string;
}) {
  return {
    signInId: state.signInId,
    step: state.step,
    expiresAt: state.expiresAt.toISOString(),
    ...(state.displayCode !== undefined && { displayCode: state.displayCode }),
    ...(state.code !== undefined && { code: state.code }),
  };
}
