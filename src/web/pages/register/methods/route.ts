/** Choose a registration method. */
import type { FastifyInstance } from 'fastify';
import { interactionAlias } from '../../interaction/route.ts';
import type { PageDeps } from '../../kit/deps.ts';
import { returningPortal } from '../../kit/portal-return.ts';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { METHODS_PATH } from '../paths.ts';
import { MethodsPage } from './template.tsx';

export async function methodsPage(app: FastifyInstance, deps: PageDeps) {
  app.get(METHODS_PATH, async (request, reply) => {
    const forPortal = interactionAlias(request, 'register');
    if (forPortal) return seeOther(reply, forPortal);
    const ctx = deps.context(request);
    const portal = await returningPortal(deps, request, ctx);
    return sendPage(reply, MethodsPage({ ctx, methods: deps.methods, forPortal: portal?.lead }));
  });
}
