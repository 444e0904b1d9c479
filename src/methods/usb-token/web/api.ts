/**
 * The certificate method's JSON API (methods.md, "USB token"): registration with a signed challenge, sign-in
 * with one, and adding a certificate to the signed-in account. Challenges come from
 * `POST /api/v1/certificate-challenges` (the signature pipeline's route).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { replyFailure } from '../../../web/api/failure-problem.ts';
import { DateTime, problems } from '../../../web/api/schemas.ts';
import { contextOf } from '../../../web/request-context.ts';
import { sessionTokenOf, setSessionCookie } from '../../../web/session-cookie.ts';
import type { CertificatePageServices } from './pages/page-services.ts';

const SignedChallenge = {
  challengeId: Type.String({ maxLength: 128, description: 'From POST /api/v1/certificate-challenges' }),
  signedData: Type.String({
    maxLength: 12_000,
    description: "Base64 of a DER CMS SignedData, detached, over the challenge nonce's decoded bytes",
  }),
};

const Account = Type.Object({
  accountId: Type.String(),
  username: Type.String({ description: 'The ID number (citizen) or the tax code (organisation)' }),
  accountType: Type.Union([Type.Literal('citizen'), Type.Literal('organisation')]),
  displayName: Type.String(),
});

const AddedCertificate = Type.Object({
  fingerprint: Type.String({ description: "SHA-256 of the certificate's DER, hex" }),
  subject: Type.String(),
  issuer: Type.String(),
  notAfter: DateTime,
  added: Type.Boolean({ description: 'False (200) when the account already held it' }),
});

export function usbTokenApi(services: CertificatePageServices, secureCookies: boolean) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/v1/registrations/certificate',
      {
        schema: {
          tags: ['registration'],
          summary:
            'Register with a certificate (USB token): a signed challenge; citizens by the population registry, organisations by the business registry. Signs the holder in.',
          body: Type.Object(
            {
              ...SignedChallenge,
              email: Type.Optional(Type.String({ maxLength: 254 })),
              captchaId: Type.String({ maxLength: 64 }),
              captchaAnswer: Type.String({ maxLength: 32 }),
              consent: Type.Literal(true, {
                description: "The holder's explicit agreement to the processing of the certificate's data",
              }),
            },
            { additionalProperties: false },
          ),
          response: { 201: Account, ...problems(400, 401, 409, 413, 415, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        const context = contextOf(request);
        const registered = await services.register(request.body, context);
        if (!registered.ok) return replyFailure(request, reply, registered.failure);
        const session = await services.openSession(registered.value.accountId, context);
        if (session) setSessionCookie(reply, session, secureCookies);
        const { accountId, username, accountType, displayName } = registered.value;
        return reply.code(201).send({ accountId, username, accountType, displayName });
      },
    );

    app.post(
      '/api/v1/sessions/certificate',
      {
        schema: {
          tags: ['sessions'],
          summary:
            'Sign in with a certificate: a signed challenge; sets the session cookie (amr hwk, acr LoA2)',
          body: Type.Object(SignedChallenge, { additionalProperties: false }),
          response: { 201: Type.Object({ accountId: Type.String() }), ...problems(400, 401, 422, 503) },
        },
      },
      async (request, reply) => {
        const signedIn = await services.signIn(request.body, contextOf(request));
        if (!signedIn.ok) return replyFailure(request, reply, signedIn.failure);
        const previous = sessionTokenOf(request);
        if (previous) await services.sessions.end(previous);
        setSessionCookie(reply, signedIn.value, secureCookies);
        return reply.code(201).send({ accountId: signedIn.value.accountId });
      },
    );

    app.post(
      '/api/v1/me/certificates',
      {
        schema: {
          tags: ['sessions'],
          summary:
            "Add a certificate to the signed-in account: a signed challenge by a certificate naming the account's holder",
          body: Type.Object(SignedChallenge, { additionalProperties: false }),
          response: {
            201: AddedCertificate,
            200: AddedCertificate,
            ...problems(400, 401, 409, 422, 503),
          },
        },
      },
      async (request, reply) => {
        const token = sessionTokenOf(request);
        const session = token ? await services.sessions.resume(token) : undefined;
        if (!session) return replyFailure(request, reply, { code: 'UNAUTHENTICATED' });
        const added = await services.addCertificate(session.accountId, request.body, contextOf(request));
        if (!added.ok) return replyFailure(request, reply, added.failure);
        const { certificate } = added.value;
        return reply.code(added.value.added ? 201 : 200).send({
          fingerprint: certificate.fingerprint,
          subject: certificate.subject,
          issuer: certificate.issuer,
          notAfter: certificate.notAfter.toISOString(),
          added: added.value.added,
        });
      },
    );
  };
}
