/** Sign in with the ID number and password; a session cookie, then the account page. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../../usecases/accounts/sessions.ts';
import { contextOf } from '../../request-context.ts';
import { sessionTokenOf, setSessionCookie } from '../../session-cookie.ts';
import { interactionAlias } from '../interaction/route.ts';
import type { PageDeps } from '../kit/deps.ts';
import { shownErrors } from '../kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../kit/forms.ts';
import { noticeText } from '../kit/notice.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { currentSession } from '../kit/session.ts';
import { languageAsked, rememberLanguage } from '../language/route.ts';
import { SignInPage, signInLabels } from './template.tsx';

export const signInSchema = {
  username: { maxLength: 32, required: true },
  password: { maxLength: 1024, required: true, keepSpaces: true },
  action: { maxLength: 32 },
} satisfies FormSchema;

export async function signInPage(app: FastifyInstance, deps: PageDeps) {
  app.get('/sign-in', async (request, reply) => {
    const forPortal = interactionAlias(request, 'signIn');
    if (forPortal) return seeOther(reply, forPortal);
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
    const session = await passwordSignIn(deps, request, reply, '/sign-in');
    if (!session) return reply;
    deps.flash.set(reply, { notice: { key: 'account.signedIn' } });
    return seeOther(reply, '/account');
  });
}

/**
 * The sign-in form's answer, for the hub's own page and for a portal's sign-in alike: the session, in the
 * browser's cookie (ending the one it held); or undefined, the errors and the username in the flash and the
 * browser sent back to `formPath`.
 */
export async function passwordSignIn(
  deps: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  formPath: string,
): Promise<Session | undefined> {
  const { values, errors } = readForm(request.body, signInSchema);
  const back = async (flashErrors = errors) => {
    deps.flash.set(reply, { errors: flashErrors, values: { username: values.username } });
    await seeOther(reply, formPath);
    return undefined;
  };
  const language = languageAsked(values.action);
  if (language) {
    // The language switch is a button of this form: the ID number comes back in the other language (never
    // the password).
    rememberLanguage(reply, language, deps.secureCookies);
    return back([]);
  }
  if (errors.length > 0) return back();
  const signedIn = await deps.accounts.signIn(values, contextOf(request));
  if (!signedIn.ok) {
    const { failure } = signedIn;
    if (failure.code === 'INVALID_CREDENTIALS') return back([{ field: 'password', code: 'SIGN_IN_FAILED' }]);
    return back(pageErrorsOf(failure, 'username'));
  }
  const previous = sessionTokenOf(request);
  if (previous) await deps.accounts.sessions.end(previous);
  setSessionCookie(reply, signedIn.value.session, deps.secureCookies);
  return signedIn.value.session;
}
