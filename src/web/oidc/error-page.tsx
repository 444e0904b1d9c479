/**
 * The provider's error page, in the hub's layout and the citizen's language: shown when a portal's request
 * cannot be answered by a redirect (unknown client, unregistered redirect URI, malformed or expired request).
 * The status stays the provider's (400 for bad input); the OAuth error code is shown for the helpdesk.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Configuration } from 'oidc-provider';
import { assetUrls } from '../pages/kit/assets.ts';
import { pageContext } from '../pages/kit/context.ts';
import { ErrorPage } from '../pages/kit/error-page.tsx';
import { sendPage } from '../pages/kit/reply.ts';
import { format } from '../pages/messages.ts';

type RenderError = NonNullable<Configuration['renderError']>;

const EXPLAINED = new Set(['invalid_client', 'invalid_redirect_uri', 'invalid_request']);

/** Maps each raw request the provider handles to its Fastify request (language, cookies) while it runs. */
export const fastifyRequestOf = new WeakMap<object, FastifyRequest>();

export function renderProviderError(options: { dev: boolean }): RenderError {
  return async (ctx, out) => {
    const request = fastifyRequestOf.get(ctx.req);
    const code = String(out.error ?? 'server_error');
    if (!request) {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = code;
      return;
    }
    const page = pageContext(request, { dev: options.dev, assets: assetUrls() });
    const texts = page.m.oidcError;
    const detail = EXPLAINED.has(code) ? texts[code as 'invalid_client'] : texts.other;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('cache-control', 'no-store');
    ctx.body = `<!doctype html>${await ErrorPage({
      ctx: page,
      title: texts.title,
      detail: `${detail} ${format(texts.code, { code })}`,
    })}`;
  };
}

/** The same page from a Fastify route of ours (the interaction glue). */
export async function sendProviderErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { dev: boolean; code: string; status: number },
) {
  const page = pageContext(request, { dev: options.dev, assets: assetUrls() });
  const texts = page.m.oidcError;
  const detail = EXPLAINED.has(options.code) ? texts[options.code as 'invalid_client'] : texts.other;
  return sendPage(
    reply,
    ErrorPage({
      ctx: page,
      title: texts.title,
      detail: `${detail} ${format(texts.code, { code: options.code })}`,
    }),
    options.status,
  );
}
