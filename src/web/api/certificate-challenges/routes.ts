/**
 * POST /api/v1/certificate-challenges: a nonce to sign with a certificate (docs/methods.md, "Digital
 * signatures: the common pipeline"), the same kind for registration and sign-in; single use, 5 minutes.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { SignatureUseCases } from '../../../usecases/signatures/index.ts';
import { replyFailure } from '../failure-problem.ts';
import { DateTime, problems } from '../schemas.ts';

export async function certificateChallengeRoutes(
  app: FastifyInstance,
  options: { signatures: Pick<SignatureUseCases, 'issueChallenge'> },
) {
  app.post(
    '/api/v1/certificate-challenges',
    {
      schema: {
        tags: ['registration'],
        summary: 'A challenge to sign with a certificate (single use, valid 5 minutes)',
        description:
          'Sign the decoded bytes of `nonce` (a detached CMS SignedData, carrying the certificate and its chain), ' +
          'then send it with `challengeId` to a registration or sign-in by certificate. Any request that reaches ' +
          'signature verification uses the challenge up, whatever the outcome.',
        response: {
          201: Type.Object({
            challengeId: Type.String(),
            nonce: Type.String({ description: 'Base64 of 32 random bytes' }),
            expiresAt: DateTime,
          }),
          ...problems(429),
        },
      },
    },
    async (request, reply) => {
      const issued = await options.signatures.issueChallenge({ clientIp: request.ip });
      if (!issued.ok) return replyFailure(request, reply, issued.failure);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        challengeId: issued.value.challengeId,
        nonce: issued.value.nonce,
        expiresAt: issued.value.expiresAt.toISOString(),
      });
    },
  );
}
