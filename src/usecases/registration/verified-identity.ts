/**
 * What a registration method hands the shared journey once it has proved who the citizen is: the identity
 * (as the authoritative source holds it, or as typed where the source only matched it), the phone the
 * source vouches for, and the evidence for each claim. Kept encrypted with the registration until the
 * account is made from it.
 */
import { type ClaimEvidence, vouchedBy } from '../../domain/identity-claims.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';

export interface VerifiedIdentity {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** E.164; where codes go, for the methods that send them. */
  phoneNumber: string;
  claims: ClaimEvidence[];
}

export function sealIdentity(protector: PersonalDataProtector, identity: VerifiedIdentity): string {
  return protector.encrypt(JSON.stringify(identity));
}

export function openIdentity(protector: PersonalDataProtector, sealed: string): VerifiedIdentity {
  const identity = JSON.parse(protector.decrypt(sealed)) as Omit<VerifiedIdentity, 'claims'> & {
    claims?: ClaimEvidence[];
  };
  // Registrations started before identities carried their evidence were all mobile ones (they live 15
  // minutes, so this matters only during the upgrade): the carrier had matched the four claims.
  return {
    ...identity,
    claims: identity.claims ?? vouchedBy('CARRIER', 2, ['idNumber', 'fullName', 'birthDate', 'phoneNumber']),
  };
}
