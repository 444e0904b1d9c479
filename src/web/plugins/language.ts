/** Decorates every request with its language: the `lang` cookie (the visible switch), else Accept-Language. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Language, negotiateLanguage } from '../i18n/language.ts';

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
  }
}

async function language(app: FastifyInstance) {
  app.decorateRequest('language', 'vi');
  app.addHook('onRequest', async (request) => {
    request.language = negotiateLanguage(request.headers['accept-language'], request.cookies?.lang);
  });
}

export const languagePlugin = fp(language, { name: 'language', dependencies: ['@fastify/cookie'] });
