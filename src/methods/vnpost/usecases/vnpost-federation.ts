/**
 * Registration, sign-in and linking through PostID (docs/methods.md "Vietnam Post"). A trip to PostID starts
 * here (transactions.ts holds its secrets) and comes back to `returnFrom`, which judges PostID's answer:
 * - a PostID subject already linked to an account signs that account in (amr `fed`, LoA1), whatever the trip;
 * - otherwise an approved identity may become an account: after the citizen's consent on the hub's own page
 *   (`consentView`, `decide`), never before; pending and rejected identities create nothing, and an ID number that
 *   already has an account gets ACCOUNT_EXISTS (said only now, once PostID has proved the person);
 * - a link (from the account page) adds the PostID subject to the signed-in account, when it is the same person
 *   (removing it is the account page's generic removal, which never removes the last credential).
 * The identity waiting for consent is sealed with the personal-data key in the ephemeral store, under the trip's
 * handle, for as long as a trip lives; deciding takes it once.
 */
import { maskPhone } from '../../../domain/phone.ts';
import type { Session } from '../../../usecases/accounts/sessions.ts';
import { citizenSubjectIndex } from '../../../usecases/accounts/subject-index.ts';
import type { RequestContext } from '../../../usecases/outcome.ts';
import type { FederatedIdentityProvider } from '../../../usecases/ports/federated-identity-provider.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { PopulationRegistry } from '../../../usecases/ports/population-registry.ts';
import type { AccountRepository, AuditLog } from '../../../usecases/ports/repositories.ts';
import { credentialOf, type OpenFederatedSession, type RegisterVerified } from './contracts.ts';
import { createTrips, type Purpose, TRIP_TTL_MS, type TripDependencies } from './transactions.ts';
import { resolveSubject, type VnpostSubject } from './vnpost-subject.ts';

export interface VnpostDependencies extends TripDependencies {
  provider: FederatedIdentityProvider;
  population: PopulationRegistry;
  accounts: Pick<
    AccountRepository,
    'findAccountByCredential' | 'existsForSubject' | 'findById' | 'addCredential'
  >;
  registerVerified: RegisterVerified;
  openSession: OpenFederatedSession;
  audit: AuditLog;
  metrics: JourneyMetrics;
  consentVersion?: string;
}

export type Started = { kind: 'redirect'; handle: string; url: string } | { kind: 'unavailable' };

export type Returned =
  | { kind: 'signed_in'; session: Session; returnTo?: string | undefined }
  /** An approved identity with no account: the consent page, under the same handle. */
  | { kind: 'consent' }
  | { kind: 'pending' }
  | { kind: 'rejected'; reason: string | null }
  | { kind: 'account_exists' }
  | { kind: 'cmnd_not_linked' }
  | { kind: 'linked' }
  | { kind: 'link_refused'; why: 'not_approved' | 'other_person' | 'taken' }
  /** `expired`: no trip for this browser (unknown, used or too old); `tampered`: state, nonce or code not its own. */
  | { kind: 'refused'; reason: 'expired' | 'tampered' | 'cancelled' }
  | { kind: 'unavailable'; partner: 'postid' | 'population' };

export interface ConsentView {
  purpose: Purpose;
  fullName: string;
  idNumber: string;
  birthDate: string | null;
  maskedPhone: string | null;
}

export type Decided =
  | { kind: 'created'; session: Session | undefined; username: string; returnTo?: string | undefined }
  | { kind: 'declined' }
  | { kind: 'account_exists' }
  | { kind: 'expired' }
  | { kind: 'unavailable' };

interface WaitingConsent {
  purpose: Purpose;
  postIdSubject: string;
  subject: VnpostSubject;
  returnTo?: string | undefined;
}

const LABELS = { method: 'vnpost', partner: 'vnpost' } as const;

export function createVnpostFederation(deps: VnpostDependencies) {
  const trips = createTrips(deps);
  const step = (outcome: string, reason?: string) =>
    deps.metrics.step('vnpost_return', outcome, { ...LABELS, ...(reason && { reason }) });

  async function signIn(
    accountId: string,
    returnTo: string | undefined,
    context: RequestContext,
  ): Promise<Returned> {
    const opened = await deps.openSession(accountId, context);
    if (!opened.ok) return { kind: 'unavailable', partner: 'postid' };
    step('signed_in');
    return { kind: 'signed_in', session: opened.value.session, returnTo };
  }

  async function link(
    accountId: string | undefined,
    session: Session | undefined,
    identity: Parameters<typeof resolveSubject>[0],
    context: RequestContext,
  ): Promise<Returned> {
    // The link is for the account that started it, and that account must still be the one signed in.
    if (!accountId || session?.accountId !== accountId) return { kind: 'refused', reason: 'expired' };
    const account = await deps.accounts.findById(accountId);
    if (!account) return { kind: 'refused', reason: 'expired' };
    const credential = credentialOf(identity.subject);
    const holder = await deps.accounts.findAccountByCredential('federated', credential.identifier);
    if (holder) return holder.id === accountId ? { kind: 'linked' } : { kind: 'link_refused', why: 'taken' };
    if (identity.approval !== 'approved') return { kind: 'link_refused', why: 'not_approved' };
    const resolved = await resolveSubject(identity, deps.population, context);
    if (resolved.outcome === 'population_unavailable') return { kind: 'unavailable', partner: 'population' };
    const samePerson =
      resolved.outcome === 'resolved' &&
      deps.protector.sameHash(
        deps.protector.blindIndex('id', resolved.subject.idNumber),
        account.subjectIndex,
      );
    if (!samePerson) {
      step('link_refused', 'other_person');
      return { kind: 'link_refused', why: 'other_person' };
    }
    const now = deps.clock.now();
    if ((await deps.accounts.addCredential(accountId, credential, now)) === 'taken')
      return { kind: 'link_refused', why: 'taken' };
    await deps.audit.record({
      event: 'account.credential_added',
      at: now,
      accountId,
      subject: account.subjectIndex,
      method: 'vnpost',
      partner: 'vnpost',
      requestId: context.requestId,
      clientIp: context.clientIp,
    });
    step('linked');
    return { kind: 'linked' };
  }

  return {
    /** A trip to PostID: the handle for the browser's cookie and where to send it; nothing else is kept. */
    async start(
      purpose: Purpose,
      options: { accountId?: string; returnTo?: string; uiLocales: string },
    ): Promise<Started> {
      const { handle, trip } = await trips.open({
        purpose,
        ...(options.accountId && { accountId: options.accountId }),
        ...(options.returnTo && { returnTo: options.returnTo }),
      });
      const url = await deps.provider.authorizationUrl(trip, { uiLocales: options.uiLocales });
      if (!url) {
        await trips.take(handle);
        deps.metrics.step('vnpost_start', 'unavailable', LABELS);
        return { kind: 'unavailable' };
      }
      deps.metrics.step('vnpost_start', purpose, LABELS);
      return { kind: 'redirect', handle, url };
    },

    /** PostID's callback for this browser's trip (once), judged as the module comment says. */
    async returnFrom(
      handle: string | undefined,
      callbackUrl: URL,
      session: Session | undefined,
      context: RequestContext,
    ): Promise<Returned> {
      const trip = await trips.take(handle);
      if (!trip || !handle) {
        step('refused', 'expired');
        return { kind: 'refused', reason: 'expired' };
      }
      const answer = await deps.provider.finish(callbackUrl, trip);
      if (answer.outcome === 'unavailable') {
        step('unavailable');
        return { kind: 'unavailable', partner: 'postid' };
      }
      if (answer.outcome === 'refused') {
        step('refused', answer.reason);
        return { kind: 'refused', reason: answer.reason };
      }
      const { identity } = answer;
      if (trip.purpose === 'link') return link(trip.accountId, session, identity, context);

      const linked = await deps.accounts.findAccountByCredential(
        'federated',
        credentialOf(identity.subject).identifier,
      );
      if (linked) return signIn(linked.id, trip.returnTo, context);
      if (identity.approval === 'pending') {
        step('pending');
        return { kind: 'pending' };
      }
      if (identity.approval === 'rejected') {
        step('rejected');
        return { kind: 'rejected', reason: identity.rejectionReason };
      }
      const resolved = await resolveSubject(identity, deps.population, context);
      if (resolved.outcome === 'population_unavailable')
        return { kind: 'unavailable', partner: 'population' };
      if (resolved.outcome === 'cmnd_not_linked') {
        step('refused', 'cmnd_not_linked');
        return { kind: 'cmnd_not_linked' };
      }
      if (
        await deps.accounts.existsForSubject(citizenSubjectIndex(deps.protector, resolved.subject.idNumber))
      ) {
        step('account_exists');
        return { kind: 'account_exists' };
      }
      const waiting: WaitingConsent = {
        purpose: trip.purpose,
        postIdSubject: identity.subject,
        subject: resolved.subject,
        returnTo: trip.returnTo,
      };
      await deps.store.set(
        trips.key('consent', handle),
        deps.protector.encrypt(JSON.stringify(waiting)),
        TRIP_TTL_MS,
      );
      step('consent_asked');
      return { kind: 'consent' };
    },

    /** What the consent page shows: what the account will hold. Undefined when nothing waits for this browser. */
    async consentView(handle: string | undefined): Promise<ConsentView | undefined> {
      if (!trips.validHandle(handle)) return undefined;
      const sealed = await deps.store.get(trips.key('consent', handle));
      if (!sealed) return undefined;
      const { purpose, subject } = JSON.parse(deps.protector.decrypt(sealed)) as WaitingConsent;
      return {
        purpose,
        fullName: subject.fullName,
        idNumber: subject.idNumber,
        birthDate: subject.birthDate,
        maskedPhone: subject.phoneNumber ? maskPhone(subject.phoneNumber) : null,
      };
    },

    /** The citizen's answer on the consent page, taken once: the account (and its session), or nothing. */
    async decide(handle: string | undefined, accept: boolean, context: RequestContext): Promise<Decided> {
      if (!trips.validHandle(handle)) return { kind: 'expired' };
      const sealed = await deps.store.take(trips.key('consent', handle));
      if (!sealed) return { kind: 'expired' };
      const waiting = JSON.parse(deps.protector.decrypt(sealed)) as WaitingConsent;
      if (!accept) {
        deps.metrics.step('vnpost_consent', 'declined', LABELS);
        return { kind: 'declined' };
      }
      const registered = await deps.registerVerified(
        {
          method: 'vnpost',
          partner: 'vnpost',
          subject: waiting.subject,
          credential: () => credentialOf(waiting.postIdSubject),
          ...(deps.consentVersion && { consentVersion: deps.consentVersion }),
        },
        context,
      );
      if (!registered.ok) {
        deps.metrics.step('vnpost_consent', registered.failure.code, LABELS);
        if (registered.failure.code === 'ACCOUNT_EXISTS') return { kind: 'account_exists' };
        return { kind: 'unavailable' };
      }
      deps.metrics.step('vnpost_consent', 'created', LABELS);
      // The account exists whatever happens next: a session store failing now means "sign in", not "error".
      const opened = await deps.openSession(registered.value.accountId, context);
      return {
        kind: 'created',
        session: opened.ok ? opened.value.session : undefined,
        username: registered.value.username,
        returnTo: waiting.returnTo,
      };
    },
  };
}

export type VnpostFederation = ReturnType<typeof createVnpostFederation>;
