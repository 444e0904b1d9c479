/**
 * The mobile-subscriber form: entries, captcha (a "new image" button that works without JavaScript),
 * consent. A valid post starts the registration (owner check, first code) and goes to the code page;
 * a refusal goes to its own page with a way forward; anything else comes back here with the errors.
 */

import type { FastifyInstance } from 'fastify';
import { contextOf } from '../../../request-context.ts';
import type { PageDeps } from '../../kit/deps.ts';
import { shownErrors } from '../../kit/errors.ts';
import { keptValues, pageErrorsOf, readForm } from '../../kit/forms.ts';
import { noticeText } from '../../kit/notice.ts';
import { seeOther, sendPage } from '../../kit/reply.ts';
import { refusalPath } from '../../refusal/paths.ts';
import { REGISTRATION_PATHS } from '../paths.ts';
import { KEPT, mobileFormSchema } from './schema.ts';
import { MobileFormPage, mobileFormLabels } from './template.tsx';

/** Failures shown on the form itself; every other one is a refusal with its own page. */
const ON_THE_FORM = new Set(['VALIDATION_FAILED', 'CAPTCHA_INVALID', 'CAPTCHA_NOT_FOUND']);

export async function mobileFormPage(app: FastifyInstance, deps: PageDeps) {
  app.get(REGISTRATION_PATHS.form, async (request, reply) => {
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    const captcha = await deps.captchas.create(request.ip);
    if (!captcha.ok) return seeOther(reply, refusalPath(captcha.failure, 'registration'));
    return sendPage(
      reply,
      MobileFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        values: flash.values ?? {},
        errors: shownErrors(ctx, flash.errors, mobileFormLabels(ctx)),
        notice: noticeText(ctx, flash),
        captchaId: captcha.value.captchaId,
      }),
    );
  });

  app.post(REGISTRATION_PATHS.form, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, mobileFormSchema);
    const kept = keptValues(values, KEPT);
    const back = (flashErrors = errors) => {
      deps.flash.set(reply, { errors: flashErrors, values: kept });
      return seeOther(reply, REGISTRATION_PATHS.form);
    };
    if (values.action === 'new-captcha') return back([]);
    if (values.consent !== 'yes') errors.push({ field: 'consent', code: 'CONSENT_REQUIRED' });
    if (errors.length > 0) return back();

    const started = await deps.registration.start(values, contextOf(request));
    if (started.ok) {
      deps.journeys.set(reply, 'registration', started.value.registrationId);
      return seeOther(reply, REGISTRATION_PATHS.otp);
    }
    const { failure } = started;
    if (failure.code.startsWith('CAPTCHA'))
      return back([{ field: 'captchaAnswer', code: 'CAPTCHA_INVALID' }]);
    if (ON_THE_FORM.has(failure.code)) return back(pageErrorsOf(failure, 'idNumber'));
    // The entries wait for the citizen who comes back to the form from the refusal page.
    deps.flash.set(reply, { values: kept });
    return seeOther(reply, refusalPath(failure, 'registration'));
  });
}
