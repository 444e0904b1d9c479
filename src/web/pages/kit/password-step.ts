/**
 * The password step as routes, shared by "set your password" (registration), "set a new password"
 * (recovery) and "change your password" (signed in): the page behind its guard, then the save. Policy
 * answers come back to the page with the unmet rules marked; a duplicate account is a refusal.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import { contextOf } from '../../request-context.ts';
import { refusalPath } from '../refusal/paths.ts';
import type { PageContext } from './context.ts';
import type { PageDeps } from './deps.ts';
import { shownErrors } from './errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from './forms.ts';
import { PasswordFormPage, passwordLabels } from './password-form.tsx';
import { seeOther, sendPage } from './reply.ts';

const PASSWORD = { maxLength: 1024, required: true, keepSpaces: true };
const withCurrent = {
  currentPassword: PASSWORD,
  newPassword: PASSWORD,
  confirmPassword: PASSWORD,
} satisfies FormSchema;
const withoutCurrent = { newPassword: PASSWORD, confirmPassword: PASSWORD } satisfies FormSchema;

const BACK_TO_THE_FORM = new Set(['PASSWORD_POLICY', 'PASSWORD_MISMATCH', 'INVALID_CREDENTIALS']);

export interface NewPassword {
  currentPassword: string;
  password: string;
  confirmPassword: string;
}

export interface PasswordStep<Subject> {
  path: string;
  next: string;
  /** The new password's field name: `password` in registration (as the API calls it), else `newPassword`. */
  passwordField: 'password' | 'newPassword';
  /** The registration method, so a refusal page leads back to its form. */
  method?: string;
  askCurrent?: boolean;
  cancelHref?: string;
  texts(ctx: PageContext): { title: string; lead: string; submit: string };
  /** What names this journey to the live password check; nothing for the signed-in account (its session). */
  checkJourney?(subject: Subject): Record<string, string>;
  /** Who is setting a password (a journey id, a session), or undefined once the guard has redirected. */
  at(request: FastifyRequest, reply: FastifyReply): Promise<Subject | undefined>;
  save(
    subject: Subject,
    input: NewPassword,
    context: RequestContext,
    reply: FastifyReply,
  ): Promise<Outcome<unknown>>;
}

export function passwordStepRoutes<Subject>(
  app: FastifyInstance,
  deps: PageDeps,
  step: PasswordStep<Subject>,
) {
  const rename = (field: string) => (field === 'newPassword' ? step.passwordField : field);

  app.get(step.path, async (request, reply) => {
    const subject = await step.at(request, reply);
    if (subject === undefined) return reply;
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      PasswordFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        ...step.texts(ctx),
        action: step.path,
        errors: shownErrors(ctx, flash.errors, passwordLabels(ctx)),
        failedCodes: (flash.errors ?? []).map((error) => error.code),
        passwordField: step.passwordField,
        checkJourney: step.checkJourney?.(subject) ?? {},
        askCurrent: step.askCurrent ?? false,
        ...(step.cancelHref && { cancelHref: step.cancelHref }),
      }),
    );
  });

  app.post(step.path, { preHandler: app.csrfProtection }, async (request, reply) => {
    const subject = await step.at(request, reply);
    if (subject === undefined) return reply;
    const body = { ...(request.body as Record<string, unknown>) };
    body.newPassword ??= body[step.passwordField];
    const { values, errors } = readForm(body, step.askCurrent ? withCurrent : withoutCurrent);
    if (errors.length > 0) {
      deps.flash.set(reply, { errors: errors.map((error) => ({ ...error, field: rename(error.field) })) });
      return seeOther(reply, step.path);
    }
    const input = {
      currentPassword: (values as Record<string, string>).currentPassword ?? '',
      password: values.newPassword,
      confirmPassword: values.confirmPassword,
    };
    const saved = await step.save(subject, input, contextOf(request), reply);
    if (saved.ok) return seeOther(reply, step.next);
    const { failure } = saved;
    if (BACK_TO_THE_FORM.has(failure.code)) {
      const shown = pageErrorsOf(failure, step.passwordField).map((error) => ({
        ...error,
        field: rename(error.field),
      }));
      deps.flash.set(reply, { errors: shown });
      return seeOther(reply, step.path);
    }
    if (failure.code === 'ACCOUNT_EXISTS')
      return seeOther(reply, refusalPath(deps.refusalPages, failure, 'registration', step.method));
    if (failure.code === 'UNAUTHENTICATED') return seeOther(reply, '/sign-in');
    return seeOther(reply, step.path); // out of step: the guard decides
  });
}
