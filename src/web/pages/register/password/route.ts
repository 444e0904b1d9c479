/** Set your password: the last step; creates the account and goes to "done". */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { shownErrors } from '../../kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../../kit/forms.ts';
import { PasswordFormPage, passwordLabels } from '../../kit/password-form.tsx';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { refusalPath } from '../../refusal/paths.ts';
import { registrationAt } from '../guard.ts';
import { REGISTRATION_PATHS } from '../paths.ts';

export const setPasswordSchema = {
  password: { maxLength: 1024, required: true, keepSpaces: true },
  confirmPassword: { maxLength: 1024, required: true, keepSpaces: true },
} satisfies FormSchema;

export async function registrationPasswordPage(app: FastifyInstance, deps: PageDeps) {
  app.get(REGISTRATION_PATHS.password, async (request, reply) => {
    if (!(await registrationAt(deps, request, reply, 'password'))) return reply;
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      PasswordFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        title: ctx.m.password.title,
        lead: ctx.m.password.lead,
        action: REGISTRATION_PATHS.password,
        submit: ctx.m.password.submit,
        errors: shownErrors(ctx, flash.errors, passwordLabels(ctx)),
        failedCodes: (flash.errors ?? []).map((error) => error.code),
        passwordField: 'password',
      }),
    );
  });

  app.post(REGISTRATION_PATHS.password, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, 'registration') ?? '';
    const { values, errors } = readForm(request.body, setPasswordSchema);
    if (errors.length > 0) {
      deps.flash.set(reply, { errors });
      return seeOther(reply, REGISTRATION_PATHS.password);
    }
    const done = await deps.registration.setPassword(id, values, {
      requestId: request.id,
      clientIp: request.ip,
    });
    if (done.ok) return seeOther(reply, REGISTRATION_PATHS.done);
    const { failure } = done;
    if (failure.code === 'PASSWORD_POLICY' || failure.code === 'PASSWORD_MISMATCH') {
      deps.flash.set(reply, { errors: pageErrorsOf(failure, 'password') });
      return seeOther(reply, REGISTRATION_PATHS.password);
    }
    if (failure.code === 'ACCOUNT_EXISTS') return seeOther(reply, refusalPath(failure, 'registration'));
    return seeOther(reply, REGISTRATION_PATHS.password);
  });
}
