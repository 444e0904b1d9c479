/**
 * Step-up to LoA2 inside a portal's authorization: opening the page sends the SMS code to the account's verified
 * phone (once: opening it again shows the code already sent), the code form kit takes the answer, and an accepted
 * code puts the LoA2 session in the browser and continues the authorization. An account that cannot reach LoA2
 * (no verified phone), and spent limits, get a page that says why, with the way back to the portal.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StepUpStatus } from '../../../usecases/accounts/step-up.ts';
import { withoutSeparators } from '../../../usecases/codes/code-rules.ts';
import type { Failure } from '../../../usecases/outcome.ts';
import { contextOf } from '../../request-context.ts';
import { switchSession } from '../../session-cookie.ts';
import { CodeFormPage } from '../kit/code-form.tsx';
import { codeFormSchema } from '../kit/code-step.ts';
import type { PageDeps } from '../kit/deps.ts';
import { errorMessage, shownErrors } from '../kit/errors.ts';
import { pageErrorsOf, readForm } from '../kit/forms.ts';
import { INTERACTION_ROUTE } from '../kit/hub-interactions.ts';
import { noticeText } from '../kit/notice.ts';
import { withPortal } from '../kit/portal-return.ts';
import { seeOther, sendPage } from '../kit/reply.ts';
import { currentSession } from '../kit/session.ts';
import { duration } from '../kit/time.ts';
import type { InteractionFlow, Loaded } from './route.ts';
import { PortalStopPage } from './template.tsx';

/** Answers that leave the citizen on the code page, the error by the field. */
const ON_CODE_PAGE = new Set(['OTP_INVALID', 'OTP_EXPIRED', 'OTP_LOCKED', 'SMS_UNAVAILABLE', 'OTP_FORMAT']);

export async function stepUpRoutes(app: FastifyInstance, deps: PageDeps, flow: InteractionFlow) {
  const stepUp = deps.accounts.stepUp;

  /** The interaction and the hub session it steps up; without a session, the interaction's entry decides. */
  async function withSession(request: FastifyRequest, reply: FastifyReply) {
    const loaded = await flow.load(request, reply);
    if (!loaded) return undefined;
    const session = await currentSession(deps, request);
    if (!session) {
      await seeOther(reply, loaded.paths.glue);
      return undefined;
    }
    return { loaded, session };
  }

  app.get(`${INTERACTION_ROUTE}/step-up`, async (request, reply) => {
    const found = await withSession(request, reply);
    if (!found) return reply;
    const { loaded, session } = found;
    const begun = await stepUp.begin(session);
    if (!begun.ok) return stopPage(reply, loaded, begun.failure);
    return showStatus(request, reply, loaded, begun.value);
  });

  app.post(`${INTERACTION_ROUTE}/step-up`, { preHandler: app.csrfProtection }, async (request, reply) => {
    const found = await withSession(request, reply);
    if (!found) return reply;
    const { loaded, session } = found;
    const { values, errors } = readForm(request.body, codeFormSchema);
    const code = withoutSeparators(values.code);
    if (errors.length === 0 && !/^\d{6}$/.test(code)) errors.push({ field: 'code', code: 'OTP_FORMAT' });
    if (errors.length > 0) {
      deps.flash.set(reply, { errors });
      return seeOther(reply, loaded.paths.stepUp);
    }
    const verified = await stepUp.verify(session, code, contextOf(request));
    if (!verified.ok) {
      if (ON_CODE_PAGE.has(verified.failure.code))
        deps.flash.set(reply, { errors: pageErrorsOf(verified.failure, 'code') });
      return seeOther(reply, loaded.paths.stepUp);
    }
    await switchSession(request, reply, deps.accounts.sessions, verified.value.session, deps.secureCookies);
    return seeOther(reply, loaded.paths.glue);
  });

  app.post(
    `${INTERACTION_ROUTE}/step-up/resend`,
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const found = await withSession(request, reply);
      if (!found) return reply;
      const { loaded, session } = found;
      const resent = await stepUp.resend(session);
      if (resent.ok && resent.value.kind === 'code_sent')
        deps.flash.set(reply, {
          notice: { key: 'code.resent', params: { phone: resent.value.maskedPhone } },
        });
      else if (!resent.ok && resent.failure.code === 'OTP_RESEND_TOO_SOON') {
        const when = duration(resent.failure.retryAfterSeconds ?? 1, loaded.ctx.m);
        deps.flash.set(reply, { notice: { key: 'code.resendTooSoon', params: { when }, tone: 'info' } });
      } else if (!resent.ok && resent.failure.code !== 'CODE_NOT_FOUND')
        return stopPage(reply, loaded, resent.failure);
      return seeOther(reply, loaded.paths.stepUp);
    },
  );

  function showStatus(request: FastifyRequest, reply: FastifyReply, loaded: Loaded, status: StepUpStatus) {
    const { ctx, portal, paths } = loaded;
    switch (status.kind) {
      case 'not_needed':
        return seeOther(reply, paths.glue);
      case 'password_first':
        return flow.signInPage(request, reply, loaded);
      case 'no_phone':
        return sendPage(
          reply,
          PortalStopPage({
            ctx,
            csrf: reply.generateCsrf(),
            title: ctx.m.stepUp.noPhoneTitle,
            detail: ctx.m.stepUp.noPhoneDetail,
            help: ctx.m.stepUp.noPhoneHelp,
            back: { action: paths.abort, text: withPortal(ctx.m.stepUp.back, portal) },
          }),
        );
      case 'code_sent': {
        const flash = deps.flash.take(request, reply);
        const notice = noticeText(ctx, flash);
        return sendPage(
          reply,
          CodeFormPage({
            ctx,
            csrf: reply.generateCsrf(),
            title: ctx.m.stepUp.title,
            lead: withPortal(ctx.m.stepUp.lead, portal, { phone: status.maskedPhone }),
            errors: shownErrors(ctx, flash.errors, { code: ctx.m.code.code }),
            notice:
              notice === undefined ? undefined : { text: notice, tone: flash.notice?.tone ?? 'success' },
            action: paths.stepUp,
            resendAction: paths.resend,
            now: deps.now(),
            otpExpiresAt: status.otpExpiresAt,
            resendAvailableAt: status.resendAvailableAt,
            startAgain: { href: paths.abort, text: withPortal(ctx.m.hub.cancel, portal), post: true },
          }),
        );
      }
    }
  }

  /** A limit met or the SMS centre away: why, and the way back to the portal. */
  function stopPage(reply: FastifyReply, loaded: Loaded, failure: Failure) {
    const { ctx, portal, paths } = loaded;
    const problem =
      ctx.api.problems[failure.code as keyof typeof ctx.api.problems] ?? ctx.api.problems.RATE_LIMITED;
    const [shown] = pageErrorsOf(failure, 'code');
    return sendPage(
      reply,
      PortalStopPage({
        ctx,
        csrf: reply.generateCsrf(),
        title: problem.title,
        detail: shown ? errorMessage(ctx, shown) : problem.detail,
        back: { action: paths.abort, text: withPortal(ctx.m.stepUp.back, portal) },
      }),
      failure.code === 'UNAUTHENTICATED' ? 401 : 200,
    );
  }
}
