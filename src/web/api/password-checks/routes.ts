/**
 * POST /api/v1/password-checks: which rules of the password policy a password fails, for the journey it is
 * meant for (a registration or recovery at its password step, or the signed-in account), so the password
 * pages can show the server-only rules (common passwords, personal data) while the citizen types. The
 * password is in the body only: never in a URL, and the body is never logged.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PASSWORD_RULES, type PasswordRule } from '../../../domain/password.ts';
import type { Sessions } from '../../../usecases/accounts/sessions.ts';
import type { CheckPasswordOf, PasswordJourney } from '../../../usecases/password-checks/password-checks.ts';
import { apiMessages } from '../../i18n/api-messages.ts';
import { contextOf } from '../../request-context.ts';
import { sessionTokenOf } from '../../session-cookie.ts';
import { replyFailure } from '../failure-problem.ts';
import { problems } from '../schemas.ts';

const Password = Type.String({ maxLength: 1024, description: 'The password being typed' });
const Id = Type.String({ maxLength: 64 });

const Body = Type.Union([
  Type.Object({ password: Password, registrationId: Id }, { additionalProperties: false }),
  Type.Object({ password: Password, recoveryId: Id }, { additionalProperties: false }),
  Type.Object(
    { password: Password },
    { additionalProperties: false, description: "Without an id: the signed-in account's (session cookie)" },
  ),
]);

const Rule = Type.Unsafe<PasswordRule>(Type.String({ enum: [...PASSWORD_RULES] }));

const Answer = Type.Object({
  ok: Type.Boolean({ description: 'true when the password meets every rule' }),
  failures: Type.Array(Type.Object({ code: Rule, message: Type.String() }), {
    description: 'Each rule the password fails, with its localised message',
  }),
  commonPassword: Type.Optional(
    Type.String({ description: 'For TOO_COMMON: the common password it reduces to' }),
  ),
});

export async function passwordCheckRoutes(
  scope: FastifyInstance,
  options: { checkPasswordOf: CheckPasswordOf; sessions: Pick<Sessions, 'resume'> },
) {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  /** The journey named in the body, or the session's account; undefined when signed out. */
  async function journeyOf(
    request: FastifyRequest,
    body: { password: string } & ({ registrationId: string } | { recoveryId: string } | object),
  ): Promise<PasswordJourney | undefined> {
    if ('registrationId' in body) return { kind: 'registration', registrationId: body.registrationId };
    if ('recoveryId' in body) return { kind: 'recovery', recoveryId: body.recoveryId };
    const token = sessionTokenOf(request);
    const session = token ? await options.sessions.resume(token) : undefined;
    return session && { kind: 'account', accountId: session.accountId };
  }

  app.post(
    '/api/v1/password-checks',
    {
      schema: {
        tags: ['registration'],
        summary:
          'Which password rules a password fails, for a journey at its password step (nothing is saved)',
        body: Body,
        response: { 200: Answer, ...problems(400, 401, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const journey = await journeyOf(request, request.body);
      if (!journey) return replyFailure(request, reply, { code: 'UNAUTHENTICATED' });
      const checked = await options.checkPasswordOf(journey, request.body.password, contextOf(request));
      if (!checked.ok) return replyFailure(request, reply, checked.failure);
      const fields = apiMessages[request.language].fields;
      const { failures, commonBase } = checked.value;
      return {
        ok: checked.value.ok,
        failures: failures.map((code) => ({ code, message: fields[code] })),
        ...(commonBase !== undefined && { commonPassword: commonBase }),
      };
    },
  );
}
