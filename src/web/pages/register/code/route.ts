/**
 * Enter the code: the masked phone, the time left, when a new code may be asked for, resend, and the
 * attempts left after a wrong code. Wrong or expired codes come back here; a locked code or the last
 * code used up goes to its refusal page.
 */
import type { FastifyInstance } from 'fastify';
import { CodeFormPage } from '../../kit/code-form.tsx';
import type { PageDeps } from '../../kit/deps.ts';
import { shownErrors } from '../../kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../../kit/forms.ts';
import { noticeText } from '../../kit/notice.ts';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { format } from '../../messages.ts';
import { refusalPath } from '../../refusal/paths.ts';
import { registrationAt } from '../guard.ts';
import { REGISTRATION_PATHS } from '../paths.ts';

export const codeFormSchema = { code: { maxLength: 16, required: true } } satisfies FormSchema;

/** Spaces and dashes that phones and people put between digits are not part of the code. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, '');

/** Failures that stay on the code page; the rest are refusals. */
export const STAYS_ON_CODE_PAGE = new Set([
  'OTP_INVALID',
  'OTP_EXPIRED',
  'OTP_RESEND_TOO_SOON',
  'SMS_UNAVAILABLE',
]);

export async function registrationCodePage(app: FastifyInstance, deps: PageDeps) {
  app.get(REGISTRATION_PATHS.otp, async (request, reply) => {
    const status = await registrationAt(deps, request, reply, 'otp');
    if (!status) return reply;
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      CodeFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        lead: format(ctx.m.code.lead, { phone: status.maskedPhone }),
        errors: shownErrors(ctx, flash.errors, { code: ctx.m.code.code }),
        notice: noticeText(ctx, flash),
        action: REGISTRATION_PATHS.otp,
        resendAction: REGISTRATION_PATHS.resend,
        now: deps.now(),
        otpExpiresAt: status.otpExpiresAt ?? deps.now(),
        resendAvailableAt: status.resendAvailableAt ?? deps.now(),
        startAgain: { href: REGISTRATION_PATHS.form, text: ctx.m.code.wrongNumber },
      }),
    );
  });

  app.post(REGISTRATION_PATHS.otp, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, 'registration') ?? '';
    const { values, errors } = readForm(request.body, codeFormSchema);
    const code = normaliseCode(values.code);
    if (errors.length === 0 && !/^\d{6}$/.test(code)) errors.push({ field: 'code', code: 'OTP_FORMAT' });
    if (errors.length > 0) {
      deps.flash.set(reply, { errors });
      return seeOther(reply, REGISTRATION_PATHS.otp);
    }
    const verified = await deps.registration.verifyCode(id, code, {
      requestId: request.id,
      clientIp: request.ip,
    });
    if (verified.ok) return seeOther(reply, REGISTRATION_PATHS.password);
    const { failure } = verified;
    if (STAYS_ON_CODE_PAGE.has(failure.code)) {
      deps.flash.set(reply, { errors: pageErrorsOf(failure, 'code') });
      return seeOther(reply, REGISTRATION_PATHS.otp);
    }
    if (failure.code === 'OTP_LOCKED') return seeOther(reply, refusalPath(failure, 'registration'));
    return seeOther(reply, REGISTRATION_PATHS.otp); // not found or another step: the guard knows where to go
  });

  app.post(REGISTRATION_PATHS.resend, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, 'registration') ?? '';
    const resent = await deps.registration.resendCode(id, { requestId: request.id, clientIp: request.ip });
    if (resent.ok) {
      const status = await deps.registration.status(id);
      const phone = status.ok ? status.value.maskedPhone : '';
      deps.flash.set(reply, { notice: { key: 'code.resent', params: { phone } } });
      return seeOther(reply, REGISTRATION_PATHS.otp);
    }
    const { failure } = resent;
    if (STAYS_ON_CODE_PAGE.has(failure.code)) {
      deps.flash.set(reply, { errors: pageErrorsOf(failure, 'code') });
      return seeOther(reply, REGISTRATION_PATHS.otp);
    }
    if (failure.code === 'REGISTRATION_NOT_FOUND' || failure.code === 'STEP_NOT_ALLOWED')
      return seeOther(reply, REGISTRATION_PATHS.otp);
    return seeOther(reply, refusalPath(failure, 'registration'));
  });
}
