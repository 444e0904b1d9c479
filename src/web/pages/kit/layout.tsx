/** The frame of every page: header naming the portal, language switch, main content, footer. */
import type { Children } from '@kitajs/html';
import type { PageContext } from './context.ts';

export function Layout(props: { ctx: PageContext; title: string; hasErrors?: boolean; children: Children }) {
  const { ctx } = props;
  const other = ctx.lang === 'vi' ? 'en' : 'vi';
  const title = `${props.hasErrors ? `${ctx.m.common.errorPrefix}: ` : ''}${props.title} – ${ctx.m.portal.name}`;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script src={ctx.assets.js} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {ctx.m.portal.skipLink}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="emblem" aria-hidden="true">
                ★
              </span>
              <span safe>{ctx.m.portal.name}</span>
            </a>
            <nav class="header-nav" aria-label={ctx.m.nav.label}>
              {ctx.signedIn ? (
                <a href="/account">{ctx.m.nav.account}</a>
              ) : (
                <a href="/sign-in">{ctx.m.nav.signIn}</a>
              )}
              <a
                href={`/language/${other}?next=${encodeURIComponent(ctx.path)}`}
                lang={other}
                hreflang={other}
              >
                {ctx.m.portal.otherLanguage}
              </a>
            </nav>
          </div>
        </header>
        {ctx.dev ? <p class="dev-banner">{ctx.m.portal.devBanner}</p> : ''}
        <main id="main" class="wrap" tabindex="-1">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">{ctx.m.portal.footer}</div>
        </footer>
      </body>
    </html>
  );
}
