/**
 * Registration by mobile subscriber: the carrier serving the number confirms, over CAMARA KYC Match and SIM
 * Swap, that the SIM is registered to this citizen, active and not swapped lately; the code then goes to
 * that SIM. A SIM still registered to the citizen's old 9-digit CMND (or, the other way round, to the new
 * CCCD when the citizen typed the CMND) passes when the population registry links the two numbers, and the
 * ID claim is then vouched for by the registry (loAs `POPULATION`).
 */
import { type IdentityClaim, vouchedBy } from '../../../domain/identity-claims.ts';
import { carrierContact } from '../../../domain/partners.ts';
import { normalizeMobileNumber } from '../../../domain/phone.ts';
import { failure, type RequestContext, success } from '../../../usecases/outcome.ts';
import type { CarrierCheck, OwnerCheckDecision } from '../../../usecases/ports/carrier-check.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { PopulationRegistry } from '../../../usecases/ports/population-registry.ts';
import { validateCitizenEntries } from '../../../usecases/registration/citizen-entries.ts';
import type {
  CaptchaAnswer,
  CitizenEntries,
  CodeRegistrationMethod,
  Proof,
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

export function createMobileMethod(
  deps: MobileMethodDependencies,
): CodeRegistrationMethod<MobileInput, MobileEntries> {
  async function checkOwner(entries: MobileEntries, context: RequestContext): Promise<OwnerCheckDecision> {
    const started = performance.now();
    const decision = await deps.carrier.checkOwner(entries, { requestId: context.requestId });
    deps.metrics.partnerCall('owner_check', decision.outcome, (performance.now() - started) / 1000);
    return decision;
  }

  /** The other numbers the registry links to the typed one (the old CMND of a CCCD, or the CCCD of a CMND). */
  async function linkedNumbers(idNumber: string, context: RequestContext) {
    const started = performance.now();
    const answer = await deps.population.lookup(idNumber, context);
    deps.metrics.partnerCall('population_lookup', answer.outcome, (performance.now() - started) / 1000);
    if (answer.outcome !== 'found') return answer.outcome;
    return [answer.idNumber, ...answer.oldIdNumbers].filter((number) => number !== idNumber);
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
        return {
          proven: false,
          failure: { code: 'SUBSCRIBER_NOT_OWNER', partner: carrierContact(decision.carrier) },
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
          identity: { ...entries, claims: vouchedBy('CARRIER', 2, CARRIER_CLAIMS) },
          partner: decision.carrier,
        };
      const onlyTheIdDiffers =
        decision.outcome === 'not_owner' &&
        decision.reasons.length === 1 &&
        decision.reasons[0] === 'id_number';
      if (!onlyTheIdDiffers) return refusal(decision);

      const linked = await linkedNumbers(entries.idNumber, context);
      if (linked === 'unavailable')
        return {
          proven: false,
          failure: { code: 'POPULATION_UNAVAILABLE', retryAfterSeconds: 30 },
          partner: 'population',
        };
      if (linked === 'not_found') return refusal(decision);
      for (const otherNumber of linked) {
        const viaLink = await checkOwner({ ...entries, idNumber: otherNumber }, context);
        if (viaLink.outcome === 'owner')
          return {
            proven: true,
            identity: {
              ...entries,
              claims: [
                ...vouchedBy('POPULATION', 2, ['idNumber']),
                ...vouchedBy('CARRIER', 2, ['fullName', 'birthDate', 'phoneNumber']),
              ],
            },
            partner: viaLink.carrier,
          };
        // An outage is not an answer: calling it "not the owner" would send the citizen to the carrier's shop.
        if (viaLink.outcome === 'carrier_unavailable') return refusal(viaLink);
      }
      return refusal(decision);
    },
  };
}
