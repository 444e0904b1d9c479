/**
 * `/register/usb-token`: the page, its post (an ordinary form: the server verifies and registers), and the done
 * page. Entries the use case finds fault with come back to the page, the email and consent kept and the captcha
 * too while it was not checked; the signed challenge does not survive the redirect, so the citizen signs again.
 * A refusal has its own page. Success signs the holder in (the signature is a certificate sign-in) and ends on
 * the done page, which continues to the portal that sent the citizen to register, if one did.
 */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../../../web/pages/kit/deps.ts';
import { shownErrors } from '../../../../web/pages/kit/errors.ts';
import type { PageError } from '../../../../web/pages/kit/flash.ts';
import { formCaptcha, unchecked } from '../../../../web/pages/kit/form-captcha.ts';
import { type FormSchema, keptValues, pageErrorsOf, readForm } from '../../../../web/pages/kit/forms.ts';
import { noticeText } from '../../../../web/pages/kit/notice.ts';
import { returningPortal } from '../../../../web/pages/kit/portal-return.ts';
import { seeOther, sendPage } from '../../../../web/pages/kit/reply.ts';
import { currentSession } from '../../../../web/pages/kit/session.ts';
import { sendRegistrationDone } from '../../../../web/pages/register/done/send-done.ts';
import { contextOf } from '../../../../web/request-context.ts';
import { sessionTokenOf, setSessionCookie } from '../../../../web/session-cookie.ts';
import type { CertificatePageServices } from './page-services.ts';
import { refusedPath } from './refused.tsx';
import { REGISTER_PATH, RegisterPage, registerLabels } from './register-page.tsx';

const DONE_PATH = `${REGISTER_PATH}/done`;

export const signedChallengeSchema = {
  challengeId: { maxLength: 128 },
  signedData: { maxLength: 12_000 },
} satisfies FormSchema;

const registerSchema = {
  ...signedChallengeSchema,
  email: { maxLength: 254 },
  captchaId: { maxLength: 64 },
  captchaAnswer: { maxLength: 32 },
  consent: { maxLength: 8 },
} satisfies FormSchema;

/** The use case's field errors as the page shows them: the two hidden fields are one "sign first" error. */
export function pageErrorsOfSigning(errors: PageError[]): PageError[] {
  const signing = errors.some((e) => e.field === 'challengeId' || e.field === 'signedData');
  return [
    ...(signing ? [{ field: 'signature', code: 'SIGNATURE_REQUIRED' }] : []),
    ...errors.filter((e) => e.field !== 'challengeId' && e.field !== 'signedData'),
  ];
}

export async function registerRoutes(
  app: FastifyInstance,
  deps: PageDeps,
  services: CertificatePageServices,
) {
  app.get(REGISTER_PATH, async (request, reply) => {
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    const captcha = await formCaptcha(deps, request, flash.captcha);
    if (!captcha.ok) return seeOther(reply, refusedPath(captcha.failure, 'registration'));
    const portal = await returningPortal(deps, request, ctx);
    return sendPage(
      reply,
      RegisterPage({
        ctx,
        csrf: reply.generateCsrf(),
        agentUrl: services.agentUrl,
        values: flash.values ?? {},
        errors: shownErrors(ctx, flash.errors, registerLabels(ctx)),
        notice: noticeText(ctx, flash),
        captcha: captcha.value,
        portalLead: portal?.lead,
      }),
    );
  });

  app.post(REGISTER_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values } = readForm(request.body, registerSchema);
    const kept = keptValues(values, ['email', 'consent']);
    const back = (errors: PageError[], captcha: 'keep' | 'new') => {
      deps.flash.set(reply, {
        errors,
        values: kept,
        ...(captcha === 'keep' && { captcha: unchecked(values) }),
      });
      return seeOther(reply, REGISTER_PATH);
    };
    const context = contextOf(request);
    const registered = await services.register(
      {
        challengeId: values.challengeId,
        signedData: values.signedData,
        email: values.email,
        captchaId: values.captchaId,
        captchaAnswer: values.captchaAnswer,
        consent: values.consent === 'yes',
      },
      context,
    );
    if (!registered.ok) {
      const { failure } = registered;
      if (failure.code === 'VALIDATION_FAILED')
        return back(pageErrorsOfSigning(pageErrorsOf(failure, 'signature')), 'keep');
      if (failure.code.startsWith('CAPTCHA'))
        return back([{ field: 'captchaAnswer', code: 'CAPTCHA_INVALID' }], 'new');
      deps.flash.set(reply, { values: kept });
      return seeOther(reply, refusedPath(failure, 'registration'));
    }
    const session = await services.openSession(registered.value.accountId, context);
    if (session) {
      const previous = sessionTokenOf(request);
      if (previous) await deps.accounts.sessions.end(previous);
      setSessionCookie(reply, session, deps.secureCookies);
    }
    deps.flash.set(reply, { values: { registered: registered.value.accountId } });
    return seeOther(reply, DONE_PATH);
  });

  app.get(DONE_PATH, async (request, reply) => {
    const flash = deps.flash.take(request, reply);
    const accountId = flash.values?.registered;
    if (!accountId) return seeOther(reply, REGISTER_PATH);
    const ctx = deps.context(request);
    const session = await currentSession(deps, request);
    const signedIn = session?.accountId === accountId;
    return sendRegistrationDone(deps, request, reply, {
      ctx,
      title: ctx.m.done.title,
      signedIn,
      otherwise: {
        ctx,
        title: ctx.m.done.title,
        ...(signedIn
          ? { lead: ctx.m.done.signedInLead, next: { href: '/account', text: ctx.m.done.toAccount } }
          : { lead: ctx.m.done.lead, next: { href: '/sign-in/certificate', text: ctx.m.done.signIn } }),
      },
    });
  });
}
