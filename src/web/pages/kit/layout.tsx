/** The frame of every page: header naming the portal, language switch, main content, footer. */
import type { Children } from '@kitajs/html';
import type { Language } from '../../i18n/language.ts';
import { switchLanguageAction } from '../language/route.ts';
import type { PageContext } from './context.ts';

/**
 * On a page whose form keeps entries (`entriesForm`: its id), the switch is a submit button of that form, so
 * what was typed goes along, with or without JavaScript. Being a button of the form placed before it, it would
 * be the form's default button (Enter in any field would switch the language): a hidden submit button of the
 * form, earlier still, takes that place and submits the form as its primary button does.
 */
function LanguageSwitch(props: { ctx: PageContext; other: Language; entriesForm: string | undefined }) {
  const { ctx, other } = props;
  if (!props.entriesForm)
    return (
      <a href={`/language/${other}?next=${encodeURIComponent(ctx.path)}`} lang={other} hreflang={other}>
        {ctx.m.portal.otherLanguage}
      </a>
    );
  return (
    <button
      type="submit"
      class="button-link language-switch"
      form={props.entriesForm}
      name="action"
      value={switchLanguageAction(other)}
      formnovalidate
      lang={other}
    >
      {ctx.m.portal.otherLanguage}
    </button>
  );
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  hasErrors?: boolean;
  /** The id of the page's form whose entries a language switch keeps. */
  entriesForm?: string;
  children: Children;
}) {
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
        {props.entriesForm ? <button type="submit" form={props.entriesForm} hidden tabindex="-1" /> : ''}
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
              <LanguageSwitch ctx={ctx} other={other} entriesForm={props.entriesForm} />
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
