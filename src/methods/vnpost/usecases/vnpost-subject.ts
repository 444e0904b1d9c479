/**
 * What an approved PostID identity proves, as the hub's verified subject: the ID number, name and birth date the
 * post-office clerk checked (loAs `VNPOST`, at the levels PostID gives them), and the SMS-activated phone. A PostID
 * account may still hold the old 9-digit CMND: the population registry gives the person's 12-digit number, which
 * is the account's username (as the mobile method does), and vouches for that link (loAs `POPULATION`, 2).
 */
import type { AssuranceLevel, ClaimEvidence, IdentityClaim } from '../../../domain/identity-claims.ts';
import type { RequestContext } from '../../../usecases/outcome.ts';
import type { FederatedIdentity } from '../../../usecases/ports/federated-identity-provider.ts';
import type { PopulationRegistry } from '../../../usecases/ports/population-registry.ts';

/** The citizen's verified subject (contracts C3 `VerifiedSubject`, citizen kind). */
export interface VnpostSubject {
  kind: 'citizen';
  idNumber: string;
  fullName: string;
  birthDate: string | null;
  phoneNumber: string | null;
  sex?: 'M' | 'F';
  claims: ClaimEvidence[];
}

export type SubjectResolution =
  | { outcome: 'resolved'; subject: VnpostSubject }
  /** A CMND the registry links to no 12-digit number. */
  | { outcome: 'cmnd_not_linked' }
  | { outcome: 'population_unavailable' };

const CLAIMS: IdentityClaim[] = ['idNumber', 'fullName', 'birthDate', 'phoneNumber'];

function evidence(identity: FederatedIdentity, idVouchedByPopulation: boolean): ClaimEvidence[] {
  const present: Partial<Record<IdentityClaim, boolean>> = {
    idNumber: true,
    fullName: true,
    birthDate: identity.birthDate !== null,
    phoneNumber: identity.phoneNumber !== null,
  };
  return CLAIMS.flatMap((claim): ClaimEvidence[] => {
    if (!present[claim]) return [];
    if (claim === 'idNumber' && idVouchedByPopulation) return [{ claim, source: 'POPULATION', level: 2 }];
    const level: AssuranceLevel = identity.levels[claim] ?? 1;
    return [{ claim, source: 'VNPOST', level }];
  });
}

export async function resolveSubject(
  identity: FederatedIdentity,
  population: PopulationRegistry,
  context: RequestContext,
): Promise<SubjectResolution> {
  let idNumber = identity.idNumber;
  const isCmnd = /^\d{9}$/.test(idNumber);
  if (isCmnd) {
    const person = await population.lookup(idNumber, context);
    if (person.outcome === 'unavailable') return { outcome: 'population_unavailable' };
    if (person.outcome === 'not_found' || !/^\d{12}$/.test(person.idNumber))
      return { outcome: 'cmnd_not_linked' };
    idNumber = person.idNumber;
  }
  return {
    outcome: 'resolved',
    subject: {
      kind: 'citizen',
      idNumber,
      fullName: identity.fullName,
      birthDate: identity.birthDate,
      phoneNumber: identity.phoneNumber,
      ...(identity.sex && { sex: identity.sex }),
      claims: evidence(identity, isCmnd),
    },
  };
}
