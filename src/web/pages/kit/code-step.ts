/**
 * The "enter the code" step as routes, shared by registration and recovery: show the page (behind the
 * journey's guard), check a code, send a new one. Each journey says where its pages are and which use
 * case answers; wrong, expired or too-early answers come back to the page, a locked code or spent
 * limits go to the refusal page, and anything out of step lets the guard decide.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withoutSeparators } from '../../../usecases/codes/code-rules.ts';
import type { Outcome, RequestContext } from '../../../usecases/outcome.ts';
import { contextOf } from '../../request-context.ts';
import { refusalPath } from '../refusal/paths.ts';
import { CodeFormPage, type Link } from './code-form.tsx';
import type { PageContext } from './context.ts';
import type { PageDeps } from './deps.ts';
import { shownErrors } from './errors.ts';
import type { Flash } from './flash.ts';
import { type FormSchema, pageErrorsOf, readForm } from './forms.ts';
import type { Journey } from './journey-cookies.ts';
import { noticeText } from './notice.ts';
import { seeOther, sendPage } from './reply.ts';
import { duration } from './time.ts';

export const codeFormSchema = { code: { maxLength: 16, required: true } } satisfies FormSchema;

const STAYS_ON_CODE_PAGE = new Set(['OTP_INVALID', 'OTP_EXPIRED', 'SMS_UNAVAILABLE']);
/** The journey no longer exists or is at another step: the guard of the code page knows where to go. */
const OUT_OF_STEP = new Set(['REGISTRATION_NOT_FOUND', 'CODE_NOT_FOUND', 'STEP_NOT_ALLOWED']);

export interface CodeStatus {
  otpExpiresAt: Date;
  resendAvailableAt: Date;
  /** Only where the journey may show it (registration, not recovery). */
  maskedPhone?: string;
}

export interface CodeStep {
  journey: Journey;
  paths: { otp: string; resend: string; next: string };
  /** The journey at its code step, or undefined once the guard has redirected. */
  at(request: FastifyRequest, reply: FastifyReply): Promise<CodeStatus | undefined>;
  /** The sentence above the code field, from what `at` already loaded. */
  lead(ctx: PageContext, status: CodeStatus): string;
  verify(id: string, code: string, context: RequestContext): Promise<Outcome<unknown>>;
  resend(id: string, context: RequestContext): Promise<Outcome<unknown>>;
  resentNotice(id: string): Promise<NonNullable<Flash['notice']>>;
  startAgain?: (ctx: PageContext) => Link;
  /** Other ways to the same end (registration's other methods), under "didn't get the code?". */
  otherMethods?: (ctx: PageContext) => Link;
  /** The registration method, so a refusal page leads back to its form. */
  method?: string;
}

export function codeStepRoutes(app: FastifyInstance, deps: PageDeps, step: CodeStep) {
  const { paths } = step;
  const answerFailure = (reply: FastifyReply, failure: Parameters<typeof pageErrorsOf>[0]) => {
    if (STAYS_ON_CODE_PAGE.has(failure.code)) {
      deps.flash.set(reply, { errors: pageErrorsOf(failure, 'code') });
      return seeOther(reply, paths.otp);
    }
    return seeOther(
      reply,
      OUT_OF_STEP.has(failure.code)
        ? paths.otp
        : refusalPath(deps.refusalPages, failure, step.journey, step.method),
    );
  };

  app.get(paths.otp, async (request, reply) => {
    const status = await step.at(request, reply);
    if (!status) return reply;
    const ctx = deps.context(request);
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      CodeFormPage({
        ctx,
        csrf: reply.generateCsrf(),
        lead: step.lead(ctx, status),
        errors: shownErrors(ctx, flash.errors, { code: ctx.m.code.code }),
        notice: shownNotice(ctx, flash),
        action: paths.otp,
        resendAction: paths.resend,
        now: deps.now(),
        otpExpiresAt: status.otpExpiresAt,
        resendAvailableAt: status.resendAvailableAt,
        ...(step.startAgain && { startAgain: step.startAgain(ctx) }),
        ...(step.otherMethods && { otherMethods: step.otherMethods(ctx) }),
      }),
    );
  });

  app.post(paths.otp, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, step.journey) ?? '';
    const { values, errors } = readForm(request.body, codeFormSchema);
    // Spaces and dashes that phones and people put between digits are not part of the code.
    const code = withoutSeparators(values.code);
    if (errors.length === 0 && !/^\d{6}$/.test(code)) errors.push({ field: 'code', code: 'OTP_FORMAT' });
    if (errors.length > 0) {
      deps.flash.set(reply, { errors });
      return seeOther(reply, paths.otp);
    }
    const verified = await step.verify(id, code, contextOf(request));
    return verified.ok ? seeOther(reply, paths.next) : answerFailure(reply, verified.failure);
  });

  app.post(paths.resend, { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = deps.journeys.get(request, step.journey) ?? '';
    const resent = await step.resend(id, contextOf(request));
    if (!resent.ok && resent.failure.code === 'OTP_RESEND_TOO_SOON') {
      // Nothing the citizen typed was wrong: the code they have still works, and the wait is short.
      const when = duration(resent.failure.retryAfterSeconds ?? 1, deps.context(request).m);
      deps.flash.set(reply, { notice: { key: 'code.resendTooSoon', params: { when }, tone: 'info' } });
      return seeOther(reply, paths.otp);
    }
    if (!resent.ok) return answerFailure(reply, resent.failure);
    deps.flash.set(reply, { notice: await step.resentNotice(id) });
    return seeOther(reply, paths.otp);
  });
}

/** A resent code is good news; an early resend is only information. */
function shownNotice(ctx: PageContext, flash: Flash) {
  const text = noticeText(ctx, flash);
  return text === undefined ? undefined : { text, tone: flash.notice?.tone ?? ('success' as const) };
}
