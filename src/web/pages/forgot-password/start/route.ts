/**
 * Forgot password, first step: the ID number and a captcha. The answer is the same whether an account
 * exists or not (the use case makes a decoy), so this page tells nobody who has an account. Every field error
 * shows at once, and a post sent back for its ID number keeps the captcha, unspent (it is checked last).
 */
import type { FastifyInstance } from 'fastify';
import { parseIdNumber } from '../../../../domain/id-number.ts';
import type { PageDeps } from '../../kit/deps.ts';
import { shownErrors } from '../../kit/errors.ts';
import type { PageError } from '../../kit/flash.ts';
import { formCaptcha, unchecked } from '../../kit/form-captcha.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../../kit/forms.ts';
import { noticeText } from '../../kit/notice.ts';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { languageAsked, rememberLanguage } from '../../language/route.ts';
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
    const captcha = await formCaptcha(deps, request, flash.captcha);
    if (!captcha.ok) return seeOther(reply, refusalPath(deps.refusalPages, captcha.failure, 'recovery'));
    return sendPage(
      reply,
      RecoveryStartPage({
        ctx,
        csrf: reply.generateCsrf(),
        idNumber: flash.values?.idNumber ?? '',
        captcha: captcha.value,
        errors: shownErrors(ctx, flash.errors, recoveryStartLabels(ctx)),
        notice: noticeText(ctx, flash),
      }),
    );
  });

  app.post(RECOVERY_PATHS.start, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, recoveryStartSchema);
    const back = (flashErrors: PageError[], captcha: 'keep' | 'new') => {
      deps.flash.set(reply, {
        errors: flashErrors,
        values: { idNumber: values.idNumber },
        ...(captcha === 'keep' && { captcha: unchecked(values) }),
      });
      return seeOther(reply, RECOVERY_PATHS.start);
    };
    if (values.action === 'new-captcha') return back([], 'new');
    const language = languageAsked(values.action);
    if (language) {
      // The captcha was not checked: the same image comes back with the entries, in the other language.
      rememberLanguage(reply, language, deps.secureCookies);
      return back([], 'keep');
    }
    const idNumber = values.idNumber ? parseIdNumber(values.idNumber) : undefined;
    if (idNumber && !idNumber.ok) errors.unshift({ field: 'idNumber', code: idNumber.error });
    if (errors.length > 0) return back(errors, 'keep');
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
      return back([{ field: 'captchaAnswer', code: 'CAPTCHA_INVALID' }], 'new');
    // The use case checks the ID number before the captcha: the captcha is still unspent.
    if (failure.code === 'VALIDATION_FAILED') return back(pageErrorsOf(failure, 'idNumber'), 'keep');
    return seeOther(reply, refusalPath(deps.refusalPages, failure, 'recovery'));
  });
}
