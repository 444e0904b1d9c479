/** Choose a registration method. */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { sendPage } from '../../kit/reply.ts';
import { MethodsPage } from './template.tsx';

export async function methodsPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/register', async (request, reply) =>
    sendPage(reply, MethodsPage({ ctx: deps.context(request) })),
  );
}
