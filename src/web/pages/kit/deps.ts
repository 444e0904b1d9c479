/** What the pages are built from: the use cases, and the request-level helpers of the kit. */
import type { FastifyRequest } from 'fastify';
import type { AccountsUseCases } from '../../../usecases/accounts/index.ts';
import type { CaptchaUseCases } from '../../../usecases/captcha/captcha.ts';
import type { RegistrationUseCases } from '../../../usecases/registration/index.ts';
import type { PageContext } from './context.ts';
import type { FlashStore } from './flash.ts';
import type { JourneyCookies } from './journey-cookies.ts';

export interface PageDeps {
  registration: RegistrationUseCases;
  accounts: AccountsUseCases;
  captchas: CaptchaUseCases;
  flash: FlashStore;
  journeys: JourneyCookies;
  secureCookies: boolean;
  /** The injected clock's time, for countdowns consistent with the use cases' own expiry. */
  now(): Date;
  context(request: FastifyRequest): PageContext;
}
