/**
 * The JSON API of a registration method whose signature is made elsewhere and awaited (SIM signature, remote
 * signature): `POST /api/v1/registrations/{method}` answers 202 with the code the citizen's device shows and the
 * signature window (the registration is then polled at the shared `GET /api/v1/registrations/{id}`);
 * `POST /api/v1/sessions/{method}` (202) then `GET /api/v1/sessions/{method}/{signInId}` until `completed` (that
 * poll sets the session cookie) or `refused` (`code`). The method gives its entries, its words and its use cases.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import type { Sessions } from '../../../usecases/accounts/sessions.ts';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { AwaitingStart, SignInStatus } from '../../../usecases/registration/index.ts';
import { contextOf } from '../../request-context.ts';
import { switchSession } from '../../session-cookie.ts';
import { replyFailure } from '../failure-problem.ts';
import { DateTime, problems } from '../schemas.ts';

export function awaitingSignatureApi<Entries extends Record<string, TSchema>>(options: {
  method: string;
  /** The method's own entries, in both the registration's start and the sign-in. */
  entries: Entries;
  summaries: { register: string; signIn: string; signInStatus: string };
  /** Who shows the display code, for the schema's descriptions ("the SIM", "the provider's app"). */
  displayCodeShownBy: { start: string; signIn: string };
  startRegistration(
    input: Static<ReturnType<typeof Type.Object<Entries>>> & { captchaId: string; captchaAnswer: string },
    context: RequestContext,
  ): Promise<Outcome<AwaitingStart>>;
  startSignIn(
    input: Static<ReturnType<typeof Type.Object<Entries>>>,
    context: RequestContext,
  ): Promise<Outcome<SignInStatus>>;
  pollSignIn(signInId: string, context: RequestContext): Promise<Outcome<SignInStatus>>;
  sessions: Pick<Sessions, 'end'>;
  secureCookies: boolean;
}) {
  const { method } = options;
  const SignInState = Type.Object({
    signInId: Type.String(),
    step: Type.Union([
      Type.Literal('awaiting-signature'),
      Type.Literal('completed'),
      Type.Literal('refused'),
    ]),
    expiresAt: DateTime,
    displayCode: Type.Optional(
      Type.String({ description: `The code ${options.displayCodeShownBy.signIn} shows, while awaiting` }),
    ),
    code: Type.Optional(Type.String({ description: 'Why a refused sign-in ended' })),
    accountId: Type.Optional(
      Type.String({ description: 'The account signed in, on the poll that completed it' }),
    ),
  });

  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `/api/v1/registrations/${method}`,
      {
        schema: {
          tags: ['registration'],
          summary: options.summaries.register,
          body: Type.Object(
            {
              ...options.entries,
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
              displayCode: Type.String({
                description: `The code ${options.displayCodeShownBy.start} shows with the request`,
              }),
              expiresAt: Type.String({ format: 'date-time', description: 'The end of the signature window' }),
            }),
            ...problems(400, 413, 415, 422, 429, 503),
          },
        },
      },
      async (request, reply) => {
        const { consent: _consent, ...input } = request.body as Record<string, unknown>;
        const started = await options.startRegistration(
          input as Parameters<typeof options.startRegistration>[0],
          contextOf(request),
        );
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
      `/api/v1/sessions/${method}`,
      {
        schema: {
          tags: ['sessions'],
          summary: options.summaries.signIn,
          body: Type.Object(options.entries, { additionalProperties: false }),
          response: { 202: SignInState, ...problems(400, 413, 415, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        const started = await options.startSignIn(
          request.body as Parameters<typeof options.startSignIn>[0],
          contextOf(request),
        );
        if (!started.ok) return replyFailure(request, reply, started.failure);
        return reply.code(202).send(stateOf(started.value));
      },
    );

    app.get(
      `/api/v1/sessions/${method}/:signInId`,
      {
        schema: {
          tags: ['sessions'],
          summary: options.summaries.signInStatus,
          params: Type.Object({ signInId: Type.String({ maxLength: 64 }) }),
          response: { 200: SignInState, ...problems(422) },
        },
      },
      async (request, reply) => {
        const polled = await options.pollSignIn(request.params.signInId, contextOf(request));
        if (!polled.ok) return replyFailure(request, reply, polled.failure);
        const { session } = polled.value;
        if (session) await switchSession(request, reply, options.sessions, session, options.secureCookies);
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
