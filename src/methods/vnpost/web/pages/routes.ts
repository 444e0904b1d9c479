/**
 * The Vietnam Post method's pages: `/register/vnpost` (what PostID is) → `POST /vnpost/start` (the trip; also from
 * the sign-in page and the account page) → PostID → `GET /vnpost/callback` → the consent page, a signed-in
 * session, or the page that says why not → `/register/vnpost/done`. A portal's authorization goes on as with the
 * other methods: a sign-in started from the portal's sign-in page returns to the interaction's glue; a registration
 * started from the portal's chooser offers to continue to the portal on the done page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../../../../web/pages/kit/context.ts';
import type { PageDeps } from '../../../../web/pages/kit/deps.ts';
import { type FormSchema, readForm } from '../../../../web/pages/kit/forms.ts';
import { interactionPath } from '../../../../web/pages/kit/hub-interactions.ts';
import { returningPortal } from '../../../../web/pages/kit/portal-return.ts';
import { seeOther, sendPage } from '../../../../web/pages/kit/reply.ts';
import { currentSession, requireSession } from '../../../../web/pages/kit/session.ts';
import { format } from '../../../../web/pages/messages.ts';
import { sendRegistrationDone } from '../../../../web/pages/register/done/send-done.ts';
import { contextOf } from '../../../../web/request-context.ts';
import { switchSession } from '../../../../web/session-cookie.ts';
import type { Purpose } from '../../usecases/transactions.ts';
import type { Returned, VnpostFederation } from '../../usecases/vnpost-federation.ts';
import { tripCookie } from '../trip-cookie.ts';
import {
  CALLBACK_PATH,
  CONSENT_PATH,
  DONE_PATH,
  INTRO_PATH,
  LINK_PATH,
  RETURNABLE_PAGES,
  START_PATH,
} from './paths.ts';
import { ConsentPage, IntroPage, LinkPage, type OutcomeAction, OutcomePage } from './templates.tsx';

const startSchema = {
  purpose: { maxLength: 16, required: true },
  interaction: { maxLength: 64 },
  returnTo: { maxLength: 64 },
} satisfies FormSchema;
const decisionSchema = { decision: { maxLength: 16, required: true } } satisfies FormSchema;

const PURPOSES = new Set<Purpose>(['register', 'sign-in', 'link']);
const UID = /^[\w-]{10,64}$/;
const RETRY_AFTER_SECONDS = 30;

export async function vnpostPages(app: FastifyInstance, deps: PageDeps, federation: VnpostFederation) {
  const trip = tripCookie(deps.secureCookies);

  app.get(INTRO_PATH, async (request, reply) => {
    const ctx = deps.context(request);
    const portal = await returningPortal(deps, request, ctx);
    return sendPage(reply, IntroPage({ ctx, csrf: reply.generateCsrf(), forPortal: portal?.lead }));
  });

  app.post(START_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values } = readForm(request.body, startSchema);
    const purpose = values.purpose as Purpose;
    if (!PURPOSES.has(purpose)) return seeOther(reply, INTRO_PATH);
    let accountId: string | undefined;
    if (purpose === 'link') {
      const session = await requireSession(deps, request, reply);
      if (!session) return reply;
      accountId = session.accountId;
    }
    // Where a sign-in goes on: the portal's authorization that asked for it, or a page of ours that asked for a
    // fresh sign-in. Nothing else: the trip must never be a way to send a browser elsewhere.
    const returnTo =
      values.interaction && UID.test(values.interaction)
        ? interactionPath(values.interaction)
        : RETURNABLE_PAGES.has(values.returnTo)
          ? values.returnTo
          : undefined;
    const started = await federation.start(purpose, {
      uiLocales: deps.context(request).lang,
      ...(accountId && { accountId }),
      ...(returnTo && { returnTo }),
    });
    if (started.kind === 'unavailable')
      return outcome(request, reply, { kind: 'unavailable', partner: 'postid' }, purpose);
    trip.set(reply, started.handle);
    return seeOther(reply, started.url);
  });

  app.get(CALLBACK_PATH, async (request, reply) => {
    const callbackUrl = new URL(request.url, 'http://callback.invalid');
    const returned = await federation.returnFrom(
      trip.get(request),
      callbackUrl,
      await currentSession(deps, request),
      contextOf(request),
    );
    if (returned.kind === 'consent') return seeOther(reply, CONSENT_PATH);
    trip.clear(reply);
    if (returned.kind === 'signed_in') {
      await switchSession(request, reply, deps.accounts.sessions, returned.session, deps.secureCookies);
      if (returned.returnTo) return seeOther(reply, returned.returnTo);
      deps.flash.set(reply, { notice: { key: 'account.signedIn' } });
      return seeOther(reply, '/account');
    }
    if (returned.kind === 'linked') {
      deps.flash.set(reply, { notice: { key: 'vnpost.linkedNotice' } });
      return seeOther(reply, '/account');
    }
    return outcome(request, reply, returned, undefined);
  });

  app.get(CONSENT_PATH, async (request, reply) => {
    const view = await federation.consentView(trip.get(request));
    if (!view) return outcome(request, reply, { kind: 'refused', reason: 'expired' }, 'register');
    const ctx = deps.context(request);
    return sendPage(reply, ConsentPage({ ctx, csrf: reply.generateCsrf(), action: CONSENT_PATH, view }));
  });

  app.post(CONSENT_PATH, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { values } = readForm(request.body, decisionSchema);
    const decided = await federation.decide(
      trip.get(request),
      values.decision === 'accept',
      contextOf(request),
    );
    trip.clear(reply);
    const ctx = deps.context(request);
    const v = ctx.m.vnpost;
    switch (decided.kind) {
      case 'created':
        if (decided.session)
          await switchSession(request, reply, deps.accounts.sessions, decided.session, deps.secureCookies);
        if (decided.session && decided.returnTo) return seeOther(reply, decided.returnTo);
        return seeOther(reply, decided.session ? DONE_PATH : '/sign-in');
      case 'declined':
        return sendPage(
          reply,
          OutcomePage({
            ctx,
            csrf: reply.generateCsrf(),
            title: v.declinedTitle,
            lead: v.declinedLead,
            tone: 'info',
            actions: [
              { href: '/register', text: v.otherMethods },
              { href: '/', text: ctx.m.common.goHome },
            ],
          }),
        );
      case 'account_exists':
        return outcome(request, reply, { kind: 'account_exists' }, 'register');
      case 'expired':
        return outcome(request, reply, { kind: 'refused', reason: 'expired' }, 'register');
      case 'unavailable':
        return outcome(request, reply, { kind: 'unavailable', partner: 'postid' }, 'register');
    }
  });

  app.get(DONE_PATH, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const ctx = deps.context(request);
    const v = ctx.m.vnpost;
    return sendRegistrationDone(deps, request, reply, {
      ctx,
      title: v.doneTitle,
      signedIn: true,
      otherwise: {
        ctx: { ...ctx, signedIn: true },
        title: v.doneTitle,
        lead: v.doneLead,
        detail: v.doneNext,
        next: { href: '/account', text: ctx.m.done.toAccount },
      },
    });
  });

  app.get(LINK_PATH, async (request, reply) => {
    const session = await requireSession(deps, request, reply);
    if (!session) return reply;
    const ctx = { ...deps.context(request), signedIn: true };
    return sendPage(reply, LinkPage({ ctx, csrf: reply.generateCsrf() }));
  });

  /** The page of an answer that is neither a session nor a consent: its words, its status, its ways on. */
  function outcome(
    request: FastifyRequest,
    reply: FastifyReply,
    returned: Exclude<Returned, { kind: 'signed_in' | 'consent' | 'linked' }>,
    purpose: Purpose | undefined,
  ) {
    const ctx = deps.context(request);
    const shown = describe(ctx, returned, purpose);
    if (shown.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return sendPage(reply, OutcomePage({ ctx, csrf: reply.generateCsrf(), ...shown.page }), shown.status);
  }
}

type Described = {
  status: number;
  page: {
    title: string;
    lead: string;
    details?: string[];
    tone?: 'warning' | 'info';
    actions: OutcomeAction[];
  };
};

function describe(
  ctx: PageContext,
  returned: Exclude<Returned, { kind: 'signed_in' | 'consent' | 'linked' }>,
  purpose: Purpose | undefined,
): Described {
  const v = ctx.m.vnpost;
  const again: OutcomeAction = {
    postId: { purpose: purpose === 'link' ? 'link' : 'register' },
    text: v.startAgain,
  };
  const others: OutcomeAction = { href: '/register', text: v.otherMethods };
  const home: OutcomeAction = { href: '/', text: ctx.m.common.goHome };
  const account: OutcomeAction = { href: '/account', text: v.backToAccount };
  switch (returned.kind) {
    case 'pending':
      return {
        status: 200,
        page: {
          title: v.pendingTitle,
          lead: v.pendingLead,
          tone: 'info',
          details: [v.pendingHow, v.pendingThen],
          actions: [others, home],
        },
      };
    case 'rejected':
      return {
        status: 200,
        page: {
          title: v.rejectedTitle,
          lead: v.rejectedLead,
          details: [
            ...(returned.reason ? [format(v.rejectedReason, { reason: returned.reason })] : []),
            v.rejectedHelp,
          ],
          actions: [others, home],
        },
      };
    case 'account_exists':
      return {
        status: 409,
        page: {
          title: v.existsTitle,
          lead: v.existsLead,
          details: [v.existsHow],
          actions: [
            { href: '/sign-in', text: v.signIn },
            { href: '/forgot-password', text: v.forgotPassword },
          ],
        },
      };
    case 'cmnd_not_linked':
      return {
        status: 422,
        page: { title: v.cmndTitle, lead: v.cmndLead, details: [v.cmndHelp], actions: [others, home] },
      };
    case 'link_refused': {
      const words = {
        other_person: [v.linkOtherPersonTitle, v.linkOtherPersonLead],
        not_approved: [v.linkNotApprovedTitle, v.linkNotApprovedLead],
        taken: [v.linkTakenTitle, v.linkTakenLead],
      }[returned.why] as [string, string];
      return {
        status: returned.why === 'taken' ? 409 : 422,
        page: { title: words[0], lead: words[1], actions: [account] },
      };
    }
    case 'refused': {
      const words = {
        expired: [v.expiredTitle, v.expiredLead],
        tampered: [v.tamperedTitle, v.tamperedLead],
        cancelled: [v.cancelledTitle, v.cancelledLead],
      }[returned.reason] as [string, string];
      return {
        status: returned.reason === 'cancelled' ? 200 : 400,
        page: { title: words[0], lead: words[1], actions: [again, others] },
      };
    }
    case 'unavailable': {
      const [title, lead] =
        returned.partner === 'population'
          ? [v.populationTitle, v.populationLead]
          : [v.unavailableTitle, v.unavailableLead];
      return { status: 503, page: { title, lead, actions: [others, home] } };
    }
  }
}
