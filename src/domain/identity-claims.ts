/**
 * Where each claim of a verified identity came from and how strongly it was checked: what the hub
 * publishes as `loAs` (hub.md). Level 1: declared by the citizen; 2: matched against an authoritative
 * record (carrier, social insurance, population registry); 3: checked in person (post-office counter,
 * CA at issuance).
 */

export type IdentityClaim =
  | 'idNumber'
  | 'fullName'
  | 'birthDate'
  | 'phoneNumber'
  /** Organisation accounts: the tax code and the registered name. */
  | 'taxCode'
  | 'organisationName';

export type ClaimSource = 'CARRIER' | 'VSS' | 'VNPOST' | 'CA' | 'POPULATION';

export type AssuranceLevel = 1 | 2 | 3;

export interface ClaimEvidence {
  claim: IdentityClaim;
  source: ClaimSource;
  level: AssuranceLevel;
}

/** The same source and level for each of `claims`. */
export function vouchedBy(
  source: ClaimSource,
  level: AssuranceLevel,
  claims: readonly IdentityClaim[],
): ClaimEvidence[] {
  return claims.map((claim) => ({ claim, source, level }));
}
