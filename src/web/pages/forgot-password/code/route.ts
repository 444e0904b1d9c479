/** Forgot password, second step: the code sent to the account's phone (same page as registration's). */
import type { FastifyInstance } from 'fastify';
import { CodeFormPage } from '../../kit/code-form.tsx';
import type { PageDeps } from '../../kit/deps.ts';
import { shownErrors } from '../../kit/errors.ts';
import { pageErrorsOf, readForm } from '../../kit/forms.ts';
import { noticeText } from '../../kit/notice.ts';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { refusalPath } from '../../refusal/paths.ts';
import { codeFormSchema, normaliseCode, STAYS_ON_CODE_PAGE } from '../../register/code/route.ts';
import { recoveryAt } from '../guard.ts';
import { RECOVERY_PATHS } from '../paths.ts';

export async function recoveryCodePage(app: FastifyInstance, deps: PageDeps) {
  app.get(RECOVERY_PATHS.otp, async (request, reply) => {
    const status = await recoveryAt(deps, request, reply, 'otp');
    if (!status) return reply;
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      CodeFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        lead: ctx.m.code.recoveryLead,
        errors: shownErrors(ctx, flash.errors, { code: ctx.m.code.code }),
        notice: noticeText(ctx, flash),
        action: RECOVERY_PATHS.otp,
        resendAction: RECOVERY_PATHS.resend,
        now: deps.now(),
        otpExpiresAt: status.otpExpiresAt,
        resendAvailableAt: status.resendAvailableAt,
      }),
    );
  });

  app.post(RECOVERY_PATHS.otp, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, 'recovery') ?? '';
    const { values, errors } = readForm(request.body, codeFormSchema);
    const code = normaliseCode(values.code);
    if (errors.length === 0 && !/^\d{6}$/.test(code)) errors.push({ field: 'code', code: 'OTP_FORMAT' });
    if (errors.length > 0) {
      deps.flash.set(reply, { errors });
      return seeOther(reply, RECOVERY_PATHS.otp);
    }
    const verified = await deps.accounts.recovery.verifyCode(id, code);
    if (verified.ok) return seeOther(reply, RECOVERY_PATHS.password);
    const { failure } = verified;
    if (STAYS_ON_CODE_PAGE.has(failure.code)) {
      deps.flash.set(reply, { errors: pageErrorsOf(failure, 'code') });
      return seeOther(reply, RECOVERY_PATHS.otp);
    }
    if (failure.code === 'OTP_LOCKED') return seeOther(reply, refusalPath(failure, 'recovery'));
    return seeOther(reply, RECOVERY_PATHS.otp);
  });

  app.post(RECOVERY_PATHS.resend, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, 'recovery') ?? '';
    const resent = await deps.accounts.recovery.resendCode(id);
    if (resent.ok) {
      deps.flash.set(reply, { notice: { key: 'code.resentRecovery' } });
      return seeOther(reply, RECOVERY_PATHS.otp);
    }
    const { failure } = resent;
    if (STAYS_ON_CODE_PAGE.has(failure.code)) {
      deps.flash.set(reply, { errors: pageErrorsOf(failure, 'code') });
      return seeOther(reply, RECOVERY_PATHS.otp);
    }
    if (failure.code === 'CODE_NOT_FOUND' || failure.code === 'STEP_NOT_ALLOWED')
      return seeOther(reply, RECOVERY_PATHS.otp);
    return seeOther(reply, refusalPath(failure, 'recovery'));
  });
}
