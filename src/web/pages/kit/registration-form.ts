/**
 * The form page of a registration method that ends in an SMS code: entries, captcha (a "new image" button
 * that works without JavaScript, a recording for citizens who cannot see it), consent. A post is checked in
 * one pass: every field error at once, the entries kept, and the captcha kept too (it is checked, and so
 * spent, only once every field is right). A valid post starts the registration and goes to the code page;
 * a refusal goes to its own page with a way forward; a wrong captcha comes back with a new image.
 */
import type { FastifyInstance } from 'fastify';
import type { Failure } from '../../../usecases/outcome.ts';
import type { StartWithCode } from '../../../usecases/registration/index.ts';
import { contextOf } from '../../request-context.ts';
import { languageAsked, rememberLanguage } from '../language/route.ts';
import { refusalPath } from '../refusal/paths.ts';
import { registrationPaths } from '../register/paths.ts';
import type { PageContext } from './context.ts';
import type { PageDeps } from './deps.ts';
import { type ShownError, shownErrors } from './errors.ts';
import type { PageError } from './flash.ts';
import { type FormCaptcha, formCaptcha, unchecked } from './form-captcha.ts';
import { type FormSchema, inFieldOrder, keptValues, pageErrorsOf, readForm } from './forms.ts';
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
  captcha: FormCaptcha;
  /** How many codes a phone may receive in 24 hours, told before the citizen spends them. */
  codesPerDay: number;
  action: string;
}

export function registrationFormRoutes<S extends FormSchema>(
  app: FastifyInstance,
  deps: PageDeps,
  form: {
    method: string;
    schema: S;
    /** Entries shown again after an error (the captcha's answer goes with its captcha, see form-captcha.ts). */
    kept: readonly (keyof S & string)[];
    labels(ctx: PageContext): Record<string, string>;
    render(view: RegistrationFormView): string | Promise<string>;
    start: StartWithCode<Record<keyof S & string, string>>;
    /** Where a started registration goes: the code page, unless the method's next step is another (a signature). */
    next?: string;
    /** The method's own page for a refusal it words itself, else the shared refusal page. */
    refused?: (failure: Failure) => string | undefined;
  },
) {
  const paths = registrationPaths(form.method);

  app.get(paths.form, async (request, reply) => {
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    const captcha = await formCaptcha(deps, request, flash.captcha);
    if (!captcha.ok)
      return seeOther(reply, refusalPath(deps.refusalPages, captcha.failure, 'registration', form.method));
    return sendPage(
      reply,
      form.render({
        ctx,
        csrf: reply.generateCsrf(),
        values: flash.values ?? {},
        errors: shownErrors(ctx, flash.errors, form.labels(ctx)),
        notice: noticeText(ctx, flash),
        captcha: captcha.value,
        codesPerDay: deps.limits.smsPerPhonePerDay,
        action: paths.form,
      }),
    );
  });

  app.post(paths.form, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, form.schema);
    const kept = keptValues(values, form.kept);
    const back = (flashErrors: PageError[], captcha: 'keep' | 'new') => {
      deps.flash.set(reply, {
        errors: flashErrors,
        values: kept,
        ...(captcha === 'keep' && { captcha: unchecked(values) }),
      });
      return seeOther(reply, paths.form);
    };
    if (values.action === 'new-captcha') return back([], 'new');
    const language = languageAsked(values.action);
    if (language) {
      // The captcha was not checked: the same image comes back with the entries, in the other language.
      rememberLanguage(reply, language, deps.secureCookies);
      return back([], 'keep');
    }
    if (values.consent !== 'yes') errors.push({ field: 'consent', code: 'CONSENT_REQUIRED' });
    // The method's own checks of the fields the form found no fault with: every error in one pass.
    const faulty = new Set(errors.map((error) => error.field));
    errors.push(...form.start.check(values).filter((error) => !faulty.has(error.field)));
    if (errors.length > 0) return back(inFieldOrder(errors, form.schema), 'keep');

    const started = await form.start(values, contextOf(request));
    if (started.ok) {
      deps.journeys.set(reply, 'registration', started.value.registrationId);
      return seeOther(reply, form.next ?? paths.otp);
    }
    const { failure } = started;
    if (failure.code.startsWith('CAPTCHA'))
      return back([{ field: 'captchaAnswer', code: 'CAPTCHA_INVALID' }], 'new');
    // Field errors are found before the captcha is checked, so it is still unspent.
    if (ON_THE_FORM.has(failure.code)) return back(pageErrorsOf(failure, 'idNumber'), 'keep');
    // The entries wait for the citizen who comes back to the form from the refusal page.
    deps.flash.set(reply, { values: kept });
    return seeOther(
      reply,
      form.refused?.(failure) ?? refusalPath(deps.refusalPages, failure, 'registration', form.method),
    );
  });
}
