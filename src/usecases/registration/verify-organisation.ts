/**
 * Whether a tax code may have an organisation account (docs/methods.md "USB token"): it must be registered
 * and active in the business registry. What the certificate methods call once a signature has shown the tax
 * code; the registry's name and legal representative come back for the account.
 */
import { parseTaxCode } from '../../domain/tax-code.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import { type BusinessRegistry, BusinessRegistryUnavailableError } from '../ports/business-registry.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';

export interface VerifiedOrganisation {
  /** The tax code as the registry keeps it. */
  taxCode: string;
  /** The registered name. */
  name: string;
  representativeIdNumber?: string;
}

export type VerifyOrganisation = (
  taxCode: string,
  context: RequestContext,
) => Promise<Outcome<VerifiedOrganisation>>;

export function createVerifyOrganisation(deps: {
  businessRegistry: BusinessRegistry;
  metrics: JourneyMetrics;
  now: () => Date;
}): VerifyOrganisation {
  return async (rawTaxCode, context) => {
    const parsed = parseTaxCode(rawTaxCode);
    if (!parsed.ok)
      return failure('VALIDATION_FAILED', { fieldErrors: [{ field: 'taxCode', code: 'TAX_CODE_INVALID' }] });
    const { taxCode } = parsed.value;
    const started = deps.now().getTime();
    const seconds = () => (deps.now().getTime() - started) / 1000;
    let business: Awaited<ReturnType<BusinessRegistry['lookUp']>>;
    try {
      business = await deps.businessRegistry.lookUp(taxCode, context);
    } catch (error) {
      if (!(error instanceof BusinessRegistryUnavailableError)) throw error;
      deps.metrics.partnerCall('business_lookup', 'unavailable', seconds());
      return failure('BUSINESS_REGISTRY_UNAVAILABLE', { retryAfterSeconds: 30 });
    }
    deps.metrics.partnerCall('business_lookup', business ? business.status : 'not_found', seconds());
    if (business?.status !== 'active') return failure('ORGANISATION_NOT_ACTIVE');
    return success({
      taxCode,
      name: business.name,
      ...(business.representativeIdNumber && { representativeIdNumber: business.representativeIdNumber }),
    });
  };
}
