/**
 * Forgot password, first step: the ID number and a captcha. The answer is the same whether an account
 * exists or not (the use case makes a decoy), so this page tells nobody who has an account.
 */
import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../../kit/deps.ts';
import { shownErrors } from '../../kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../../kit/forms.ts';
import { noticeText } from '../../kit/notice.ts';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { refusalPath } from '../../refusal/paths.ts';
import { RECOVERY_PATHS } from '../paths.ts';
import { RecoveryStartPage, recoveryStartLabels } from './template.tsx';

export const recoveryStartSchema = {
  idNumber: { maxLength: 32, required: true },
  captchaId: { maxLength: 64 },
  captchaAnswer: { maxLength: 32, required: true },
  action: { maxLength: 32 },
} satisfies FormSchema;

export async function recoveryStartPage(app: FastifyInstance, deps: PageDeps) {
  app.get(RECOVERY_PATHS.start, async (request, reply) => {
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    const captcha = await deps.captchas.create(request.ip);
    if (!captcha.ok) return seeOther(reply, refusalPath(captcha.failure, 'recovery'));
    return sendPage(
      reply,
      RecoveryStartPage({
        ctx,
        csrf: reply.generateCsrf(),
        idNumber: flash.values?.idNumber ?? '',
        captchaId: captcha.value.captchaId,
        errors: shownErrors(ctx, flash.errors, recoveryStartLabels(ctx)),
        notice: noticeText(ctx, flash),
      }),
    );
  });

  app.post(RECOVERY_PATHS.start, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, recoveryStartSchema);
    const back = (flashErrors = errors) => {
      deps.flash.set(reply, { errors: flashErrors, values: { idNumber: values.idNumber } });
      return seeOther(reply, RECOVERY_PATHS.start);
    };
    if (values.action === 'new-captcha') return back([]);
    if (errors.length > 0) return back();
    const started = await deps.accounts.recovery.start(values, {
      requestId: request.id,
      clientIp: request.ip,
    });
    if (started.ok) {
      deps.journeys.set(reply, 'recovery', started.value.recoveryId);
      return seeOther(reply, RECOVERY_PATHS.otp);
    }
    const { failure } = started;
    if (failure.code === 'CAPTCHA_INVALID')
      return back([{ field: 'captchaAnswer', code: 'CAPTCHA_INVALID' }]);
    if (failure.code === 'VALIDATION_FAILED') return back(pageErrorsOf(failure, 'idNumber'));
    return seeOther(reply, refusalPath(failure, 'recovery'));
  });
}
