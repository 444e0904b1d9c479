/**
 * Add a password to an account without one (made through PostID or with a certificate): the password page of
 * registration, within 10 minutes of a sign-in (add-password.ts says why); an older sign-in gets a page that offers
 * signing in again with PostID (and back here), or, for other accounts, signing out and in again.
 */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../kit/deps.ts';
import { passwordStepRoutes } from '../kit/password-step.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { requireSession } from '../kit/session.ts';
import { ReauthPage } from './template.tsx';

export const ADD_PASSWORD_PATH = '/account/add-password';

export async function addPasswordPage(app: FastifyInstance, deps: PageDeps) {
  passwordStepRoutes(app, deps, {
    path: ADD_PASSWORD_PATH,
    next: '/account',
    passwordField: 'newPassword',
    cancelHref: '/account',
    texts: (ctx) => ({
      title: ctx.m.addPassword.title,
      lead: ctx.m.addPassword.lead,
      submit: ctx.m.addPassword.submit,
    }),
    async at(request, reply) {
      const session = await requireSession(deps, request, reply);
      if (!session) return undefined;
      const status = await deps.accounts.addPassword.status(session);
      if (!status.ok) {
        await seeOther(reply, '/sign-in');
        return undefined;
      }
      if (status.value === 'has_password') {
        deps.flash.set(reply, { notice: { key: 'addPassword.already', tone: 'info' } });
        await seeOther(reply, '/account');
        return undefined;
      }
      if (status.value === 'sign_in_again') {
        const ctx = { ...deps.context(request), signedIn: true };
        const viaPostId = session.amr.includes('fed');
        await sendPage(
          reply,
          ReauthPage({ ctx, csrf: reply.generateCsrf(), viaPostId, returnTo: ADD_PASSWORD_PATH }),
        );
        return undefined;
      }
      return session;
    },
    async save(session, { password, confirmPassword }, context, reply) {
      const added = await deps.accounts.addPassword.add(session, { password, confirmPassword }, context);
      if (added.ok) deps.flash.set(reply, { notice: { key: 'addPassword.added' } });
      return added;
    },
  });
}
