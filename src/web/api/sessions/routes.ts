/** Sign-in, sign-out, the account, and password change over JSON (api.md "Sessions and account"). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AccountsUseCases } from '../../../usecases/accounts/index.ts';
import { contextOf } from '../../request-context.ts';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../../session-cookie.ts';
import { replyFailure } from '../failure-problem.ts';
import { DateTime, problems } from '../schemas.ts';

export async function sessionRoutes(
  scope: FastifyInstance,
  options: { accounts: AccountsUseCases; secureCookies: boolean },
) {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, secureCookies } = options;

  async function signedIn(request: FastifyRequest, reply: FastifyReply) {
    const token = sessionTokenOf(request);
    const session = token ? await accounts.sessions.resume(token) : undefined;
    if (!session) {
      await replyFailure(request, reply, { code: 'UNAUTHENTICATED' });
      return undefined;
    }
    return session;
  }

  app.post(
    '/api/v1/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Sign in with the ID number (username) and password; sets the session cookie',
        body: Type.Object(
          { username: Type.String({ maxLength: 32 }), password: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ accountId: Type.String() }), ...problems(400, 401, 422, 429) },
      },
    },
    async (request, reply) => {
      const signedIn = await accounts.signIn(request.body, contextOf(request));
      if (!signedIn.ok) return replyFailure(request, reply, signedIn.failure);
      const previous = sessionTokenOf(request);
      if (previous) await accounts.sessions.end(previous);
      setSessionCookie(reply, signedIn.value.session, secureCookies);
      return reply.code(201).send({ accountId: signedIn.value.session.accountId });
    },
  );

  app.delete(
    '/api/v1/sessions/current',
    { schema: { tags: ['sessions'], summary: 'Sign out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = sessionTokenOf(request);
      if (token) await accounts.sessions.end(token);
      clearSessionCookie(reply, secureCookies);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['sessions'],
        summary: 'The signed-in account',
        response: {
          200: Type.Object({
            accountId: Type.String(),
            username: Type.String(),
            accountType: Type.Union([Type.Literal('citizen'), Type.Literal('organisation')]),
            displayName: Type.String(),
            fullName: Type.Optional(Type.String()),
            maskedPhone: Type.Optional(Type.String()),
            email: Type.Optional(
              Type.String({ description: 'The email the account keeps, e.g. one declared at registration' }),
            ),
            emailVerified: Type.Optional(
              Type.Boolean({ description: 'With `email`: false for one only declared, never proved' }),
            ),
            registrationMethod: Type.String({ description: 'The method id, e.g. `mobile`' }),
            createdAt: DateTime,
          }),
          ...problems(401),
        },
      },
    },
    async (request, reply) => {
      const session = await signedIn(request, reply);
      if (!session) return reply;
      const view = await accounts.account.view(session.accountId);
      if (!view.ok) return replyFailure(request, reply, view.failure);
      reply.header('cache-control', 'no-store');
      const { maskedPhone, email, ...account } = view.value;
      return {
        ...account,
        ...(maskedPhone && { maskedPhone }),
        ...(email && { email: email.address, emailVerified: email.verified }),
        createdAt: account.createdAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Change the password (current password required); ends every other session',
        body: Type.Object(
          {
            currentPassword: Type.String({ maxLength: 1024 }),
            newPassword: Type.String({ maxLength: 1024 }),
            confirmPassword: Type.String({ maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems(400, 401, 422) },
      },
    },
    async (request, reply) => {
      const session = await signedIn(request, reply);
      if (!session) return reply;
      const changed = await accounts.account.changePassword(
        session.accountId,
        request.body,
        contextOf(request),
      );
      if (!changed.ok) return replyFailure(request, reply, changed.failure);
      await accounts.sessions.end(session.token);
      setSessionCookie(reply, changed.value.session, secureCookies);
      return reply.code(204).send(null);
    },
  );
  const CredentialType = Type.Union([
    Type.Literal('password'),
    Type.Literal('certificate'),
    Type.Literal('federated'),
  ]);

  app.get(
    '/api/v1/me/credentials',
    {
      schema: {
        tags: ['sessions'],
        summary: "The account's sign-in methods (password, certificates, federated links); never a secret",
        response: {
          200: Type.Array(
            Type.Object({
              type: CredentialType,
              identifier: Type.String({
                description: 'Certificate: SHA-256 fingerprint; federated: `<provider>:<subject>`',
              }),
              subject: Type.Optional(Type.String()),
              issuer: Type.Optional(Type.String()),
              notAfter: Type.Optional(DateTime),
              provider: Type.Optional(Type.String()),
              addedAt: DateTime,
            }),
          ),
          ...problems(401),
        },
      },
    },
    async (request, reply) => {
      const session = await signedIn(request, reply);
      if (!session) return reply;
      reply.header('cache-control', 'no-store');
      const listed = await accounts.credentials.list(session.accountId);
      return listed.map((credential) => ({
        type: credential.type,
        identifier: credential.identifier,
        ...(credential.type === 'certificate' && {
          ...(credential.subject && { subject: credential.subject }),
          ...(credential.issuer && { issuer: credential.issuer }),
          ...(credential.notAfter && { notAfter: credential.notAfter.toISOString() }),
        }),
        ...(credential.type === 'federated' && { provider: credential.provider }),
        addedAt: credential.addedAt.toISOString(),
      }));
    },
  );

  app.delete(
    '/api/v1/me/credentials/:type/:identifier',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Remove a sign-in method; never the last one (409 LAST_CREDENTIAL)',
        params: Type.Object({ type: CredentialType, identifier: Type.String({ maxLength: 512 }) }),
        response: { 204: Type.Null(), ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const session = await signedIn(request, reply);
      if (!session) return reply;
      const { type, identifier } = request.params;
      const removed = await accounts.credentials.remove(
        session.accountId,
        type,
        identifier,
        contextOf(request),
      );
      if (!removed.ok) return replyFailure(request, reply, removed.failure);
      return reply.code(204).send(null);
    },
  );
}
