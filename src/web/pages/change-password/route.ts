/** Change the password (current one required); other sessions end, this one is renewed. */
import type { FastifyInstance } from 'fastify';
import { setSessionCookie } from '../../session-cookie.ts';
import type { PageDeps } from '../kit/deps.ts';
import { passwordStepRoutes } from '../kit/password-step.ts';
import { requireSession } from '../kit/session.ts';

export async function changePasswordPage(app: FastifyInstance, deps: PageDeps) {
  passwordStepRoutes(app, deps, {
    path: '/account/password',
    next: '/account',
    passwordField: 'newPassword',
    askCurrent: true,
    cancelHref: '/account',
    texts: (ctx) => ({
      title: ctx.m.changePassword.title,
      lead: ctx.m.changePassword.lead,
      submit: ctx.m.changePassword.submit,
    }),
    at: (request, reply) => requireSession(deps, request, reply),
    async save(session, { currentPassword, password, confirmPassword }, context, reply) {
      const changed = await deps.accounts.account.changePassword(
        session.accountId,
        { currentPassword, newPassword: password, confirmPassword },
        context,
      );
      if (!changed.ok) return changed;
      await deps.accounts.sessions.end(session.token);
      setSessionCookie(reply, changed.value.session, deps.secureCookies);
      deps.flash.set(reply, { notice: { key: 'account.passwordChanged' } });
      return changed;
    },
  });
}
