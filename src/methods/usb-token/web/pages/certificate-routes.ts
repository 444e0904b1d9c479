/**
 * `/sign-in/certificate` (the hub's own sign-in, or a portal's: `?interaction=<uid>` goes back to the
 * provider's glue, which finishes the authorization from the new hub session) and `/account/certificates/new`
 * (adding a certificate while signed in). Both post an ordinary form with the signed challenge.
 */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../../../web/pages/kit/deps.ts';
import { shownErrors } from '../../../../web/pages/kit/errors.ts';
import { readForm } from '../../../../web/pages/kit/forms.ts';
import { interactionPath } from '../../../../web/pages/kit/hub-interactions.ts';
import { noticeText } from '../../../../web/pages/kit/notice.ts';
import { seeOther, sendPage } from '../../../../web/pages/kit/reply.ts';
import { currentSession, requireSession } from '../../../../web/pages/kit/session.ts';
import { contextOf } from '../../../../web/request-context.ts';
import { sessionTokenOf, setSessionCookie } from '../../../../web/session-cookie.ts';
import type { CertificatePageServices } from './page-services.ts';
import { refusedPath } from './refused.tsx';
import { pageErrorsOfSigning, signedChallengeSchema } from './register-routes.ts';
import { ADD_PATH, CertificateFormPage, SIGN_IN_PATH } from './sign-in-page.tsx';

const UID = /^[\w-]{10,64}$/;
const signInSchema = { ...signedChallengeSchema, interaction: { maxLength: 64 } };
const labels = (ctx: { m: { usbToken: { sign: string } } }) => ({ signature: ctx.m.usbToken.sign });
const SIGN_AGAIN = [{ field: 'signature', code: 'SIGNATURE_REQUIRED' }];

export async function certificateRoutes(
  app: FastifyInstance,
  deps: PageDeps,
  services: CertificatePageServices,
) {
  app.get(SIGN_IN_PATH, async (request, reply) => {
    const asked = (request.query as { interaction?: unknown }).interaction;
    const interaction = typeof asked === 'string' && UID.test(asked) ? asked : undefined;
    if (!interaction && (await currentSession(deps, request))) return seeOther(reply, '/account');
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    const s = ctx.m.usbTokenSignIn;
    return sendPage(
      reply,
      CertificateFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        agentUrl: services.agentUrl,
        errors: shownErrors(ctx, flash.errors, labels(ctx)),
        notice: noticeText(ctx, flash),
        title: s.title,
        lead: s.lead,
        action: SIGN_IN_PATH,
        submit: s.submit,
        interaction,
        other: {
          href: interaction ? interactionPath(interaction, 'login') : '/sign-in',
          text: s.passwordInstead,
        },
      }),
    );
  });

  app.post(SIGN_IN_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values } = readForm(request.body, signInSchema);
    const interaction = UID.test(values.interaction) ? values.interaction : undefined;
    const signedIn = await services.signIn(values, contextOf(request));
    if (!signedIn.ok) {
      if (signedIn.failure.code === 'VALIDATION_FAILED') {
        deps.flash.set(reply, { errors: SIGN_AGAIN });
        return seeOther(
          reply,
          interaction ? `${SIGN_IN_PATH}?interaction=${encodeURIComponent(interaction)}` : SIGN_IN_PATH,
        );
      }
      return seeOther(reply, refusedPath(signedIn.failure, 'sign-in', interaction));
    }
    const previous = sessionTokenOf(request);
    if (previous) await deps.accounts.sessions.end(previous);
    setSessionCookie(reply, signedIn.value, deps.secureCookies);
    if (interaction) return seeOther(reply, interactionPath(interaction));
    deps.flash.set(reply, { notice: { key: 'account.signedIn' } });
    return seeOther(reply, '/account');
  });

  app.get(ADD_PATH, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const ctx = { ...deps.context(request), signedIn: true };
    const flash = deps.flash.take(request, reply);
    const a = ctx.m.usbTokenAccount;
    return sendPage(
      reply,
      CertificateFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        agentUrl: services.agentUrl,
        errors: shownErrors(ctx, flash.errors, labels(ctx)),
        notice: noticeText(ctx, flash),
        title: a.title,
        lead: a.lead,
        action: ADD_PATH,
        submit: a.submit,
        other: { href: '/account', text: a.back },
      }),
    );
  });

  app.post(ADD_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const { values } = readForm(request.body, signedChallengeSchema);
    const added = await services.addCertificate(session.accountId, values, contextOf(request));
    if (!added.ok) {
      if (added.failure.code === 'VALIDATION_FAILED') {
        deps.flash.set(reply, { errors: pageErrorsOfSigning(SIGN_AGAIN) });
        return seeOther(reply, ADD_PATH);
      }
      return seeOther(reply, refusedPath(added.failure, 'account'));
    }
    deps.flash.set(reply, {
      notice: { key: added.value.added ? 'usbTokenAccount.added' : 'usbTokenAccount.alreadyAdded' },
    });
    return seeOther(reply, '/account');
  });
}
