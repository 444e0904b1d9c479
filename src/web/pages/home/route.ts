/** Home: register or sign in. Shows the notice a previous step left (e.g. "you have signed out"). */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../kit/deps.ts';
import { noticeText } from '../kit/notice.ts';
import { sendPage } from '../kit/reply.ts';
import { HomePage } from './template.tsx';

export async function homePage(app: FastifyInstance, deps: PageDeps) {
  app.get('/', async (request, reply) => {
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(reply, HomePage({ ctx, notice: noticeText(ctx, flash) }));
  });
}
