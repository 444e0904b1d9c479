/**
 * PostID's citizen pages: sign-up, activation by SMS code, sign-in (its own and the provider's login
 * interaction), the status page (waiting for the counter, approved at {post office} on {date}, rejected with the
 * reason) and sign-out. Forms post and redirect (no JavaScript), each with a CSRF token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { formatDdMmYyyy, isoDay } from '../../domain/dates.ts';
import { maskPhone } from '../../domain/phone.ts';
import type { ActivationCodes } from './activation-codes.ts';
import { acrOf } from './claims.ts';
import { errorSummary, esc, field, page } from './html.ts';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './passwords.ts';
import { SIGN_UP_FIELDS, type SignUpEntries, validateSignUp } from './sign-up.ts';
import type { SmsGateway } from './sms.ts';
import type { PostIdAccount, PostIdStore } from './store.ts';
import type { TextKey, Translate } from './texts.ts';
import {
  csrfValid,
  formText,
  type MemorySessions,
  type PageContext,
  pageContext,
  sendHtml,
} from './web-kit.ts';

export interface CitizenSession {
  /** Signed in (activated account). */
  subject?: string;
  /** Signed up, waiting for the SMS code. */
  activating?: string;
  /** The provider interaction to go back to after sign-up and activation. */
  interaction?: string;
}

export interface CitizenRoutesOptions {
  store: PostIdStore;
  provider: () => Provider | undefined;
  sessions: MemorySessions<CitizenSession>;
  codes: ActivationCodes;
  sms: SmsGateway;
  now: () => Date;
  clientName: (clientId: string) => string;
}

type Errors = Array<{ field: string; message: string }>;

const smsText = (code: string) =>
  `PostID (Buu dien VN): ma kich hoat ${code}, hieu luc 10 phut. Your PostID activation code: ${code}.`;

export async function citizenRoutes(app: FastifyInstance, options: CitizenRoutesOptions) {
  const { store, sessions, codes, sms } = options;

  const signedIn = async (request: FastifyRequest) => {
    const subject = sessions.get(request)?.subject;
    return subject ? store.bySubject(subject) : undefined;
  };

  const refuseCsrf = (reply: FastifyReply, ctx: PageContext) =>
    sendHtml(
      reply,
      page(
        ctx.frame(ctx.t('errorTitle')),
        `<h1>${esc(ctx.t('errorTitle'))}</h1><p>${esc(ctx.t('error.csrf'))}</p><p><a href="/">${esc(ctx.t('backHome'))}</a></p>`,
      ),
      403,
    );

  app.get('/', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (await signedIn(request)) return reply.redirect('/account', 303);
    return sendHtml(
      reply,
      page(
        ctx.frame(ctx.t('home')),
        `<h1>${esc(ctx.t('brand'))}</h1><p>${esc(ctx.t('intro'))}</p>
<p class="actions"><a class="button" href="/signup">${esc(ctx.t('signUp'))}</a><a href="/signin">${esc(ctx.t('signIn'))}</a></p>`,
      ),
    );
  });

  // ---- Sign-up -------------------------------------------------------------------------------------------
  const signUpPage = (
    ctx: PageContext,
    entries: Partial<SignUpEntries>,
    errors: Errors,
    interaction?: string,
  ) => {
    const { t } = ctx;
    const error = (name: string) => errors.find((e) => e.field === name)?.message;
    const sexError = error('sex');
    return page(
      ctx.frame(t('signUp')),
      `<h1>${esc(t('signUp'))}</h1>${errorSummary(t, errors)}
<form class="stack card" method="post" action="/signup" novalidate>${ctx.csrfField}
${interaction ? `<input type="hidden" name="interaction" value="${esc(interaction)}">` : ''}
${field({ name: 'username', label: t('username'), hint: t('usernameHint'), value: entries.username ?? '', autocomplete: 'username', error: error('username') })}
${field({ name: 'password', label: t('password'), hint: t('passwordHint'), type: 'password', autocomplete: 'new-password', error: error('password') })}
${field({ name: 'fullName', label: t('fullName'), value: entries.fullName ?? '', autocomplete: 'name', error: error('fullName') })}
<fieldset${sexError ? ' aria-describedby="sex-error"' : ''}><legend id="sex">${esc(t('sex'))}</legend>${sexError ? `<span class="field-error" id="sex-error">${esc(sexError)}</span>` : ''}<div class="choices">
<label><input type="radio" name="sex" value="M"${entries.sex === 'M' ? ' checked' : ''}> ${esc(t('male'))}</label>
<label><input type="radio" name="sex" value="F"${entries.sex === 'F' ? ' checked' : ''}> ${esc(t('female'))}</label></div></fieldset>
${field({ name: 'birthDate', label: t('birthDate'), hint: t('birthDateHint'), value: entries.birthDate ?? '', autocomplete: 'bday', error: error('birthDate') })}
${field({ name: 'idNumber', label: t('idNumber'), hint: t('idNumberHint'), value: entries.idNumber ?? '', inputmode: 'numeric', error: error('idNumber') })}
${field({ name: 'phoneNumber', label: t('phone'), hint: t('phoneHint'), value: entries.phoneNumber ?? '', type: 'tel', autocomplete: 'tel', error: error('phoneNumber') })}
${field({ name: 'address', label: t('address'), value: entries.address ?? '', autocomplete: 'street-address', error: error('address') })}
<div class="actions"><button type="submit">${esc(t('submitSignUp'))}</button><a href="/signin${interaction ? `?interaction=${encodeURIComponent(interaction)}` : ''}">${esc(t('signIn'))}</a></div></form>`,
    );
  };

  app.get<{ Querystring: { interaction?: string } }>('/signup', async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendHtml(reply, signUpPage(ctx, {}, [], safeUid(request.query.interaction)));
  });

  app.post('/signup', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuseCsrf(reply, ctx);
    const entries = Object.fromEntries(
      SIGN_UP_FIELDS.map((name) => [name, formText(request, name)]),
    ) as unknown as SignUpEntries;
    entries.password = String((request.body as Record<string, unknown>).password ?? '');
    const interaction = safeUid(formText(request, 'interaction'));
    const valid = validateSignUp(entries, options.now());
    const fail = (errors: Errors) => sendHtml(reply, signUpPage(ctx, entries, errors, interaction), 422);
    if (!valid.ok) return fail(valid.errors.map((e) => ({ field: e.field, message: ctx.t(e.key) })));
    const created = await store.createAccount(
      {
        ...valid.value,
        passwordHash: await hashPassword(valid.value.password),
        activated: false,
        status: 'pending',
      },
      options.now(),
    );
    if (created === 'taken') return fail([{ field: 'username', message: ctx.t('error.usernameTaken') }]);
    sessions.set(request, reply, { activating: created.subject, ...(interaction && { interaction }) });
    await sendCode(created).catch(() => undefined);
    return reply.redirect('/activate', 303);
  });

  const sendCode = (account: PostIdAccount) =>
    sms.send(account.phoneNumber, smsText(codes.issue(account.subject)));

  // ---- Activation ------------------------------------------------------------------------------------------
  const activatePage = (ctx: PageContext, account: PostIdAccount, errors: Errors, notice?: string) =>
    page(
      ctx.frame(ctx.t('activateTitle')),
      `<h1>${esc(ctx.t('activateTitle'))}</h1>${errorSummary(ctx.t, errors)}${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
<p>${esc(ctx.t('activateLead', { phone: maskPhone(account.phoneNumber) }))}</p>
<form class="stack card" method="post" action="/activate" novalidate>${ctx.csrfField}
${field({ name: 'code', label: ctx.t('code'), inputmode: 'numeric', autocomplete: 'one-time-code', error: errors[0]?.message })}
<div class="actions"><button type="submit">${esc(ctx.t('submitActivate'))}</button></div></form>
<form method="post" action="/activate/resend">${ctx.csrfField}<button class="secondary" type="submit">${esc(ctx.t('resend'))}</button></form>`,
    );

  const activating = async (request: FastifyRequest) => {
    const subject = sessions.get(request)?.activating;
    const account = subject ? await store.bySubject(subject) : undefined;
    return account && !account.activated ? account : undefined;
  };

  app.get('/activate', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const account = await activating(request);
    if (!account) return reply.redirect('/signin', 303);
    return sendHtml(reply, activatePage(ctx, account, []));
  });

  app.post('/activate', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuseCsrf(reply, ctx);
    const account = await activating(request);
    if (!account) return reply.redirect('/signin', 303);
    const checked = codes.check(account.subject, formText(request, 'code'));
    if (checked !== 'ok') {
      const key: TextKey = checked === 'locked' ? 'error.codeLocked' : 'error.code';
      return sendHtml(reply, activatePage(ctx, account, [{ field: 'code', message: ctx.t(key) }]), 422);
    }
    await store.activate(account.subject);
    const interaction = sessions.get(request)?.interaction;
    sessions.set(request, reply, { subject: account.subject });
    return reply.redirect(interaction ? `/interaction/${interaction}` : '/account', 303);
  });

  app.post('/activate/resend', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuseCsrf(reply, ctx);
    const account = await activating(request);
    if (!account) return reply.redirect('/signin', 303);
    const sent = await sendCode(account).then(
      () => true,
      () => false,
    );
    if (!sent)
      return sendHtml(
        reply,
        activatePage(ctx, account, [{ field: 'code', message: ctx.t('error.sms') }]),
        503,
      );
    return reply.redirect('/activate', 303);
  });

  // ---- Sign-in (own pages) and status ---------------------------------------------------------------------------
  const signInForm = (
    ctx: PageContext,
    action: string,
    username: string,
    errors: Errors,
    signUpHref: string,
  ) =>
    `${errorSummary(ctx.t, errors)}<form class="stack card" method="post" action="${esc(action)}" novalidate>${ctx.csrfField}
${field({ name: 'username', label: ctx.t('username'), value: username, autocomplete: 'username' })}
${field({ name: 'password', label: ctx.t('password'), type: 'password', autocomplete: 'current-password' })}
<div class="actions"><button type="submit">${esc(ctx.t('submitSignIn'))}</button></div></form>
<p>${esc(ctx.t('noAccount'))} <a href="${esc(signUpHref)}">${esc(ctx.t('signUp'))}</a></p>`;

  /** The account when the credentials are right, or the error to show. */
  const authenticate = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<PostIdAccount | 'credentials' | 'not_activated'> => {
    const username = formText(request, 'username').toLowerCase();
    const password = String((request.body as Record<string, unknown>).password ?? '');
    const account = await store.byUsername(username);
    const valid = await verifyPassword(password, account?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!account || !valid) return 'credentials';
    if (!account.activated) {
      sessions.set(request, reply, { activating: account.subject });
      return 'not_activated';
    }
    return account;
  };

  app.get('/signin', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (await signedIn(request)) return reply.redirect('/account', 303);
    return sendHtml(
      reply,
      page(
        ctx.frame(ctx.t('signIn')),
        `<h1>${esc(ctx.t('signIn'))}</h1>${signInForm(ctx, '/signin', '', [], '/signup')}`,
      ),
    );
  });

  app.post('/signin', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuseCsrf(reply, ctx);
    const result = await authenticate(request, reply);
    if (result === 'not_activated') return reply.redirect('/activate', 303);
    if (result === 'credentials') {
      const errors = [{ field: 'username', message: ctx.t('error.credentials') }];
      return sendHtml(
        reply,
        page(
          ctx.frame(ctx.t('signIn')),
          `<h1>${esc(ctx.t('signIn'))}</h1>${signInForm(ctx, '/signin', formText(request, 'username'), errors, '/signup')}`,
        ),
        401,
      );
    }
    sessions.set(request, reply, { subject: result.subject });
    return reply.redirect('/account', 303);
  });

  app.get('/account', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const account = await signedIn(request);
    if (!account) return reply.redirect('/signin', 303);
    const signOut = `<form method="post" action="/signout">${ctx.csrfField}<button class="secondary" type="submit">${esc(ctx.t('signOut'))}</button></form>`;
    return sendHtml(
      reply,
      page(
        ctx.frame(ctx.t('statusTitle')),
        `<h1>${esc(ctx.t('statusTitle'))}</h1>${statusBlock(ctx.t, account)}
<h2>${esc(ctx.t('declared'))}</h2>${declaredList(ctx.t, account)}<p>${signOut}</p>`,
      ),
    );
  });

  app.post('/signout', async (request, reply) => {
    const ctx = pageContext(request, reply);
    if (!csrfValid(request)) return refuseCsrf(reply, ctx);
    sessions.end(request, reply);
    // PostID's own sign-out also ends the provider's session (the next service asks for the password again).
    const provider = options.provider();
    if (provider) {
      const session = await provider.Session.get({ req: request.raw, res: reply.raw } as never).catch(
        () => undefined,
      );
      await session?.destroy().catch(() => undefined);
    }
    return reply.redirect('/', 303);
  });

  // ---- The provider's login interaction -------------------------------------------------------------------------
  const interactionPage = (
    ctx: PageContext,
    uid: string,
    clientId: string,
    username: string,
    errors: Errors,
  ) =>
    page(
      ctx.frame(ctx.t('signIn')),
      `<h1>${esc(ctx.t('signIn'))}</h1><p>${esc(ctx.t('continueTo', { client: options.clientName(clientId) }))}</p>
${signInForm(ctx, `/interaction/${uid}/login`, username, errors, `/signup?interaction=${encodeURIComponent(uid)}`)}`,
    );

  const details = async (request: FastifyRequest, reply: FastifyReply) => {
    const provider = options.provider();
    if (!provider) return undefined;
    return provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
  };

  const expired = (reply: FastifyReply, ctx: PageContext) =>
    sendHtml(
      reply,
      page(
        ctx.frame(ctx.t('errorTitle')),
        `<h1>${esc(ctx.t('errorTitle'))}</h1><p>${esc(ctx.t('error.session'))}</p>`,
      ),
      400,
    );

  /** Ends the interaction with this result: the provider answers with its redirect (cookies set on the raw reply). */
  const finish = async (
    request: FastifyRequest,
    reply: FastifyReply,
    result: InteractionResults,
    cookies: string[] = [],
  ) => {
    const provider = options.provider()!;
    if (cookies.length > 0) reply.raw.setHeader('set-cookie', cookies);
    reply.hijack();
    await provider.interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
  };

  app.get<{ Params: { uid: string } }>('/interaction/:uid', async (request, reply) => {
    const interaction = await details(request, reply);
    const uiLocales = interaction?.params.ui_locales as string | undefined;
    const ctx = pageContext(request, reply, uiLocales);
    if (!interaction || interaction.uid !== request.params.uid) return expired(reply, ctx);
    if (interaction.prompt.name === 'login') {
      // Just signed up and activated, or signed in on PostID's own pages: no second password.
      const account = await signedIn(request);
      if (account) return finishLogin(request, reply, account);
      return sendHtml(
        reply,
        interactionPage(ctx, interaction.uid, String(interaction.params.client_id), '', []),
      );
    }
    // The hub is first-party (the grant is made without asking): any other prompt ends the interaction as is.
    return finish(request, reply, {});
  });

  const finishLogin = async (request: FastifyRequest, reply: FastifyReply, account: PostIdAccount) => {
    // Signed in on PostID's own pages too (its status page), in the same answer as the provider's redirect.
    const cookie = sessions.setRaw(request, { subject: account.subject });
    const login = { accountId: account.subject, acr: acrOf(account), amr: ['pwd'] };
    return finish(request, reply, { login }, [cookie]);
  };

  app.post<{ Params: { uid: string } }>('/interaction/:uid/login', async (request, reply) => {
    const interaction = await details(request, reply);
    const ctx = pageContext(request, reply, interaction?.params.ui_locales as string | undefined);
    if (!interaction || interaction.uid !== request.params.uid) return expired(reply, ctx);
    if (!csrfValid(request)) return refuseCsrf(reply, ctx);
    const result = await authenticate(request, reply);
    if (result === 'not_activated') {
      // Back to this interaction once the code is entered.
      const activatingSubject = sessions.get(request)?.activating;
      if (activatingSubject)
        sessions.set(request, reply, { activating: activatingSubject, interaction: interaction.uid });
      return reply.redirect('/activate', 303);
    }
    if (result === 'credentials') {
      const errors = [{ field: 'username', message: ctx.t('error.credentials') }];
      return sendHtml(
        reply,
        interactionPage(
          ctx,
          interaction.uid,
          String(interaction.params.client_id),
          formText(request, 'username'),
          errors,
        ),
        401,
      );
    }
    return finishLogin(request, reply, result);
  });
}

const safeUid = (raw: string | undefined) => (raw && /^[\w-]{8,64}$/.test(raw) ? raw : undefined);

/** The approval state; `help` adds what the citizen can do next (not on the clerk's view). */
export function statusBlock(t: Translate, account: PostIdAccount, help = true): string {
  if (account.status === 'approved')
    return `<p class="status approved">${esc(t('statusApproved', { office: account.postOffice ?? '', date: formatDdMmYyyy(isoDay(account.decidedAt ?? new Date())) }))}</p>`;
  if (account.status === 'rejected')
    return `<p class="status rejected">${esc(t('statusRejected', { reason: account.rejectionReason ?? '' }))}</p>${help ? `<p>${esc(t('statusRejectedHelp'))}</p>` : ''}`;
  return `<p class="status pending">${esc(t('statusPending'))}</p>${help ? `<p>${esc(t('statusPendingHelp'))}</p>` : ''}`;
}

export function declaredList(t: Translate, account: PostIdAccount): string {
  const rows: Array<[TextKey, string]> = [
    ['username', account.username],
    ['fullName', account.fullName],
    ['sex', t(account.sex === 'M' ? 'male' : 'female')],
    ['birthDate', formatDdMmYyyy(account.birthDate)],
    ['idNumber', account.idNumber],
    ['phone', `0${account.phoneNumber.slice(3)}`],
    ['address', account.address],
  ];
  return `<dl class="card">${rows.map(([key, value]) => `<dt>${esc(t(key))}</dt><dd>${esc(value)}</dd>`).join('')}</dl>`;
}
