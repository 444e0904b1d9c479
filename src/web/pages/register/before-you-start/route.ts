/** Before you start (the seed's step 1): check the SIM's owner data with TTTB to 1414. */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { sendPage } from '../../kit/reply.ts';
import { BeforeYouStartPage } from './template.tsx';

export async function beforeYouStartPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/register/mobile/before-you-start', async (request, reply) =>
    sendPage(reply, BeforeYouStartPage({ ctx: deps.context(request) })),
  );
}
