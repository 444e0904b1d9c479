/**
 * An asynchronous signature method's registration pages: its form (the shared form logic: entries, captcha,
 * consent) → `waiting`, which polls on every load (the shared status, which asks the partner) and reloads itself
 * → `done` (signed in; a portal's authorization goes on as with the other methods) or `refused`.
 */
import type { FastifyInstance } from 'fastify';
import type { Failure } from '../../../../usecases/outcome.ts';
import { contextOf } from '../../../request-context.ts';
import { switchSession } from '../../../session-cookie.ts';
import { sendRegistrationDone } from '../../register/done/send-done.ts';
import { pathOfStep } from '../../register/paths.ts';
import type { PageDeps } from '../deps.ts';
import { registrationFormRoutes } from '../registration-form.ts';
import { seeOther } from '../reply.ts';
import { requireSession } from '../session.ts';
import type { AwaitingSignatureMethod } from './method.ts';
import type { AwaitingSignatureReplies } from './replies.ts';

export function signatureRegistrationRoutes(
  app: FastifyInstance,
  deps: PageDeps,
  spec: AwaitingSignatureMethod,
  { waiting, refused }: AwaitingSignatureReplies,
) {
  const { method } = spec;
  const REGISTER = spec.paths.register;

  registrationFormRoutes(app, deps, {
    method,
    schema: spec.registration.schema,
    kept: spec.registration.kept,
    labels: spec.labels,
    render: spec.registration.render,
    start: spec.registration.start,
    next: REGISTER.waiting,
    refused: (failure: Failure) =>
      spec.refusals.atStart.has(failure.code) ? `${REGISTER.refused}?code=${failure.code}` : undefined,
  });

  app.get(REGISTER.waiting, async (request, reply) => {
    const id = deps.journeys.get(request, 'registration');
    const status = id ? await deps.registration.status(id, contextOf(request)) : undefined;
    if (!status?.ok) {
      if (id) deps.flash.set(reply, { notice: { key: 'registrationForm.expired' } });
      return seeOther(reply, REGISTER.form);
    }
    const { step, session, displayCode, signatureExpiresAt } = status.value;
    if (session) await switchSession(request, reply, deps.accounts.sessions, session, deps.secureCookies);
    if (step !== 'awaiting-signature' || status.value.method !== method)
      return seeOther(reply, pathOfStep(status.value.method, step));
    return waiting(request, reply, REGISTER.waiting, displayCode ?? '', signatureExpiresAt ?? new Date());
  });

  app.get(REGISTER.done, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    deps.journeys.clear(reply, 'registration');
    const ctx = deps.context(request);
    const s = spec.texts(ctx);
    return sendRegistrationDone(deps, request, reply, {
      ctx,
      title: s.doneTitle,
      signedIn: true,
      otherwise: {
        ctx: { ...ctx, signedIn: true },
        title: s.doneTitle,
        lead: s.doneLead,
        detail: s.doneNext,
        next: { href: '/account', text: ctx.m.done.toAccount },
      },
    });
  });

  app.get(REGISTER.refused, async (request, reply) => {
    const asked = (request.query as { code?: string }).code ?? '';
    let code = spec.refusals.atStart.has(asked) ? asked : undefined;
    if (!code) {
      const id = deps.journeys.get(request, 'registration');
      const status = id ? await deps.registration.status(id) : undefined;
      if (!status?.ok || status.value.method !== method) return seeOther(reply, REGISTER.form);
      if (status.value.step !== 'refused') return seeOther(reply, pathOfStep(method, status.value.step));
      code = status.value.refusalCode ?? 'SIGNATURE_EXPIRED';
    }
    return refused(request, reply, code, 'registration');
  });
}
