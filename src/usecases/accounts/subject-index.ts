/**
 * The blind index an account is found and kept unique by: the citizen's ID number, or the organisation's
 * tax code in a namespace of its own (a keyed hash with another purpose), so one unique index holds one
 * account per ID number and one per tax code and neither can ever stand for the other.
 */
import { looksLikeTaxCode, parseTaxCode } from '../../domain/tax-code.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';

type Indexer = Pick<PersonalDataProtector, 'blindIndex'>;

export const citizenSubjectIndex = (protector: Indexer, idNumber: string): string =>
  protector.blindIndex('id', idNumber.trim());

export function organisationSubjectIndex(protector: Indexer, taxCode: string): string {
  const parsed = parseTaxCode(taxCode);
  return protector.blindIndex('tax-code', parsed.ok ? parsed.value.taxCode : taxCode.trim());
}

/** The username is the ID number (citizen) or the tax code (organisation): their shapes never overlap. */
export const subjectIndexOfUsername = (protector: Indexer, username: string): string =>
  looksLikeTaxCode(username)
    ? organisationSubjectIndex(protector, username)
    : citizenSubjectIndex(protector, username);
