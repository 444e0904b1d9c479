/** Forgot password, third step: the new password (same policy; not the current one). */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { shownErrors } from '../../kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../../kit/forms.ts';
import { PasswordFormPage, passwordLabels } from '../../kit/password-form.tsx';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { recoveryAt } from '../guard.ts';
import { RECOVERY_PATHS } from '../paths.ts';

export const newPasswordSchema = {
  newPassword: { maxLength: 1024, required: true, keepSpaces: true },
  confirmPassword: { maxLength: 1024, required: true, keepSpaces: true },
} satisfies FormSchema;

export async function recoveryPasswordPage(app: FastifyInstance, deps: PageDeps) {
  app.get(RECOVERY_PATHS.password, async (request, reply) => {
    if (!(await recoveryAt(deps, request, reply, 'password'))) return reply;
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      PasswordFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        title: ctx.m.recovery.passwordTitle,
        lead: ctx.m.password.lead,
        action: RECOVERY_PATHS.password,
        submit: ctx.m.recovery.passwordSubmit,
        errors: shownErrors(ctx, flash.errors, passwordLabels(ctx)),
        failedCodes: (flash.errors ?? []).map((error) => error.code),
        passwordField: 'newPassword',
      }),
    );
  });

  app.post(RECOVERY_PATHS.password, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, 'recovery') ?? '';
    const { values, errors } = readForm(request.body, newPasswordSchema);
    if (errors.length > 0) {
      deps.flash.set(reply, { errors });
      return seeOther(reply, RECOVERY_PATHS.password);
    }
    const done = await deps.accounts.recovery.setPassword(
      id,
      { password: values.newPassword, confirmPassword: values.confirmPassword },
      { requestId: request.id, clientIp: request.ip },
    );
    if (done.ok) {
      deps.journeys.clear(reply, 'recovery');
      return seeOther(reply, RECOVERY_PATHS.done);
    }
    if (done.failure.code === 'PASSWORD_POLICY' || done.failure.code === 'PASSWORD_MISMATCH') {
      deps.flash.set(reply, { errors: pageErrorsOf(done.failure, 'newPassword') });
      return seeOther(reply, RECOVERY_PATHS.password);
    }
    return seeOther(reply, RECOVERY_PATHS.password);
  });
}
