/**
 * The form page of a registration method that ends in an SMS code: entries, captcha (a "new image" button
 * that works without JavaScript), consent. A valid post starts the registration and goes to the code page;
 * a refusal goes to its own page with a way forward; anything else comes back to the form with the errors
 * and the entries kept.
 */
import type { FastifyInstance } from 'fastify';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import type { StartedRegistration } from '../../../usecases/registration/index.ts';
import { contextOf } from '../../request-context.ts';
import { refusalPath } from '../refusal/paths.ts';
import { registrationPaths } from '../register/paths.ts';
import type { PageContext } from './context.ts';
import type { PageDeps } from './deps.ts';
import { type ShownError, shownErrors } from './errors.ts';
import { type FormSchema, keptValues, pageErrorsOf, readForm } from './forms.ts';
import { noticeText } from './notice.ts';
import { seeOther, sendPage } from './reply.ts';

/** Failures shown on the form itself; every other one is a refusal with its own page. */
const ON_THE_FORM = new Set(['VALIDATION_FAILED', 'CAPTCHA_INVALID', 'CAPTCHA_NOT_FOUND']);

export interface RegistrationFormView {
  ctx: PageContext;
  csrf: string;
  values: Record<string, string>;
  errors: ShownError[];
  notice?: string | undefined;
  captchaId: string;
  action: string;
}

export function registrationFormRoutes<S extends FormSchema>(
  app: FastifyInstance,
  deps: PageDeps,
  form: {
    method: string;
    schema: S;
    /** Entries shown again after an error; the captcha answer never is (the next image is a new one). */
    kept: readonly (keyof S & string)[];
    labels(ctx: PageContext): Record<string, string>;
    render(view: RegistrationFormView): string | Promise<string>;
    start(
      values: Record<keyof S & string, string>,
      context: RequestContext,
    ): Promise<Outcome<StartedRegistration>>;
  },
) {
  const paths = registrationPaths(form.method);

  app.get(paths.form, async (request, reply) => {
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    const captcha = await deps.captchas.create(request.ip);
    if (!captcha.ok) return seeOther(reply, refusalPath(captcha.failure, 'registration', form.method));
    return sendPage(
      reply,
      form.render({
        ctx,
        csrf: reply.generateCsrf(),
        values: flash.values ?? {},
        errors: shownErrors(ctx, flash.errors, form.labels(ctx)),
        notice: noticeText(ctx, flash),
        captchaId: captcha.value.captchaId,
        action: paths.form,
      }),
    );
  });

  app.post(paths.form, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, form.schema);
    const kept = keptValues(values, form.kept);
    const back = (flashErrors = errors) => {
      deps.flash.set(reply, { errors: flashErrors, values: kept });
      return seeOther(reply, paths.form);
    };
    if (values.action === 'new-captcha') return back([]);
    if (values.consent !== 'yes') errors.push({ field: 'consent', code: 'CONSENT_REQUIRED' });
    if (errors.length > 0) return back();

    const started = await form.start(values, contextOf(request));
    if (started.ok) {
      deps.journeys.set(reply, 'registration', started.value.registrationId);
      return seeOther(reply, paths.otp);
    }
    const { failure } = started;
    if (failure.code.startsWith('CAPTCHA'))
      return back([{ field: 'captchaAnswer', code: 'CAPTCHA_INVALID' }]);
    if (ON_THE_FORM.has(failure.code)) return back(pageErrorsOf(failure, 'idNumber'));
    // The entries wait for the citizen who comes back to the form from the refusal page.
    deps.flash.set(reply, { values: kept });
    return seeOther(reply, refusalPath(failure, 'registration', form.method));
  });
}
