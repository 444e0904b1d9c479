/**
 * The citizen pages: server-rendered HTML on the same use cases as the JSON API. This scope adds what
 * only pages need: form bodies, CSRF tokens, the stylesheet and script, the journey cookies, the flash,
 * and HTML error pages. One folder per page holds its route, form schema, template and tests.
 */
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsUseCases } from '../../usecases/accounts/index.ts';
import type { CaptchaUseCases } from '../../usecases/captcha/captcha.ts';
import type { GrantRepository } from '../../usecases/ports/grants.ts';
import type { RegistrationJourney } from '../../usecases/registration/index.ts';
import { accountPage } from './account/route.ts';
import { addPasswordPage } from './add-password/route.ts';
import { changePasswordPage } from './change-password/route.ts';
import { recoveryCodePage } from './forgot-password/code/route.ts';
import { recoveryDonePage } from './forgot-password/done/route.ts';
import { recoveryPasswordPage } from './forgot-password/password/route.ts';
import { recoveryStartPage } from './forgot-password/start/route.ts';
import { homePage } from './home/route.ts';
import { interactionRoutes } from './interaction/route.ts';
import { assetUrls, registerAssets } from './kit/assets.ts';
import { pageContext } from './kit/context.ts';
import type { MethodChoice, PageDeps, PageLimits } from './kit/deps.ts';
import { ErrorPage, pageErrorHandler } from './kit/error-page.tsx';
import { type CookieSealer, createFlash } from './kit/flash.ts';
import type { HubInteractions } from './kit/hub-interactions.ts';
import { createJourneyCookies } from './kit/journey-cookies.ts';
import { createPortalReturn } from './kit/portal-return.ts';
import { sendPage } from './kit/reply.ts';
import { languageSwitch } from './language/route.ts';
import type { RefusalPages } from './refusal/paths.ts';
import { refusalPage } from './refusal/route.ts';
import { methodsPage } from './register/methods/route.ts';
import { signInPage } from './sign-in/route.ts';

export interface PagesOptions {
  registration: RegistrationJourney;
  methods: readonly MethodChoice[];
  /** The registration methods' refusals the shared refusal page shows. */
  refusalPages: RefusalPages;
  /** Each built registration method's pages (its form, and the shared steps under its paths). */
  methodPages: ReadonlyArray<(app: FastifyInstance, deps: PageDeps) => Promise<void>>;
  accounts: AccountsUseCases;
  captchas: CaptchaUseCases;
  limits: PageLimits;
  /** Seals the flash cookie; its own key, never the personal-data key. */
  cookieSealer: CookieSealer;
  secureCookies: boolean;
  dev: boolean;
  now(): Date;
  /** The OpenID Provider's interactions, served by these pages (issue 12). */
  hub?: HubInteractions;
  /** The account's connected services: the provider's grants. */
  grants?: GrantRepository;
}

const PAGES = [
  homePage,
  methodsPage,
  refusalPage,
  signInPage,
  accountPage,
  changePasswordPage,
  addPasswordPage,
  recoveryStartPage,
  recoveryCodePage,
  recoveryPasswordPage,
  recoveryDonePage,
  languageSwitch,
  interactionRoutes,
];

export async function pageRoutes(app: FastifyInstance, options: PagesOptions) {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(csrf, {
    cookieKey: '_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.secureCookies },
    getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf,
  });
  // Pages are documents, not API operations: the OpenAPI document leaves them out.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  const assets = registerAssets(app);
  const context: PageDeps['context'] = (request) => pageContext(request, { dev: options.dev, assets });
  pageErrorHandler(app, context);
  const deps: PageDeps = {
    registration: options.registration,
    methods: options.methods,
    refusalPages: options.refusalPages,
    accounts: options.accounts,
    captchas: options.captchas,
    limits: options.limits,
    flash: createFlash(options.cookieSealer, options.secureCookies),
    journeys: createJourneyCookies(options.secureCookies),
    portalReturn: createPortalReturn(options.secureCookies),
    hub: options.hub,
    grants: options.grants,
    secureCookies: options.secureCookies,
    now: options.now,
    context,
  };
  for (const page of PAGES) await page(app, deps);
  for (const pages of options.methodPages) await pages(app, deps);
}

/** The page browsers get for an address that does not exist (registered at the root by the app). */
export function notFoundPage(options: { dev: boolean }) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContext(request, { dev: options.dev, assets: assetUrls() });
    const problem = ctx.api.problems.NOT_FOUND;
    return sendPage(reply, ErrorPage({ ctx, title: problem.title, detail: problem.detail }), 404);
  };
}
