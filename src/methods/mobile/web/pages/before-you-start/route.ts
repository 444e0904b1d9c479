/** Before you start (the seed's step 1): check the SIM's owner data with TTTB to 1414. */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../../../../web/pages/kit/deps.ts';
import { sendPage } from '../../../../../web/pages/kit/reply.ts';
import { BeforeYouStartPage } from './template.tsx';

export const BEFORE_YOU_START = '/register/mobile/before-you-start';

export async function beforeYouStartPage(app: FastifyInstance, deps: PageDeps) {
  app.get(BEFORE_YOU_START, async (request, reply) =>
    sendPage(reply, BeforeYouStartPage({ ctx: deps.context(request) })),
  );
}
