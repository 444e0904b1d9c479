/**
 * Who a verified certificate names, as an account holder: a citizen as the population registry knows them
 * (src/usecases/signatures/citizen-of-certificate.ts), or an organisation the business registry says is active.
 */
import { type Outcome, type RequestContext, success } from '../../../usecases/outcome.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { PopulationRegistry } from '../../../usecases/ports/population-registry.ts';
import { createCitizenOfCertificate } from '../../../usecases/signatures/citizen-of-certificate.ts';
import type { SignerIdentity, VerifiedSubject, VerifyOrganisation } from './contracts.ts';

export interface SubjectDependencies {
  population: Pick<PopulationRegistry, 'lookup'>;
  verifyOrganisation: VerifyOrganisation;
  metrics: JourneyMetrics;
}

export function createSubjectOfSigner(deps: SubjectDependencies) {
  const citizenOf = createCitizenOfCertificate(deps);

  return async function subjectOf(
    signer: SignerIdentity,
    context: RequestContext,
  ): Promise<Outcome<VerifiedSubject>> {
    if (signer.kind === 'citizen') return citizenOf(signer, context);
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
