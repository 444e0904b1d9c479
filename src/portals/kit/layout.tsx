/** The frame of every portal page: header with the portal's name and language switch, content, footer. */
import type { Children } from '@kitajs/html';
import type { Language } from '../../lib/language.ts';
import type { PortalDefinition, PortalTexts } from './definition.ts';
import type { PortalSession } from './sessions.ts';
import type { KitTexts } from './texts.ts';

export interface PortalPageContext {
  lang: Language;
  t: KitTexts;
  portal: PortalTexts;
  definition: PortalDefinition;
  /** The current path with its query, for the language switch to come back to. */
  path: string;
  session: PortalSession | undefined;
  dev: boolean;
}

export function Layout(props: {
  ctx: PortalPageContext;
  title: string;
  hasErrors?: boolean;
  children: Children;
}) {
  const { ctx } = props;
  const other: Language = ctx.lang === 'vi' ? 'en' : 'vi';
  const prefix = props.hasErrors ? `${ctx.t.service.errorSummary}: ` : '';
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title
            safe
          >{`${prefix}${props.title === ctx.portal.name ? '' : `${props.title} – `}${ctx.portal.name}`}</title>
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/static/portal.css" />
        </head>
        <body>
          <a class="skip-link" href="#main">
            {ctx.t.layout.skipLink}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href="/" safe>
                {ctx.portal.name}
              </a>
              <nav aria-label={ctx.t.layout.nav}>
                <a
                  href={`/language/${other}?next=${encodeURIComponent(ctx.path)}`}
                  lang={other}
                  hreflang={other}
                >
                  {ctx.t.layout.otherLanguage}
                </a>
              </nav>
            </div>
          </header>
          {ctx.dev ? <p class="dev-banner">{ctx.t.layout.devBanner}</p> : ''}
          <main id="main" class="wrap" tabindex="-1">
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="wrap">{ctx.t.layout.footer}</div>
          </footer>
        </body>
      </html>
    </>
  );
}

/** RP-initiated logout starts with a form post (a link would let any page sign the citizen out). */
export function SignOutForm(props: { ctx: PortalPageContext }) {
  const session = props.ctx.session;
  if (!session?.citizen) return '';
  return (
    <form method="post" action="/auth/sign-out" class="inline-form">
      <input type="hidden" name="_csrf" value={session.csrfToken} />
      <button type="submit" class="button button-secondary">
        {props.ctx.t.signOut.button}
      </button>
    </form>
  );
}
