/** Home, "who am I", the language switch, the stylesheet, and the sample services of the portal. */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLanguage } from '../../lib/language.ts';
import { badForm, sendToHub } from './auth-routes.ts';
import {
  currentSession,
  languageCookieName,
  localPath,
  type PortalRuntime,
  pageContext,
  sendHtml,
} from './context.ts';
import type { ServiceDefinition } from './definition.ts';
import { HomePage, WhoAmIPage } from './pages.tsx';
import type { RelyingParty } from './relying-party.ts';
import { ServiceFormPage, ServiceReceiptPage, validateServiceForm } from './service-pages.tsx';
import type { PortalSession, SignedInCitizen } from './sessions.ts';
import { portalStylesheet } from './stylesheet.ts';

export function pageRoutes(runtime: PortalRuntime, rp: RelyingParty) {
  const stylesheet = portalStylesheet(runtime.definition.accent);
  return async (app: FastifyInstance) => {
    app.get('/static/portal.css', (_request, reply) =>
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'max-age=300')
        .send(stylesheet),
    );
    app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));

    app.get<{ Params: { lang: string }; Querystring: { next?: string } }>(
      '/language/:lang',
      (request, reply) => {
        if (isLanguage(request.params.lang)) {
          reply.setCookie(languageCookieName(runtime.definition), request.params.lang, {
            path: '/',
            sameSite: 'lax',
            httpOnly: true,
            maxAge: 365 * 24 * 3600,
          });
        }
        return reply.redirect(localPath(request.query.next), 303);
      },
    );

    app.get('/', (request, reply) => sendHtml(reply, HomePage({ ctx: pageContext(runtime, request) })));

    app.get('/me', (request, reply) => {
      const session = currentSession(runtime, request);
      if (!session?.citizen) return reply.redirect('/auth/sign-in?next=%2Fme', 303);
      return sendHtml(
        reply,
        WhoAmIPage({ ctx: pageContext(runtime, request, session), citizen: session.citizen }),
      );
    });

    for (const service of runtime.definition.services) app.register(serviceRoutes(runtime, rp, service));
  };
}

/**
 * A service needs a session at its level: below it (or signed out) the citizen goes back to the hub asking
 * `acr_values` for that level, and the hub asks only for what is missing (a step-up).
 */
function serviceRoutes(runtime: PortalRuntime, rp: RelyingParty, service: ServiceDefinition) {
  const path = `/services/${service.slug}`;
  const atLevel = (
    session: PortalSession | undefined,
  ): session is PortalSession & { citizen: SignedInCitizen } => session?.citizen?.acr === service.acr;
  const stepUp = (request: FastifyRequest, reply: FastifyReply) =>
    sendToHub(runtime, rp, request, reply, { returnTo: path, acr: service.acr });

  return async (app: FastifyInstance) => {
    app.get(path, (request, reply) => {
      const session = currentSession(runtime, request);
      if (!atLevel(session)) return stepUp(request, reply);
      const flash = session.flash;
      session.flash = undefined;
      return sendHtml(
        reply,
        ServiceFormPage({
          ctx: pageContext(runtime, request, session),
          service,
          citizen: session.citizen,
          csrfToken: session.csrfToken,
          flash,
        }),
      );
    });

    app.post<{ Body: Record<string, unknown> }>(path, (request, reply) => {
      const session = currentSession(runtime, request);
      if (!atLevel(session)) return stepUp(request, reply);
      if (request.body?._csrf !== session.csrfToken) return badForm(runtime, request, reply);
      const answer = validateServiceForm(pageContext(runtime, request, session), service, request.body ?? {});
      if (Object.keys(answer.errors).length > 0) {
        session.flash = answer;
        return reply.redirect(path, 303);
      }
      // The service's initials and a number: ly-lich-tu-phap → LLTP-12345678.
      const initials = service.slug
        .split('-')
        .map((word) => word[0])
        .join('')
        .toUpperCase();
      const reference = `${initials}-${randomInt(10_000_000, 100_000_000)}`;
      session.receipt = { slug: service.slug, reference };
      request.log.info({ service: service.slug }, 'service request received');
      return reply.redirect(`${path}/received`, 303);
    });

    app.get(`${path}/received`, (request, reply) => {
      const session = currentSession(runtime, request);
      if (session?.receipt?.slug !== service.slug) return reply.redirect(path, 303);
      return sendHtml(
        reply,
        ServiceReceiptPage({
          ctx: pageContext(runtime, request, session),
          service,
          reference: session.receipt.reference,
        }),
      );
    });
  };
}
