/** OpenAPI 3.1 document generated from the route schemas (never written by hand), served at GET /api/docs. */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function docs(app: FastifyInstance, options: { portalName: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `${options.portalName} citizen registration API`,
        version: '1.0.0',
        description:
          'Registration by mobile subscriber, sign-in and account. Errors are application/problem+json (RFC 9457); ' +
          'messages follow Accept-Language (vi default, en).',
      },
      tags: [
        { name: 'operations', description: 'Health, readiness, metrics' },
        { name: 'captcha', description: 'Image challenges that guard registration' },
        { name: 'registration', description: 'Registration by mobile subscriber' },
        { name: 'sessions', description: 'Sign-in, sign-out and the account' },
      ],
    },
  });
  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
}

export const docsPlugin = fp(docs, { name: 'docs' });
