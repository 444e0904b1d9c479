/**
 * The remote-signature pages. Registration: `/register/remote-signature` (the shared form logic: entries, captcha,
 * consent) → `/register/remote-signature/waiting`, which polls on every load (the shared status, which asks the
 * provider) and reloads itself → `/done` (signed in; a portal's authorization goes on as with the other methods)
 * or `/refused`. Sign-in: `/sign-in/remote-signature` → its waiting page → the portal's interaction, or the
 * account.
 *
 * The waiting page reloads itself with the HTTP `Refresh` header rather than `<meta http-equiv="refresh">`: the
 * same behaviour in every browser, without JavaScript, but axe-core's WCAG 2.2.1 rule `meta-refresh` fails any
 * meta refresh under 20 hours. For 2.2.1 itself the page says that it updates and offers to stop it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Failure } from '../../../../usecases/outcome.ts';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import type { PageDeps } from '../../../../web/pages/kit/deps.ts';
import { shownErrors } from '../../../../web/pages/kit/errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../../../../web/pages/kit/forms.ts';
import { interactionPath } from '../../../../web/pages/kit/hub-interactions.ts';
import { returningPortal } from '../../../../web/pages/kit/portal-return.ts';
import { registrationFormRoutes } from '../../../../web/pages/kit/registration-form.ts';
import { seeOther, sendPage } from '../../../../web/pages/kit/reply.ts';
import { requireSession } from '../../../../web/pages/kit/session.ts';
import { DonePage } from '../../../../web/pages/register/done/template.tsx';
import { pathOfStep } from '../../../../web/pages/register/paths.ts';
import { contextOf } from '../../../../web/request-context.ts';
import { switchSession } from '../../../../web/session-cookie.ts';
import type { RemoteSignatureServices } from '../services.ts';
import { REFRESH_SECONDS, REGISTER, SIGN_IN_PATH, SIGN_IN_WAITING_PATH } from './paths.ts';
import {
  type Action,
  RefusedPage,
  RemoteSignInPage,
  remoteFormLabels,
  remoteRegistrationPage,
  WaitingPage,
} from './templates.tsx';

const METHOD = 'remote-signature';
const formSchema = {
  idNumber: { maxLength: 32, required: true },
  provider: { maxLength: 32, required: true },
  captchaId: { maxLength: 64 },
  captchaAnswer: { maxLength: 32, required: true },
  consent: { maxLength: 8 },
  action: { maxLength: 32 },
} satisfies FormSchema;
const signInSchema = {
  idNumber: { maxLength: 32, required: true },
  provider: { maxLength: 32, required: true },
  interaction: { maxLength: 64 },
} satisfies FormSchema;
/** Refusals of a start: no registration exists, so the code travels in the address. */
const START_REFUSALS = new Set([
  'REMOTE_SIGNATURE_NOT_FOUND',
  'REMOTE_SIGNATURE_UNAVAILABLE',
  'RATE_LIMITED',
]);
const UNAVAILABLE = new Set([
  'REMOTE_SIGNATURE_UNAVAILABLE',
  'REVOCATION_UNAVAILABLE',
  'POPULATION_UNAVAILABLE',
]);
const UID = /^[\w-]{10,64}$/;
const SIGN_IN_COOKIE = { name: 'remotesig', path: SIGN_IN_PATH };
const RETRY_AFTER_SECONDS = 30;

export async function remoteSignaturePages(
  app: FastifyInstance,
  deps: PageDeps,
  services: RemoteSignatureServices,
) {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies,
    path: SIGN_IN_COOKIE.path,
  };

  registrationFormRoutes(app, deps, {
    method: METHOD,
    schema: formSchema,
    kept: ['idNumber', 'provider', 'consent'],
    labels: remoteFormLabels,
    render: remoteRegistrationPage(() => services.providers),
    start: services.formStart,
    next: REGISTER.waiting,
    refused: (failure: Failure) =>
      START_REFUSALS.has(failure.code) ? `${REGISTER.refused}?code=${failure.code}` : undefined,
  });

  app.get(REGISTER.waiting, async (request, reply) => {
    const id = deps.journeys.get(request, 'registration');
    const status = id ? await deps.registration.status(id, contextOf(request)) : undefined;
    if (!status?.ok) {
      if (id) deps.flash.set(reply, { notice: { key: 'registrationForm.expired' } });
      return seeOther(reply, REGISTER.form);
    }
    const { step, method, session, displayCode, signatureExpiresAt } = status.value;
    if (session) await switchSession(request, reply, deps.accounts.sessions, session, deps.secureCookies);
    if (step !== 'awaiting-signature' || method !== METHOD) return seeOther(reply, pathOfStep(method, step));
    return waiting(request, reply, REGISTER.waiting, displayCode ?? '', signatureExpiresAt ?? new Date());
  });

  app.get(REGISTER.done, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    deps.journeys.clear(reply, 'registration');
    const ctx = deps.context(request);
    const s = ctx.m.remoteSignature;
    const portal = await returningPortal(deps, request, ctx);
    if (portal) {
      deps.portalReturn.forget(reply);
      return sendPage(
        reply,
        DonePage({
          ctx,
          title: s.doneTitle,
          lead: ctx.m.hub.doneContinueLead,
          next: { href: portal.href, text: portal.text },
        }),
      );
    }
    return sendPage(
      reply,
      DonePage({
        ctx: { ...ctx, signedIn: true },
        title: s.doneTitle,
        lead: s.doneLead,
        detail: s.doneNext,
        next: { href: '/account', text: ctx.m.done.toAccount },
      }),
    );
  });

  app.get(REGISTER.refused, async (request, reply) => {
    const asked = (request.query as { code?: string }).code ?? '';
    let code = START_REFUSALS.has(asked) ? asked : undefined;
    if (!code) {
      const id = deps.journeys.get(request, 'registration');
      const status = id ? await deps.registration.status(id) : undefined;
      if (!status?.ok || status.value.method !== METHOD) return seeOther(reply, REGISTER.form);
      if (status.value.step !== 'refused') return seeOther(reply, pathOfStep(METHOD, status.value.step));
      code = status.value.refusalCode ?? 'SIGNATURE_EXPIRED';
    }
    return refused(request, reply, code, 'registration');
  });

  app.get(SIGN_IN_PATH, async (request, reply) => {
    const ctx = deps.context(request);
    const interaction = (request.query as { interaction?: string }).interaction;
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      RemoteSignInPage({
        ctx,
        csrf: reply.generateCsrf(),
        providers: services.providers,
        idNumber: flash.values?.idNumber,
        provider: flash.values?.provider,
        errors: shownErrors(ctx, flash.errors, remoteFormLabels(ctx)),
        interaction: interaction && UID.test(interaction) ? interaction : undefined,
      }),
    );
  });

  app.post(SIGN_IN_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, signInSchema);
    const interaction = UID.test(values.interaction) ? values.interaction : undefined;
    const back = (failure: Failure | undefined) => {
      deps.flash.set(reply, {
        errors: failure ? pageErrorsOf(failure, 'idNumber') : errors,
        values: { idNumber: values.idNumber, provider: values.provider },
      });
      return seeOther(reply, interaction ? `${SIGN_IN_PATH}?interaction=${interaction}` : SIGN_IN_PATH);
    };
    if (errors.length > 0) return back(undefined);
    const started = await services.startSignIn(
      { idNumber: values.idNumber, provider: values.provider },
      contextOf(request),
    );
    if (!started.ok) {
      if (started.failure.code === 'VALIDATION_FAILED') return back(started.failure);
      return refused(request, reply, started.failure.code, 'sign-in', started.failure);
    }
    const state = JSON.stringify({ id: started.value.signInId, ...(interaction && { interaction }) });
    reply.setCookie(SIGN_IN_COOKIE.name, state, { ...cookieOptions, maxAge: 10 * 60 });
    return seeOther(reply, SIGN_IN_WAITING_PATH);
  });

  app.get(SIGN_IN_WAITING_PATH, async (request, reply) => {
    const state = readState(request.cookies[SIGN_IN_COOKIE.name]);
    if (!state) return seeOther(reply, SIGN_IN_PATH);
    const polled = await services.pollSignIn(state.id, contextOf(request));
    if (!polled.ok) {
      reply.clearCookie(SIGN_IN_COOKIE.name, cookieOptions);
      return seeOther(reply, SIGN_IN_PATH);
    }
    const { step, session, displayCode, expiresAt, code } = polled.value;
    if (step === 'awaiting-signature')
      return waiting(request, reply, SIGN_IN_WAITING_PATH, displayCode ?? '', expiresAt);
    reply.clearCookie(SIGN_IN_COOKIE.name, cookieOptions);
    if (step === 'refused') return refused(request, reply, code ?? 'SIGNATURE_EXPIRED', 'sign-in');
    if (!session) return seeOther(reply, '/account');
    await switchSession(request, reply, deps.accounts.sessions, session, deps.secureCookies);
    if (state.interaction) return seeOther(reply, interactionPath(state.interaction));
    deps.flash.set(reply, { notice: { key: 'account.signedIn' } });
    return seeOther(reply, '/account');
  });

  function waiting(
    request: FastifyRequest,
    reply: FastifyReply,
    self: string,
    displayCode: string,
    expiresAt: Date,
  ) {
    const refreshing = (request.query as { refresh?: string }).refresh !== 'off';
    if (refreshing) reply.header('refresh', String(REFRESH_SECONDS));
    reply.header('cache-control', 'no-store');
    const ctx = deps.context(request);
    return sendPage(reply, WaitingPage({ ctx, displayCode, expiresAt, now: deps.now(), refreshing, self }));
  }

  function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    journey: 'registration' | 'sign-in',
    failure?: Failure,
  ) {
    const ctx = deps.context(request);
    const shown = describe(ctx, code, journey);
    if (shown.status === 503)
      reply.header('retry-after', String(failure?.retryAfterSeconds ?? RETRY_AFTER_SECONDS));
    return sendPage(reply, RefusedPage({ ctx, ...shown.page }), shown.status);
  }
}

function readState(raw: string | undefined): { id: string; interaction?: string } | undefined {
  try {
    const state = raw ? (JSON.parse(raw) as { id?: unknown; interaction?: unknown }) : undefined;
    if (!state || typeof state.id !== 'string') return undefined;
    return {
      id: state.id,
      ...(typeof state.interaction === 'string' &&
        UID.test(state.interaction) && { interaction: state.interaction }),
    };
  } catch {
    return undefined;
  }
}

/** The refusal's words (the API's problem texts), its status, and the ways on. */
function describe(ctx: PageContext, code: string, journey: 'registration' | 'sign-in') {
  const s = ctx.m.remoteSignature;
  const problems = ctx.api.problems as Record<string, { title: string; detail: string } | undefined>;
  const problem = problems[code] ?? problems.SIGNATURE_EXPIRED ?? { title: s.refusedTitle, detail: '' };
  const again: Action =
    journey === 'registration'
      ? { href: REGISTER.form, text: s.startAgain }
      : { href: SIGN_IN_PATH, text: s.startAgain };
  const others: Action = {
    href: journey === 'registration' ? '/register' : '/sign-in',
    text: s.otherMethods,
  };
  const signIn: Action = { href: '/sign-in', text: s.signIn };
  const details: string[] = [];
  let actions: Action[] = [again, others];
  if (code === 'ACCOUNT_EXISTS') {
    details.push(s.existsHow);
    actions = [signIn, { href: '/forgot-password', text: ctx.m.common.forgotPassword }];
  } else if (code === 'CERTIFICATE_NOT_REGISTERED') {
    actions = [{ href: REGISTER.form, text: s.register }, signIn];
  }
  const status = UNAVAILABLE.has(code)
    ? 503
    : code === 'ACCOUNT_EXISTS'
      ? 409
      : code === 'RATE_LIMITED'
        ? 429
        : 422;
  return {
    status,
    page: {
      title: journey === 'registration' ? s.refusedTitle : s.refusedSignInTitle,
      lead: problem.title,
      details: [problem.detail, ...details].filter(Boolean),
      actions,
    },
  };
}
