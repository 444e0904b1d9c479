/**
 * Password recovery over JSON: start (ID number + captcha; the same answer whether or not an account
 * exists), the SMS code, resend, and the new password.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AccountsUseCases } from '../../../usecases/accounts/index.ts';
import { contextOf } from '../../request-context.ts';
import { replyFailure } from '../failure-problem.ts';
import { DateTime, problems } from '../schemas.ts';

const Params = Type.Object({ recoveryId: Type.String({ maxLength: 64 }) });
const CodeTimes = Type.Object({ otpExpiresAt: DateTime, resendAvailableAt: DateTime });

export async function recoveryRoutes(scope: FastifyInstance, options: { accounts: AccountsUseCases }) {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { recovery } = options.accounts;

  app.post(
    '/api/v1/password-recoveries',
    {
      schema: {
        tags: ['sessions'],
        summary:
          "Start recovery: a code goes by SMS to the account's phone (the answer never says whether an account exists)",
        body: Type.Object(
          {
            idNumber: Type.String({ maxLength: 32 }),
            captchaId: Type.String({ maxLength: 64 }),
            captchaAnswer: Type.String({ maxLength: 32 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            recoveryId: Type.String(),
            step: Type.Literal('otp'),
            otpExpiresAt: DateTime,
            resendAvailableAt: DateTime,
          }),
          ...problems(400, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const started = await recovery.start(request.body, contextOf(request));
      if (!started.ok) return replyFailure(request, reply, started.failure);
      return reply.code(201).send({
        recoveryId: started.value.recoveryId,
        step: 'otp' as const,
        otpExpiresAt: started.value.otpExpiresAt.toISOString(),
        resendAvailableAt: started.value.resendAvailableAt.toISOString(),
      });
    },
  );

  app.post(
    '/api/v1/password-recoveries/:recoveryId/otp',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Submit the recovery code',
        params: Params,
        body: Type.Object({ code: Type.String({ maxLength: 16 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ step: Type.Literal('password') }),
          ...problems(400, 404, 409, 422, 423),
        },
      },
    },
    async (request, reply) => {
      const verified = await recovery.verifyCode(request.params.recoveryId, request.body.code);
      if (!verified.ok) return replyFailure(request, reply, verified.failure);
      return verified.value;
    },
  );

  app.post(
    '/api/v1/password-recoveries/:recoveryId/otp/resend',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Send a new recovery code',
        params: Params,
        response: { 200: CodeTimes, ...problems(404, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      const resent = await recovery.resendCode(request.params.recoveryId);
      if (!resent.ok) return replyFailure(request, reply, resent.failure);
      return {
        otpExpiresAt: resent.value.otpExpiresAt.toISOString(),
        resendAvailableAt: resent.value.resendAvailableAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/v1/password-recoveries/:recoveryId/password',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Set the new password; every session of the account ends',
        params: Params,
        body: Type.Object(
          { password: Type.String({ maxLength: 1024 }), confirmPassword: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const done = await recovery.setPassword(request.params.recoveryId, request.body, contextOf(request));
      if (!done.ok) return replyFailure(request, reply, done.failure);
      return reply.code(204).send(null);
    },
  );
}
