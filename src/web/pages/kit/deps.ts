/** What the pages are built from: the use cases, and the request-level helpers of the kit. */
import type { FastifyRequest } from 'fastify';
import type { AccountsUseCases } from '../../../usecases/accounts/index.ts';
import type { CaptchaUseCases } from '../../../usecases/captcha/captcha.ts';
import type { GrantRepository } from '../../../usecases/ports/grants.ts';
import type { RegistrationJourney } from '../../../usecases/registration/index.ts';
import type { PageMessages } from '../messages.ts';
import type { RefusalPages } from '../refusal/paths.ts';
import type { PageContext } from './context.ts';
import type { FlashStore } from './flash.ts';
import type { HubInteractions } from './hub-interactions.ts';
import type { JourneyCookies } from './journey-cookies.ts';
import type { PortalReturns } from './portal-return.ts';

/** A method as the chooser shows it: its name and who it is for, in the page's language (its plug-in's texts). */
export interface ChooserEntry {
  name: string;
  hint: string;
}

export interface MethodChoice {
  id: string;
  href?: string | undefined;
  chooser(m: PageMessages): ChooserEntry;
}

/** The daily code allowances the pages tell citizens about (the use cases' rules). */
export interface PageLimits {
  smsPerPhonePerDay: number;
  smsPerIdNumberPerDay: number;
  recoveryCodesPerIdNumberPerDay: number;
}

export interface PageDeps {
  registration: RegistrationJourney;
  /** The registration methods in the chooser's order; `href` only for those built. */
  methods: readonly MethodChoice[];
  /** The registration methods' refusals the shared refusal page shows (besides the shared journey's). */
  refusalPages: RefusalPages;
  accounts: AccountsUseCases;
  captchas: CaptchaUseCases;
  limits: PageLimits;
  flash: FlashStore;
  journeys: JourneyCookies;
  /** The portal a citizen registering from an authorization goes back to. */
  portalReturn: PortalReturns;
  /** The OpenID Provider's interactions (absent where the hub serves no portals, e.g. page tests). */
  hub?: HubInteractions | undefined;
  /** What citizens allowed the portals (the account's connected services). */
  grants?: GrantRepository | undefined;
  secureCookies: boolean;
  /** The injected clock's time, for countdowns consistent with the use cases' own expiry. */
  now(): Date;
  context(request: FastifyRequest): PageContext;
}
