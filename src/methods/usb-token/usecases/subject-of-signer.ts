/**
 * Who a verified certificate names, as an account holder: a citizen as the population registry knows them,
 * or an organisation the business registry says is active.
 *
 * Citizens: the CA checked the person at issuance (claims level 3, source CA). The registry gives the current
 * 12-digit number for an old 9-digit CMND (one account per person, whichever number the certificate holds)
 * and the name as it spells it, with its diacritics, when it is the certificate's name (accents aside). A
 * registry that is down does not undo the CA's word for a CCCD certificate; a CMND certificate then waits
 * (503), since an account under the old number would let the same person open a second one later.
 */
import { vouchedBy } from '../../../domain/identity-claims.ts';
import { namesMatch, validateFullName } from '../../../domain/name.ts';
import { failure, type Outcome, type RequestContext, success } from '../../../usecases/outcome.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { PopulationRegistry } from '../../../usecases/ports/population-registry.ts';
import type { SignerIdentity, VerifiedSubject, VerifyOrganisation } from './contracts.ts';

export interface SubjectDependencies {
  population: Pick<PopulationRegistry, 'lookup'>;
  verifyOrganisation: VerifyOrganisation;
  metrics: JourneyMetrics;
}

export function createSubjectOfSigner(deps: SubjectDependencies) {
  async function citizen(
    signer: Extract<SignerIdentity, { kind: 'citizen' }>,
    context: RequestContext,
  ): Promise<Outcome<VerifiedSubject>> {
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
  }

  return async function subjectOf(
    signer: SignerIdentity,
    context: RequestContext,
  ): Promise<Outcome<VerifiedSubject>> {
    if (signer.kind === 'citizen') return citizen(signer, context);
    const registered = await deps.verifyOrganisation(signer.taxCode, context);
    if (!registered.ok) return registered;
    return success({
      kind: 'organisation',
      taxCode: signer.taxCode,
      // The registry's name is the legal one; the certificate's CN may be abbreviated.
      organisationName: registered.value.name || signer.organisationName,
      ...(registered.value.representativeIdNumber && {
        representativeIdNumber: registered.value.representativeIdNumber,
      }),
      // Organisation claims have no place in `IdentityClaim` yet; the tail records what it knows.
      claims: [],
    });
  };
}

export type SubjectOfSigner = ReturnType<typeof createSubjectOfSigner>;
