/** Answers of the pages: HTML that is never cached (it may show personal data), and 303 redirects (PRG). */
import type { FastifyReply } from 'fastify';

export async function sendPage(reply: FastifyReply, page: string | Promise<string>, status = 200) {
  const html = `<!doctype html>${await page}`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Post/redirect/get: the answer to every form, so the back button never resubmits. */
export function seeOther(reply: FastifyReply, location: string) {
  return reply.redirect(location, 303);
}
