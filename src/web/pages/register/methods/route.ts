/** Choose a registration method. */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { sendPage } from '../../kit/reply.ts';
import { METHODS_PATH } from '../paths.ts';
import { MethodsPage } from './template.tsx';

export async function methodsPage(app: FastifyInstance, deps: PageDeps) {
  app.get(METHODS_PATH, async (request, reply) =>
    sendPage(reply, MethodsPage({ ctx: deps.context(request), methods: deps.methods })),
  );
}
