/**
 * The citizen a verified certificate names, as an account holder, for every signing method (USB token, SIM
 * signature, remote signature). The CA checked the person at issuance (claims level 3, source CA). The
 * population registry gives the current 12-digit number for an old 9-digit CMND (one account per person,
 * whichever number the certificate holds) and its spelling of the name, with its diacritics, when it is the
 * certificate's name (accents aside). A registry that is down does not undo the CA's word for a CCCD
 * certificate; a CMND certificate then waits (503), since an account under the old number would let the same
 * person open a second one later.
 */
import { vouchedBy } from '../../domain/identity-claims.ts';
import { namesMatch, validateFullName } from '../../domain/name.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';
import type { PopulationRegistry } from '../ports/population-registry.ts';
import type { VerifiedSubject } from '../registration/register-verified.ts';
import type { SignerIdentity } from './signer-identity.ts';

export interface CitizenOfCertificateDependencies {
  population: Pick<PopulationRegistry, 'lookup'>;
  metrics: Pick<JourneyMetrics, 'partnerCall'>;
}

export type CitizenSigner = Extract<SignerIdentity, { kind: 'citizen' }>;
export type CitizenSubject = Extract<VerifiedSubject, { kind: 'citizen' }>;

export function createCitizenOfCertificate(deps: CitizenOfCertificateDependencies) {
  return async function citizenOf(
    signer: CitizenSigner,
    context: Pick<RequestContext, 'requestId'>,
  ): Promise<Outcome<CitizenSubject>> {
    const started = performance.now();
    const person = await deps.population.lookup(signer.idNumber, { requestId: context.requestId });
    deps.metrics.partnerCall('population_lookup', person.outcome, (performance.now() - started) / 1000);
    if (person.outcome === 'unavailable' && signer.idType === 'CMND')
      return failure('POPULATION_UNAVAILABLE', { retryAfterSeconds: 30 });
    const found = person.outcome === 'found' ? person : undefined;
    const spelled =
      found && namesMatch(found.fullName, signer.fullName) ? validateFullName(found.fullName) : undefined;
    return success({
      kind: 'citizen',
      idNumber: found?.idNumber ?? signer.idNumber,
      fullName: spelled?.ok ? spelled.value : signer.fullName,
      birthDate: null,
      phoneNumber: null,
      claims: vouchedBy('CA', 3, ['idNumber', 'fullName']),
    });
  };
}
