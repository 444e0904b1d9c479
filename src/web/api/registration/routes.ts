/**
 * The registration journey over JSON that every method shares (api.md, methods.md): the list of methods,
 * the code, its resend, the password, and the status. Each method adds its own start route
 * (`start-route.ts`). Each handler only translates HTTP to a use case and back.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Sessions } from '../../../usecases/accounts/sessions.ts';
import type { RegistrationJourney } from '../../../usecases/registration/index.ts';
import { contextOf } from '../../request-context.ts';
import { switchSession } from '../../session-cookie.ts';
import { replyFailure } from '../failure-problem.ts';
import { DateTime, problems } from '../schemas.ts';
import type { MethodSummary } from './methods.ts';

const RegistrationParams = Type.Object({ registrationId: Type.String({ maxLength: 64 }) });

export async function registrationRoutes(
  scope: FastifyInstance,
  options: {
    registration: RegistrationJourney;
    methods: readonly MethodSummary[];
    sessions: Pick<Sessions, 'end'>;
    secureCookies: boolean;
  },
) {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { registration } = options;

  app.get(
    '/api/v1/registration-methods',
    {
      schema: {
        tags: ['registration'],
        summary: 'The registration methods, and whether each works without JavaScript',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              audience: Type.Array(Type.Union([Type.Literal('citizen'), Type.Literal('organisation')])),
              requiresJavaScript: Type.Boolean(),
              available: Type.Boolean(),
            }),
          ),
        },
      },
    },
    async () => [...options.methods],
  );

  app.post(
    '/api/v1/registrations/:registrationId/otp',
    {
      schema: {
        tags: ['registration'],
        summary: 'Submit the SMS code',
        params: RegistrationParams,
        body: Type.Object({ code: Type.String({ maxLength: 16 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ step: Type.Literal('password') }),
          ...problems(400, 404, 409, 422, 423),
        },
      },
    },
    async (request, reply) => {
      const verified = await registration.verifyCode(
        request.params.registrationId,
        request.body.code,
        contextOf(request),
      );
      if (!verified.ok) return replyFailure(request, reply, verified.failure);
      return { step: 'password' as const };
    },
  );

  app.post(
    '/api/v1/registrations/:registrationId/otp/resend',
    {
      schema: {
        tags: ['registration'],
        summary: 'Send a new SMS code',
        params: RegistrationParams,
        response: {
          200: Type.Object({ otpExpiresAt: DateTime, resendAvailableAt: DateTime }),
          ...problems(404, 409, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const resent = await registration.resendCode(request.params.registrationId, contextOf(request));
      if (!resent.ok) return replyFailure(request, reply, resent.failure);
      return {
        otpExpiresAt: resent.value.otpExpiresAt.toISOString(),
        resendAvailableAt: resent.value.resendAvailableAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/v1/registrations/:registrationId/password',
    {
      schema: {
        tags: ['registration'],
        summary: 'Set the password and create the account; signs in (sets the session cookie)',
        params: RegistrationParams,
        body: Type.Object(
          { password: Type.String({ maxLength: 1024 }), confirmPassword: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ accountId: Type.String(), username: Type.String() }),
          ...problems(400, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const done = await registration.setPassword(
        request.params.registrationId,
        request.body,
        contextOf(request),
      );
      if (!done.ok) return replyFailure(request, reply, done.failure);
      const { accountId, username, session } = done.value;
      if (session) await switchSession(request, reply, options.sessions, session, options.secureCookies);
      return reply.code(201).send({ accountId, username });
    },
  );

  app.get(
    '/api/v1/registrations/:registrationId',
    {
      schema: {
        tags: ['registration'],
        summary: 'Where a registration is',
        description:
          'Asynchronous signature methods (SIM, remote signature): polling this moves the registration on; while ' +
          '`awaiting-signature`, `expiresAt` is the end of the signature window and `displayCode` the code the ' +
          'phone shows; `completed` gives `accountId` and `username` (the poll that completed it also signs the ' +
          'citizen in: session cookie), `refused` gives `code`.',
        params: RegistrationParams,
        response: {
          200: Type.Object({
            registrationId: Type.String(),
            method: Type.String(),
            step: Type.Union([
              Type.Literal('otp'),
              Type.Literal('password'),
              Type.Literal('completed'),
              Type.Literal('awaiting-signature'),
              Type.Literal('refused'),
            ]),
            expiresAt: DateTime,
            displayCode: Type.Optional(Type.String()),
            accountId: Type.Optional(Type.String()),
            username: Type.Optional(Type.String()),
            code: Type.Optional(Type.String()),
          }),
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      const status = await registration.status(request.params.registrationId, contextOf(request));
      if (!status.ok) return replyFailure(request, reply, status.failure);
      const { registrationId, method, step, expiresAt } = status.value;
      const { displayCode, signatureExpiresAt, username, refusalCode, accountId, session } = status.value;
      if (session) await switchSession(request, reply, options.sessions, session, options.secureCookies);
      return {
        registrationId,
        method,
        step,
        expiresAt: (signatureExpiresAt ?? expiresAt).toISOString(),
        ...(displayCode !== undefined && { displayCode }),
        ...(username !== undefined && accountId && { accountId, username }),
        ...(refusalCode !== undefined && { code: refusalCode }),
      };
    },
  );
}
