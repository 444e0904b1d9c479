/**
 * Signing out through the OpenID Provider (RP-initiated logout) in the hub's own layout: oidc-provider's built-in
 * pages have no `lang` and fail the contrast checks, so the provider renders these instead
 * (`features.rpInitiatedLogout.logoutSource` and `postLogoutSuccessSource`). And ending the provider's session
 * ends the hub's session too: the citizen who signs out on a portal is signed out of the hub and, through
 * back-channel logout, of every portal of that session.
 */

import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Sessions } from '../../../usecases/accounts/sessions.ts';
import { apiMessages } from '../../i18n/api-messages.ts';
import { negotiateLanguage } from '../../i18n/language.ts';
import { SESSION_COOKIE } from '../../session-cookie.ts';
import { assetUrls } from '../kit/assets.ts';
import type { PageContext } from '../kit/context.ts';
import { Layout } from '../kit/layout.tsx';
import { portalName, withPortal } from '../kit/portal-return.ts';
import { pageMessages } from '../messages.ts';

/** The page context of a request the provider answers (a Koa context, not a Fastify request). */
function providerPageContext(ctx: KoaContextWithOIDC, dev: boolean): PageContext {
  const lang = negotiateLanguage(
    ctx.get('accept-language') || undefined,
    ctx.cookies.get('lang') ?? undefined,
  );
  return {
    lang,
    m: pageMessages[lang],
    api: apiMessages[lang],
    path: ctx.originalUrl,
    signedIn: Boolean(ctx.cookies.get(SESSION_COOKIE)),
    dev,
    assets: assetUrls(),
  };
}

function LogoutPage(props: { ctx: PageContext; form: string; portal: string | undefined }) {
  const { ctx } = props;
  const s = ctx.m.signOut;
  return (
    <Layout ctx={ctx} title={s.title}>
      <h1>{s.title}</h1>
      <p class="lead">{s.question}</p>
      {props.portal ? <p safe>{withPortal(s.fromPortal, props.portal)}</p> : ''}
      <p>{s.everywhere}</p>
      {/* The provider's form: its action and the one-time secret that proves this page asked. */}
      {props.form}
      <div class="button-group">
        <button type="submit" class="button" form="op.logoutForm" name="logout" value="yes">
          {s.confirm}
        </button>
        <button type="submit" class="button button-secondary" form="op.logoutForm">
          {s.stay}
        </button>
      </div>
    </Layout>
  );
}

function LoggedOutPage(props: { ctx: PageContext }) {
  const s = props.ctx.m.signOut;
  return (
    <Layout ctx={props.ctx} title={s.doneTitle}>
      <div class="panel-success">
        <h1>{s.doneTitle}</h1>
        <p>{s.doneDetail}</p>
      </div>
      <p>
        <a class="button" href="/">
          {s.home}
        </a>
      </p>
    </Layout>
  );
}

const clientOf = (ctx: KoaContextWithOIDC) =>
  ctx.oidc.client ? { clientId: ctx.oidc.client.clientId, name: ctx.oidc.client.clientName } : undefined;

/** The two pages as the provider's configuration takes them. */
export function providerSignOutPages(options: { dev: boolean }) {
  return {
    async logoutSource(ctx: KoaContextWithOIDC, form: string) {
      const page = providerPageContext(ctx, options.dev);
      const client = clientOf(ctx);
      ctx.type = 'html';
      ctx.set('cache-control', 'no-store');
      ctx.body = `<!doctype html>${await LogoutPage({
        ctx: page,
        form,
        portal: client ? portalName(page, client) : undefined,
      })}`;
    },
    async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
      ctx.type = 'html';
      ctx.set('cache-control', 'no-store');
      ctx.body = `<!doctype html>${await LoggedOutPage({ ctx: providerPageContext(ctx, options.dev) })}`;
    },
  };
}

/**
 * When the citizen signs out of the provider's session (not merely of one portal), the hub's session ends with
 * it: its cookie is cleared on the same answer and its record deleted from the store.
 */
export function endHubSessionOnSignOut(
  provider: Provider,
  options: { sessions: Pick<Sessions, 'end'>; secureCookies: boolean; warn: (message: string) => void },
) {
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    if (!ctx.oidc.params?.logout) return;
    const token = ctx.cookies.get(SESSION_COOKIE);
    ctx.cookies.set(SESSION_COOKIE, null, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      signed: false,
      overwrite: true,
    });
    if (token) options.sessions.end(token).catch(() => options.warn('hub session not ended after sign-out'));
  });
}
