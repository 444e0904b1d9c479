/**
 * What a registration method is to the rest of the system: a plug-in. Built, it gives its start use case's
 * API route and its own pages (the form, anything before it); the shared journey (code, password, account)
 * and the shared pages do the rest. It also names itself in the chooser, gives the HTTP status of each
 * refusal it declares (`usecases/refusals.ts`) and what the shared refusal page shows of them, so no shared
 * list names it. A method not built yet is listed with no `build`: the chooser says "coming" and links nowhere.
 */
import type { FastifyInstance } from 'fastify';
import type { Sessions } from '../usecases/accounts/sessions.ts';
import type { MethodFailureCodes, Outcome, RequestContext } from '../usecases/outcome.ts';
import type { BusinessRegistry } from '../usecases/ports/business-registry.ts';
import type { CarrierCheck } from '../usecases/ports/carrier-check.ts';
import type { Clock } from '../usecases/ports/clock.ts';
import type { EphemeralStore } from '../usecases/ports/ephemeral-store.ts';
import type { FederatedIdentityProvider } from '../usecases/ports/federated-identity-provider.ts';
import type { JourneyMetrics } from '../usecases/ports/journey-metrics.ts';
import type { MobileSignatureService } from '../usecases/ports/mobile-signature-service.ts';
import type { PopulationRegistry } from '../usecases/ports/population-registry.ts';
import type { PersonalDataProtector } from '../usecases/ports/protection.ts';
import type { Random } from '../usecases/ports/random.ts';
import type { RemoteSigningService } from '../usecases/ports/remote-signing-service.ts';
import type { AccountRepository, AuditLog } from '../usecases/ports/repositories.ts';
import type { SocialInsuranceRegistry } from '../usecases/ports/social-insurance-registry.ts';
import type { RegistrationJourney } from '../usecases/registration/index.ts';
import type { SignatureUseCases } from '../usecases/signatures/index.ts';
import type { FailureStatuses } from '../web/api/failure-problem.ts';
import type { MethodSummary } from '../web/api/registration/methods.ts';
import type { ChooserEntry, PageDeps } from '../web/pages/kit/deps.ts';
import type { PageMessages } from '../web/pages/messages.ts';
import type { RefusalPages } from '../web/pages/refusal/paths.ts';

/** The authoritative sources methods prove identities against (their adapters, built by compose.ts). */
export interface Partners {
  carrier: CarrierCheck;
  population: PopulationRegistry;
  socialInsurance: SocialInsuranceRegistry;
  /** Vietnam Post's PostID, an OpenID Provider the hub federates. */
  postId: FederatedIdentityProvider;
  /** The business registry: a tax code's name, status and legal representative (organisation accounts). */
  businessRegistry: BusinessRegistry;
  /** The remote-signing services (CSC API v2: VNPT SmartCA, Viettel MySign). */
  remoteSigning: RemoteSigningService;
  /** The mobile-signature service (MSSP, ETSI TS 102 204) the hub is an application provider of. */
  mobileSignature: MobileSignatureService;
}

/**
 * What the signing methods (USB token; SIM and remote signatures later) need besides the journey: the
 * signature pipeline, the captcha check of a start that is not the shared code start, the business registry's
 * verdict, and the signed-in side (sessions, the account, adding a credential from the account page).
 */
export interface SigningServices {
  signatures: Pick<SignatureUseCases, 'verifySignedChallenge' | 'issueChallenge'>;
  verifyCaptcha(captchaId: string, answer: string): Promise<boolean>;
  /** Active in the business registry: its name; else ORGANISATION_NOT_ACTIVE, or 503 when it cannot answer. */
  verifyOrganisation(
    taxCode: string,
    context: RequestContext,
  ): Promise<Outcome<{ name: string; representativeIdNumber?: string }>>;
  sessions: Pick<Sessions, 'resume' | 'end'>;
  accountView(
    accountId: string,
  ): Promise<Outcome<{ accountType: 'citizen' | 'organisation'; username: string }>>;
  addCredential(
    accountId: string,
    credential: { type: 'certificate'; identifier: string; secret: string },
  ): Promise<'added' | 'taken'>;
  /** Where the pages' module reaches the citizen's local signing agent. */
  signingAgentUrl: string;
  secureCookies: boolean;
}

/**
 * What a federated method (Vietnam Post) needs besides the journey: where a trip to the provider keeps its secrets
 * and the identity waiting for consent, and the account's credentials (found by one, a link added).
 */
export interface FederationServices {
  store: EphemeralStore;
  protector: PersonalDataProtector;
  random: Random;
  clock: Clock;
  accounts: Pick<
    AccountRepository,
    'findAccountByCredential' | 'existsForSubject' | 'findById' | 'addCredential'
  >;
  audit: AuditLog;
}

export interface MethodServices {
  journey: RegistrationJourney;
  metrics: JourneyMetrics;
  partners: Partners;
  federation: FederationServices;
  signing: SigningServices;
}

export interface BuiltMethod {
  /** Registers the method's JSON routes (its start). */
  api(app: FastifyInstance): Promise<void>;
  /** Registers the method's pages, and the shared step pages under its own paths. */
  pages(app: FastifyInstance, deps: PageDeps): Promise<void>;
}

export interface RegistrationMethodPlugin extends Omit<MethodSummary, 'available'> {
  /** The page the chooser links to; absent while the method is not built. */
  entryPath?: string;
  /** Its name and who it is for in the chooser (and wherever a page names it), from its catalog file. */
  chooser(m: PageMessages): ChooserEntry;
  /** The HTTP status of each refusal code the method declares (`MethodFailureCodes`). */
  refusals: FailureStatuses;
  /** What the shared refusal page shows of the method's refusals that end there (none: its own pages). */
  refusalPages?: RefusalPages;
  build?(services: MethodServices): BuiltMethod;
}

/** The refusal codes a method declares as its own (`MethodFailureCodes`, owner `Id`). */
export type RefusalCodesOf<Id extends string> = {
  [Code in keyof MethodFailureCodes]: MethodFailureCodes[Code] extends Id ? Code : never;
}[keyof MethodFailureCodes];

/**
 * A plug-in, checked against the refusals its method declares: one of its codes without a status, or a status
 * for a code it does not declare, is a compile error in the method's `plugin.ts`.
 */
export function registrationMethod<const Id extends string>(
  plugin: Omit<RegistrationMethodPlugin, 'id' | 'refusals'> & {
    id: Id;
    refusals: { readonly [Code in RefusalCodesOf<Id>]: number };
  },
): RegistrationMethodPlugin {
  return plugin;
}
