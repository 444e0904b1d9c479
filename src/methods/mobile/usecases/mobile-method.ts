/**
 * Registration by mobile subscriber: the carrier serving the number confirms, over CAMARA KYC Match and SIM
 * Swap, that the SIM is registered to this citizen, active and not swapped lately; the code then goes to
 * that SIM. A SIM still registered to the citizen's old 9-digit CMND (or, the other way round, to the new
 * CCCD when the citizen typed the CMND) passes when the population registry links the two numbers, and the
 * ID claim is then vouched for by the registry (loAs `POPULATION`). Once proven, the name is kept as the
 * registry spells it (diacritics and all) when it is the name the citizen typed, accents aside.
 */
import { type IdentityClaim, vouchedBy } from '../../../domain/identity-claims.ts';
import { namesMatch, validateFullName } from '../../../domain/name.ts';
import { carrierContact } from '../../../domain/partners.ts';
import { normalizeMobileNumber } from '../../../domain/phone.ts';
import {
  failure,
  type RequestContext,
  type SubscriberRefusalReason,
  success,
} from '../../../usecases/outcome.ts';
import type { CarrierCheck, OwnerCheckDecision } from '../../../usecases/ports/carrier-check.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { PopulationAnswer, PopulationRegistry } from '../../../usecases/ports/population-registry.ts';
import { validateCitizenEntries } from '../../../usecases/registration/citizen-entries.ts';
import type {
  CaptchaAnswer,
  CitizenEntries,
  CodeRegistrationMethod,
  Proof,
  VerifiedIdentity,
} from '../../../usecases/registration/index.ts';

export interface MobileInput extends CitizenEntries, CaptchaAnswer {
  phoneNumber: string;
}

export interface MobileEntries extends CitizenEntries {
  /** E.164 */
  phoneNumber: string;
}

export interface MobileMethodDependencies {
  carrier: CarrierCheck;
  population: PopulationRegistry;
  metrics: JourneyMetrics;
}

const CARRIER_CLAIMS: IdentityClaim[] = ['idNumber', 'fullName', 'birthDate', 'phoneNumber'];

type NotOwner = Extract<OwnerCheckDecision, { outcome: 'not_owner' }>;
const DETAILS: ReadonlySet<NotOwner['reasons'][number]> = new Set(['id_number', 'name', 'birth_date']);

/**
 * What the citizen is told. A detail that differs comes first: the SIM's state (and when a swap stops
 * counting) is said only to someone whose entries the carrier matched, or when the carrier said nothing
 * about the entries (an inactive line).
 */
function citizenReason(reasons: NotOwner['reasons']): SubscriberRefusalReason {
  if (reasons.some((reason) => DETAILS.has(reason))) return 'DETAILS_MISMATCH';
  return reasons.includes('inactive') ? 'SIM_INACTIVE' : 'SIM_RECENTLY_CHANGED';
}

export function createMobileMethod(
  deps: MobileMethodDependencies,
): CodeRegistrationMethod<MobileInput, MobileEntries> {
  async function checkOwner(entries: MobileEntries, context: RequestContext): Promise<OwnerCheckDecision> {
    const started = performance.now();
    const decision = await deps.carrier.checkOwner(entries, { requestId: context.requestId });
    deps.metrics.partnerCall('owner_check', decision.outcome, (performance.now() - started) / 1000);
    return decision;
  }

  async function lookUp(idNumber: string, context: RequestContext): Promise<PopulationAnswer> {
    const started = performance.now();
    const answer = await deps.population.lookup(idNumber, context);
    deps.metrics.partnerCall('population_lookup', answer.outcome, (performance.now() - started) / 1000);
    return answer;
  }

  /** The other numbers the registry links to the typed one (the old CMND of a CCCD, or the CCCD of a CMND). */
  const linkedNumbers = (idNumber: string, person: PopulationAnswer) =>
    person.outcome === 'found'
      ? [person.idNumber, ...person.oldIdNumbers].filter((number) => number !== idNumber)
      : [];

  /**
   * The proven identity with the name as the registry spells it, when it is the typed name (accents aside)
   * and a valid one. The carrier has already proved the registration: a registry that is down or does not
   * know the citizen must not undo that, so the typed name is kept then.
   */
  async function withRegistrySpelling(
    identity: VerifiedIdentity,
    context: RequestContext,
    known?: PopulationAnswer,
  ): Promise<VerifiedIdentity> {
    const person = known ?? (await lookUp(identity.idNumber, context));
    if (person.outcome !== 'found' || !namesMatch(person.fullName, identity.fullName)) return identity;
    const spelled = validateFullName(person.fullName);
    return spelled.ok ? { ...identity, fullName: spelled.value } : identity;
  }

  function refusal(decision: Exclude<OwnerCheckDecision, { outcome: 'owner' }>): Proof {
    switch (decision.outcome) {
      case 'carrier_unavailable':
        return {
          proven: false,
          failure: { code: 'CARRIER_UNAVAILABLE', retryAfterSeconds: 30 },
          ...(decision.carrier && { partner: decision.carrier }),
        };
      case 'unknown_number':
        return { proven: false, failure: { code: 'SUBSCRIBER_NOT_FOUND' } };
      case 'not_owner': {
        const reason = citizenReason(decision.reasons);
        const retryAt = reason === 'SIM_RECENTLY_CHANGED' ? decision.simChangeWaitEndsAt : undefined;
        return {
          proven: false,
          failure: {
            code: 'SUBSCRIBER_NOT_OWNER',
            partner: carrierContact(decision.carrier),
            reason,
            ...(retryAt && { retryAt }),
          },
          partner: decision.carrier,
          detail: decision.reasons.join(','),
        };
      }
    }
  }

  return {
    id: 'mobile',

    validate(input, today) {
      const citizen = validateCitizenEntries(input, today);
      const phone = normalizeMobileNumber(input.phoneNumber);
      const errors = [...citizen.errors, ...(phone.ok ? [] : [{ field: 'phoneNumber', code: phone.error }])];
      if (!citizen.entries || !phone.ok) return failure('VALIDATION_FAILED', { fieldErrors: errors });
      return success({ ...citizen.entries, phoneNumber: phone.value.e164 });
    },

    async prove(entries, context) {
      const decision = await checkOwner(entries, context);
      if (decision.outcome === 'owner')
        return {
          proven: true,
          identity: await withRegistrySpelling(
            { ...entries, claims: vouchedBy('CARRIER', 2, CARRIER_CLAIMS) },
            context,
          ),
          partner: decision.carrier,
        };
      // The ID alone differing may be a SIM on the citizen's other number; the SIM's state is asked again.
      const onlyTheIdDiffers =
        decision.outcome === 'not_owner' &&
        decision.reasons.filter((reason) => DETAILS.has(reason)).join() === 'id_number';
      if (!onlyTheIdDiffers) return refusal(decision);

      const person = await lookUp(entries.idNumber, context);
      if (person.outcome === 'unavailable')
        return {
          proven: false,
          failure: { code: 'POPULATION_UNAVAILABLE', retryAfterSeconds: 30 },
          partner: 'population',
        };
      for (const otherNumber of linkedNumbers(entries.idNumber, person)) {
        const viaLink = await checkOwner({ ...entries, idNumber: otherNumber }, context);
        if (viaLink.outcome === 'owner') {
          const identity = {
            ...entries,
            claims: [
              ...vouchedBy('POPULATION', 2, ['idNumber']),
              ...vouchedBy('CARRIER', 2, ['fullName', 'birthDate', 'phoneNumber']),
            ],
          };
          return {
            proven: true,
            identity: await withRegistrySpelling(identity, context, person),
            partner: viaLink.carrier,
          };
        }
        // An outage is not an answer: calling it "not the owner" would send the citizen to the carrier's shop.
        if (viaLink.outcome === 'carrier_unavailable') return refusal(viaLink);
        // The citizen's SIM on the linked number, inactive or changed lately: that is what to be told.
        if (viaLink.outcome === 'not_owner' && !viaLink.reasons.some((reason) => DETAILS.has(reason)))
          return refusal(viaLink);
      }
      return refusal(decision);
    },
  };
}
