/**
 * The clerk console at `/clerk`: post-office clerks sign in with their own accounts (role `clerk`), find a pending
 * citizen by ID number, see what was declared, record the document check (type, number seen, match) and approve
 * or reject with a reason. Each decision and its audit row (the clerk, the post office, the check) are one
 * statement; a record decided by someone else in the meantime is said so, not decided twice. CSRF on every form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDdMmYyyy, isoDay } from '../../domain/dates.ts';
import { declaredList, statusBlock } from './citizen-routes.ts';
import { errorSummary, esc, field, page } from './html.ts';
import { UNKNOWN_USER_HASH, verifyPassword } from './passwords.ts';
import type { Clerk, PostIdAccount, PostIdStore } from './store.ts';
import type { TextKey, Translate } from './texts.ts';
import {
  csrfValid,
  formText,
  type MemorySessions,
  type PageContext,
  pageContext,
  sendHtml,
} from './web-kit.ts';

export interface ClerkSession {
  username: string;
}

const DOCUMENT_TYPES = {
  CCCD: 'docCccd',
  CMND: 'docCmnd',
  PASSPORT: 'docPassport',
} as const satisfies Record<string, TextKey>;

const statusText = (t: Translate, account: PostIdAccount) =>
  !account.activated
    ? t('notActivated')
    : t(
        account.status === 'approved'
          ? 'approvedShort'
          : account.status === 'rejected'
            ? 'rejectedShort'
            : 'pendingShort',
      );

export async function clerkRoutes(
  app: FastifyInstance,
  options: { store: PostIdStore; sessions: MemorySessions<ClerkSession>; now: () => Date },
) {
  const { store, sessions } = options;

  const currentClerk = async (request: FastifyRequest): Promise<Clerk | undefined> => {
    const username = sessions.get(request)?.username;
    const clerk = username ? await store.clerk(username) : undefined;
    return clerk?.role === 'clerk' ? clerk : undefined;
  };

  const frameFor = (ctx: PageContext, title: string, clerk?: Clerk) =>
    ctx.frame(title, {
      console: true,
      ...(clerk && {
        headerExtra: `<span>${esc(ctx.t('signedInAs', { name: clerk.fullName, office: clerk.postOffice }))}</span>
<form method="post" action="/clerk/signout">${ctx.csrfField}<button class="secondary" type="submit">${esc(ctx.t('signOut'))}</button></form>`,
      }),
    });

  const signInPage = (
    ctx: PageContext,
    username: string,
    errors: Array<{ field: string; message: string }>,
  ) =>
    page(
      frameFor(ctx, ctx.t('clerkSignIn')),
      `<h1>${esc(ctx.t('clerkSignIn'))}</h1>${errorSummary(ctx.t, errors)}
<form class="stack card" method="post" action="/clerk/signin" novalidate>${ctx.csrfField}
${field({ name: 'username', label: ctx.t('username'), value: username, autocomplete: 'username' })}
${field({ name: 'password', label: ctx.t('password'), type: 'password', autocomplete: 'current-password' })}
<div class="actions"><button type="submit">${esc(ctx.t('submitSignIn'))}</button></div></form>`,
    );

  const refuse = (reply: FastifyReply, ctx: PageContext) =>
    sendHtml(
      reply,
      page(
        frameFor(ctx, ctx.t('errorTitle')),
        `<h1>${esc(ctx.t('errorTitle'))}</h1><p>${esc(ctx.t('error.csrf'))}</p><p><a href="/clerk">${esc(ctx.t('clerkBrand'))}</a></p>`,
      ),
      403,
    );

  const searchForm = (ctx: PageContext, idNumber: string) =>
    `<form class="stack card" method="get" action="/clerk/search" role="search">
${field({ name: 'idNumber', label: ctx.t('clerkSearch'), value: idNumber, type: 'search', inputmode: 'numeric' })}
<div class="actions"><button type="submit">${esc(ctx.t('search'))}</button></div></form>`;

  app.get('/clerk', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const clerk = await currentClerk(request);
    if (!clerk) return sendHtml(reply, signInPage(ctx, '', []));
    return sendHtml(
      reply,
      page(
        frameFor(ctx, ctx.t('clerkBrand'), clerk),
        `<h1>${esc(ctx.t('clerkBrand'))}</h1>${searchForm(ctx, '')}`,
      ),
    );
  });

  app.post('/clerk/signin', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuse(reply, ctx);
    const username = formText(request, 'username').toLowerCase();
    const password = String((request.body as Record<string, unknown>).password ?? '');
    const clerk = await store.clerk(username);
    const valid = await verifyPassword(password, clerk?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!clerk || !valid || clerk.role !== 'clerk')
      return sendHtml(
        reply,
        signInPage(ctx, username, [{ field: 'username', message: ctx.t('error.credentials') }]),
        401,
      );
    sessions.end(request, reply);
    sessions.start(reply, { username: clerk.username });
    return reply.redirect('/clerk', 303);
  });

  app.post('/clerk/signout', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuse(reply, ctx);
    sessions.end(request, reply);
    return reply.redirect('/clerk', 303);
  });

  app.get<{ Querystring: { idNumber?: string } }>('/clerk/search', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const clerk = await currentClerk(request);
    if (!clerk) return reply.redirect('/clerk', 303);
    const idNumber = String(request.query.idNumber ?? '')
      .replace(/\s/g, '')
      .slice(0, 12);
    const found = /^\d{9}(\d{3})?$/.test(idNumber) ? await store.byIdNumber(idNumber) : [];
    const rows = found
      .map(
        (a) =>
          `<tr><td><a href="/clerk/citizens/${encodeURIComponent(a.subject)}">${esc(a.fullName)}</a></td><td>${esc(formatDdMmYyyy(a.birthDate))}</td><td>${esc(statusText(ctx.t, a))}</td></tr>`,
      )
      .join('');
    const results = found.length
      ? `<h2>${esc(ctx.t('results'))}</h2><table><thead><tr><th scope="col">${esc(ctx.t('fullName'))}</th><th scope="col">${esc(ctx.t('birthDate'))}</th><th scope="col">${esc(ctx.t('statusLabel'))}</th></tr></thead><tbody>${rows}</tbody></table>`
      : `<p role="status">${esc(ctx.t('noResults'))}</p>`;
    return sendHtml(
      reply,
      page(
        frameFor(ctx, ctx.t('clerkSearch'), clerk),
        `<h1>${esc(ctx.t('clerkSearch'))}</h1>${searchForm(ctx, idNumber)}${results}`,
      ),
    );
  });

  const citizenPage = async (
    ctx: PageContext,
    clerk: Clerk,
    account: PostIdAccount,
    errors: Array<{ field: string; message: string }>,
    entries: Record<string, string> = {},
    notice?: string,
  ) => {
    const { t } = ctx;
    const decisions = await store.decisionsFor(account.subject);
    const history = decisions.length
      ? `<h2>${esc(t('history'))}</h2><table><tbody>${decisions
          .map(
            (d) =>
              `<tr><td>${esc(formatDdMmYyyy(isoDay(d.decidedAt)))}</td><td>${esc(t(d.decision === 'approved' ? 'approvedShort' : 'rejectedShort'))}</td><td>${esc(d.clerkUsername)} · ${esc(d.postOffice)}</td><td>${esc(d.reason ?? '')}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '';
    const error = (name: string) => errors.find((e) => e.field === name)?.message;
    const radio = (name: string, value: string, label: string) =>
      `<label><input type="radio" name="${name}" value="${value}"${entries[name] === value ? ' checked' : ''}> ${esc(label)}</label>`;
    const pending = account.activated && account.status === 'pending';
    const form = pending
      ? `<h2>${esc(t('documentCheck'))}</h2>${errorSummary(t, errors)}
<form class="stack card" method="post" action="/clerk/citizens/${encodeURIComponent(account.subject)}/decision" novalidate>${ctx.csrfField}
<fieldset><legend id="documentType">${esc(t('documentType'))}</legend>${error('documentType') ? `<span class="field-error">${esc(error('documentType')!)}</span>` : ''}<div class="choices">
${Object.entries(DOCUMENT_TYPES)
  .map(([value, key]) => radio('documentType', value, t(key)))
  .join('')}</div></fieldset>
${field({ name: 'documentNumberSeen', label: t('documentNumberSeen'), value: entries.documentNumberSeen ?? '', inputmode: 'numeric', error: error('documentNumberSeen') })}
<fieldset><legend id="matches">${esc(t('matches'))}</legend>${error('matches') ? `<span class="field-error">${esc(error('matches')!)}</span>` : ''}<div class="choices">${radio('matches', 'yes', t('yes'))}${radio('matches', 'no', t('no'))}</div></fieldset>
<div><label for="reason">${esc(t('reason'))}</label>${error('reason') ? `<span class="field-error">${esc(error('reason')!)}</span>` : ''}<textarea id="reason" name="reason" rows="2" maxlength="300">${esc(entries.reason ?? '')}</textarea></div>
<div class="actions"><button type="submit" name="decision" value="approve">${esc(t('approve'))}</button><button class="danger" type="submit" name="decision" value="reject">${esc(t('reject'))}</button></div></form>`
      : '';
    return page(
      frameFor(ctx, t('citizenTitle', { username: account.username }), clerk),
      `<p><a href="/clerk/search?idNumber=${encodeURIComponent(account.idNumber)}">← ${esc(t('clerkSearch'))}</a></p>
<h1>${esc(t('citizenTitle', { username: account.username }))}</h1>${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
${account.activated ? statusBlock(t, account, false) : `<p class="status pending">${esc(t('notActivated'))}</p>`}
<h2>${esc(t('declaredByCitizen'))}</h2>${declaredList(t, account)}${form}${history}`,
    );
  };

  app.get<{ Params: { subject: string }; Querystring: { decided?: string } }>(
    '/clerk/citizens/:subject',
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const clerk = await currentClerk(request);
      if (!clerk) return reply.redirect('/clerk', 303);
      const account = await findAccount(store, request.params.subject);
      if (!account) return reply.redirect('/clerk/search', 303);
      const notice = request.query.decided === '1' ? ctx.t('decided') : undefined;
      return sendHtml(reply, await citizenPage(ctx, clerk, account, [], {}, notice));
    },
  );

  app.post<{ Params: { subject: string } }>('/clerk/citizens/:subject/decision', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuse(reply, ctx);
    const clerk = await currentClerk(request);
    if (!clerk) return reply.redirect('/clerk', 303);
    const account = await findAccount(store, request.params.subject);
    if (!account) return reply.redirect('/clerk/search', 303);
    const entries = Object.fromEntries(
      ['documentType', 'documentNumberSeen', 'matches', 'reason', 'decision'].map((name) => [
        name,
        formText(request, name),
      ]),
    );
    const { t } = ctx;
    const errors: Array<{ field: string; message: string }> = [];
    if (!(entries.documentType! in DOCUMENT_TYPES))
      errors.push({ field: 'documentType', message: t('error.documentType') });
    const numberSeen = entries.documentNumberSeen!.replace(/\s/g, '');
    if (!/^[A-Z0-9]{6,12}$/i.test(numberSeen))
      errors.push({ field: 'documentNumberSeen', message: t('error.documentNumber') });
    if (entries.matches !== 'yes' && entries.matches !== 'no')
      errors.push({ field: 'matches', message: t('error.matches') });
    const approve = entries.decision === 'approve';
    if (approve && errors.length === 0 && (entries.matches !== 'yes' || numberSeen !== account.idNumber))
      errors.push({ field: 'matches', message: t('error.approveMismatch') });
    if (!approve && entries.reason!.length === 0)
      errors.push({ field: 'reason', message: t('error.reason') });
    if (errors.length > 0)
      return sendHtml(reply, await citizenPage(ctx, clerk, account, errors, entries), 422);
    const outcome = await store.decide({
      clerkUsername: clerk.username,
      postOffice: clerk.postOffice,
      accountSubject: account.subject,
      decision: approve ? 'approved' : 'rejected',
      documentType: entries.documentType!,
      documentNumberSeen: numberSeen,
      documentMatches: entries.matches === 'yes',
      reason: entries.reason || null,
      decidedAt: options.now(),
    });
    if (outcome === 'not_pending') {
      const fresh = (await store.bySubject(account.subject)) ?? account;
      return sendHtml(reply, await citizenPage(ctx, clerk, fresh, [], {}, t('alreadyDecided')), 409);
    }
    return reply.redirect(`/clerk/citizens/${encodeURIComponent(account.subject)}?decided=1`, 303);
  });
}

const findAccount = (store: PostIdStore, subject: string) =>
  /^[0-9a-f-]{36}$/.test(subject) ? store.bySubject(subject) : Promise.resolve(undefined);
