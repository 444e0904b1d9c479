/**
 * Errors of the pages as pages, not JSON: an expired form (CSRF), a body too large or of the wrong type,
 * a store or partner that is away (503 with Retry-After), anything unexpected. The status stays what it is;
 * the citizen gets words and a way back.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { isUnavailableFailure } from '../../../lib/dependency-unavailable.ts';
import { logUnavailable, logUnhandled, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../plugins/errors.ts';
import type { PageContext } from './context.ts';
import { Layout } from './layout.tsx';
import { sendPage } from './reply.ts';

export function ErrorPage(props: { ctx: PageContext; title: string; detail: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1 safe>{props.title}</h1>
      <p class="lead" safe>
        {props.detail}
      </p>
      <p>
        <a href="/">{props.ctx.m.common.goHome}</a>
      </p>
    </Layout>
  );
}

const CODE_OF_STATUS: Record<number, 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'BAD_REQUEST'> = {
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  400: 'BAD_REQUEST',
};

export function pageErrorHandler(app: FastifyInstance, context: (request: FastifyRequest) => PageContext) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const ctx = context(request);
    if (error.code?.startsWith('FST_CSRF')) {
      return sendPage(
        reply,
        ErrorPage({ ctx, title: ctx.m.errorPage.csrfTitle, detail: ctx.m.errorPage.csrfDetail }),
        403,
      );
    }
    if (isUnavailableFailure(error)) {
      logUnavailable(request, error);
      const problem = ctx.api.problems.SERVICE_UNAVAILABLE;
      reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return sendPage(reply, ErrorPage({ ctx, title: problem.title, detail: problem.detail }), 503);
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      logUnhandled(request, error);
    }
    const problem =
      ctx.api.problems[CODE_OF_STATUS[status] ?? (status === 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST')];
    return sendPage(
      reply,
      ErrorPage({ ctx, title: problem.title, detail: problem.detail.replace('{limit}', '16384') }),
      status,
    );
  });
}
