/**
 * The business registry (National Business Registration Portal's records), as organisation accounts need it:
 * the registered name, status and legal representative of a tax code.
 */
export interface BusinessRecord {
  /** The registered name. */
  name: string;
  status: 'active' | 'suspended' | 'closed';
  /** The legal representative's ID number, when the registry gives one. */
  representativeIdNumber?: string;
}

/** The registry could not be asked or did not answer usably: the caller answers 503, nothing is created. */
export class BusinessRegistryUnavailableError extends Error {
  constructor(message = 'the business registry is unavailable') {
    super(message);
    this.name = 'BusinessRegistryUnavailableError';
  }
}

export interface BusinessRegistry {
  /** The business of a well-formed tax code, or null when none is registered; throws BusinessRegistryUnavailableError. */
  lookUp(taxCode: string, context: { requestId: string }): Promise<BusinessRecord | null>;
  /** Rejects while the registry is known to be failing (readiness). */
  ping(): Promise<void>;
}
