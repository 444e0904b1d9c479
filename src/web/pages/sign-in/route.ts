/** Sign in with the ID number and password; a session cookie, then the account page. */

import type { FastifyInstance } from 'fastify';
import { contextOf } from '../../request-context.ts';
import { sessionTokenOf, setSessionCookie } from '../../session-cookie.ts';
import type { PageDeps } from '../kit/deps.ts';
import { shownErrors } from '../kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../kit/forms.ts';
import { noticeText } from '../kit/notice.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { currentSession } from '../kit/session.ts';
import { SignInPage, signInLabels } from './template.tsx';

export const signInSchema = {
  username: { maxLength: 32, required: true },
  password: { maxLength: 1024, required: true, keepSpaces: true },
} satisfies FormSchema;

export async function signInPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/sign-in', async (request, reply) => {
    if (await currentSession(deps, request)) return seeOther(reply, '/account');
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      SignInPage({
        ctx,
        csrf: reply.generateCsrf(),
        username: flash.values?.username ?? '',
        errors: shownErrors(ctx, flash.errors, signInLabels(ctx)),
        notice: noticeText(ctx, flash),
      }),
    );
  });

  app.post('/sign-in', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, signInSchema);
    const back = (flashErrors = errors) => {
      deps.flash.set(reply, { errors: flashErrors, values: { username: values.username } });
      return seeOther(reply, '/sign-in');
    };
    if (errors.length > 0) return back();
    const signedIn = await deps.accounts.signIn(values, contextOf(request));
    if (!signedIn.ok) {
      const { failure } = signedIn;
      if (failure.code === 'INVALID_CREDENTIALS')
        return back([{ field: 'password', code: 'SIGN_IN_FAILED' }]);
      return back(pageErrorsOf(failure, 'username'));
    }
    const previous = sessionTokenOf(request);
    if (previous) await deps.accounts.sessions.end(previous);
    setSessionCookie(reply, signedIn.value.session, deps.secureCookies);
    deps.flash.set(reply, { notice: { key: 'account.signedIn' } });
    return seeOther(reply, '/account');
  });
}
