/** Change the password (current one required); other sessions end, this one is renewed. */
import type { FastifyInstance } from 'fastify';
import { setSessionCookie } from '../../session-cookie.ts';
import type { PageDeps } from '../kit/deps.ts';
import { shownErrors } from '../kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../kit/forms.ts';
import { PasswordFormPage, passwordLabels } from '../kit/password-form.tsx';
import { seeOther, sendPage } from '../kit/reply.ts';
import { requireSession } from '../kit/session.ts';

export const changePasswordSchema = {
  currentPassword: { maxLength: 1024, required: true, keepSpaces: true },
  newPassword: { maxLength: 1024, required: true, keepSpaces: true },
  confirmPassword: { maxLength: 1024, required: true, keepSpaces: true },
} satisfies FormSchema;

const PATH = '/account/password';

export async function changePasswordPage(app: FastifyInstance, deps: PageDeps) {
  app.get(PATH, async (request, reply) => {
    if (!(await requireSession(deps, request, reply))) return reply;
    const ctx = { ...deps.context(request), signedIn: true };
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      PasswordFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        title: ctx.m.changePassword.title,
        lead: ctx.m.changePassword.lead,
        action: PATH,
        submit: ctx.m.changePassword.submit,
        errors: shownErrors(ctx, flash.errors, passwordLabels(ctx)),
        failedCodes: (flash.errors ?? []).map((error) => error.code),
        passwordField: 'newPassword',
        askCurrent: true,
        cancelHref: '/account',
      }),
    );
  });

  app.post(PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const { values, errors } = readForm(request.body, changePasswordSchema);
    if (errors.length > 0) {
      deps.flash.set(reply, { errors });
      return seeOther(reply, PATH);
    }
    const changed = await deps.accounts.account.changePassword(session.accountId, values, {
      requestId: request.id,
      clientIp: request.ip,
    });
    if (!changed.ok) {
      if (changed.failure.code === 'UNAUTHENTICATED') return seeOther(reply, '/sign-in');
      deps.flash.set(reply, { errors: pageErrorsOf(changed.failure, 'newPassword') });
      return seeOther(reply, PATH);
    }
    await deps.accounts.sessions.end(session.token);
    setSessionCookie(reply, changed.value.session, deps.secureCookies);
    deps.flash.set(reply, { notice: { key: 'account.passwordChanged' } });
    return seeOther(reply, '/account');
  });
}
