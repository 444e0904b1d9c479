/**
 * An asynchronous signature method's sign-in pages: its form → its waiting page (the attempt's id in a cookie
 * of that path; each load polls it) → the portal's interaction, or the account; or the refusal page.
 */
import type { FastifyInstance } from 'fastify';
import type { Failure } from '../../../../usecases/outcome.ts';
import { contextOf } from '../../../request-context.ts';
import { switchSession } from '../../../session-cookie.ts';
import type { PageDeps } from '../deps.ts';
import { shownErrors } from '../errors.ts';
import { type FormSchema, pageErrorsOf, readForm } from '../forms.ts';
import { interactionPath } from '../hub-interactions.ts';
import { seeOther, sendPage } from '../reply.ts';
import type { AwaitingSignatureMethod } from './method.ts';
import type { AwaitingSignatureReplies } from './replies.ts';

const UID = /^[\w-]{10,64}$/;

export function signatureSignInRoutes(
  app: FastifyInstance,
  deps: PageDeps,
  spec: AwaitingSignatureMethod,
  { waiting, refused }: AwaitingSignatureReplies,
) {
  const { signIn: SIGN_IN_PATH, signInWaiting: SIGN_IN_WAITING_PATH } = spec.paths;
  const { cookieName, entries, errorField } = spec.signIn;
  const schema: FormSchema = { ...entries, interaction: { maxLength: 64 } };
  const entryNames = Object.keys(entries);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies,
    path: SIGN_IN_PATH,
  };

  app.get(SIGN_IN_PATH, async (request, reply) => {
    const ctx = deps.context(request);
    const interaction = (request.query as { interaction?: string }).interaction;
    const flash = deps.flash.take(request, reply);
    return sendPage(
      reply,
      await spec.signIn.render({
        ctx,
        csrf: reply.generateCsrf(),
        values: flash.values ?? {},
        errors: shownErrors(ctx, flash.errors, spec.labels(ctx)),
        interaction: interaction && UID.test(interaction) ? interaction : undefined,
      }),
    );
  });

  app.post(SIGN_IN_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values, errors } = readForm(request.body, schema);
    const interaction = UID.test(values.interaction ?? '') ? values.interaction : undefined;
    const typed = Object.fromEntries(entryNames.map((name) => [name, values[name] ?? '']));
    const back = (failure: Failure | undefined) => {
      deps.flash.set(reply, {
        errors: failure ? pageErrorsOf(failure, errorField) : errors,
        values: typed,
      });
      return seeOther(reply, interaction ? `${SIGN_IN_PATH}?interaction=${interaction}` : SIGN_IN_PATH);
    };
    if (errors.length > 0) return back(undefined);
    const started = await spec.signIn.start(typed, contextOf(request));
    if (!started.ok) {
      if (started.failure.code === 'VALIDATION_FAILED') return back(started.failure);
      return refused(request, reply, started.failure.code, 'sign-in', started.failure);
    }
    const state = JSON.stringify({ id: started.value.signInId, ...(interaction && { interaction }) });
    reply.setCookie(cookieName, state, { ...cookieOptions, maxAge: 10 * 60 });
    return seeOther(reply, SIGN_IN_WAITING_PATH);
  });

  app.get(SIGN_IN_WAITING_PATH, async (request, reply) => {
    const state = readState(request.cookies[cookieName]);
    if (!state) return seeOther(reply, SIGN_IN_PATH);
    const polled = await spec.signIn.poll(state.id, contextOf(request));
    if (!polled.ok) {
      reply.clearCookie(cookieName, cookieOptions);
      return seeOther(reply, SIGN_IN_PATH);
    }
    const { step, session, displayCode, expiresAt, code } = polled.value;
    if (step === 'awaiting-signature')
      return waiting(request, reply, SIGN_IN_WAITING_PATH, displayCode ?? '', expiresAt);
    reply.clearCookie(cookieName, cookieOptions);
    if (step === 'refused') return refused(request, reply, code ?? 'SIGNATURE_EXPIRED', 'sign-in');
    if (!session) return seeOther(reply, '/account');
    await switchSession(request, reply, deps.accounts.sessions, session, deps.secureCookies);
    if (state.interaction) return seeOther(reply, interactionPath(state.interaction));
    deps.flash.set(reply, { notice: { key: 'account.signedIn' } });
    return seeOther(reply, '/account');
  });
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
