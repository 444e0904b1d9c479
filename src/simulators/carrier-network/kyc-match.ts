/**
 * The KYC Match 0.4.0 answer for one subscriber: every requested property comes back as `<property>Match`
 * ('true' | 'false' | 'not_available'), with a Jaro-Winkler `<property>MatchScore` (0-99) on a name part
 * that does not match. A Vietnamese carrier's subscription record (Decree 49/2017) holds the full name,
 * birth date and ID document, nothing else: every other property is 'not_available'.
 */
import { nameMatchKey } from '../../domain/name.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import type { IdType, Subscriber } from './registry.ts';

/** The request properties of KYC_MatchRequestBody that have a `…Match` result, besides phoneNumber. */
export const MATCH_PROPERTIES = [
  'idDocument',
  'idDocumentType',
  'idDocumentExpiryDate',
  'name',
  'givenName',
  'familyName',
  'nameKanaHankaku',
  'nameKanaZenkaku',
  'middleNames',
  'familyNameAtBirth',
  'address',
  'streetName',
  'streetNumber',
  'postalCode',
  'region',
  'locality',
  'country',
  'houseNumberExtension',
  'birthdate',
  'email',
  'gender',
  'cityOfBirth',
  'countryOfBirth',
  'nationality',
] as const;

export type MatchProperty = (typeof MATCH_PROPERTIES)[number];
export type KycMatchAnswer = Record<string, 'true' | 'false' | 'not_available' | number>;

const CAMARA_DOCUMENT_TYPE: Record<IdType, string> = {
  CCCD: 'national_id_card',
  CAN_CUOC: 'national_id_card',
  CMND: 'national_id_card',
  PASSPORT: 'passport',
};

/** Vietnamese order: family name first, given name last, middle names between. */
function nameParts(fullName: string) {
  const words = nameMatchKey(fullName).split(' ').filter(Boolean);
  return {
    familyName: words.length > 1 ? words[0] : undefined,
    givenName: words.length > 0 ? words.at(-1) : undefined,
    middleNames: words.length > 2 ? words.slice(1, -1).join(' ') : undefined,
  };
}

type Held = { value: string; compare: 'exact' | 'name' };

/** What the carrier holds for each property it can check; absent = not on file. */
function heldValues(subscriber: Subscriber): Partial<Record<MatchProperty, Held | undefined>> {
  const parts = nameParts(subscriber.fullName);
  const asName = (value: string | undefined): Held | undefined =>
    value === undefined ? undefined : { value, compare: 'name' };
  return {
    idDocument: { value: subscriber.idNumber, compare: 'exact' },
    idDocumentType: { value: CAMARA_DOCUMENT_TYPE[subscriber.idType], compare: 'exact' },
    name: asName(subscriber.fullName),
    givenName: asName(parts.givenName),
    familyName: asName(parts.familyName),
    middleNames: asName(parts.middleNames),
    birthdate: { value: subscriber.birthDate, compare: 'exact' },
    // Only Vietnamese citizens hold a CCCD, CMND or căn cước; a passport says nothing the record keeps.
    ...(subscriber.idType !== 'PASSPORT' && { nationality: { value: 'VN', compare: 'exact' } }),
  };
}

export function isMatchProperty(key: string): key is MatchProperty {
  return (MATCH_PROPERTIES as readonly string[]).includes(key);
}

export function matchKyc(body: Record<string, unknown>, subscriber: Subscriber): KycMatchAnswer {
  const held = heldValues(subscriber);
  const answer: KycMatchAnswer = {};
  for (const property of MATCH_PROPERTIES) {
    const typed = body[property];
    if (typeof typed !== 'string') continue;
    const on = held[property];
    if (!on) {
      answer[`${property}Match`] = 'not_available';
      continue;
    }
    if (on.compare === 'exact') {
      answer[`${property}Match`] = typed.trim().toUpperCase() === on.value.toUpperCase() ? 'true' : 'false';
      continue;
    }
    const typedKey = nameMatchKey(typed);
    const heldKey = nameMatchKey(on.value);
    answer[`${property}Match`] = typedKey === heldKey ? 'true' : 'false';
    // CAMARA: a perfect match is score 100 and returns no score; a mismatch scores below 100.
    if (typedKey !== heldKey)
      answer[`${property}MatchScore`] = Math.min(99, Math.floor(jaroWinkler(typedKey, heldKey) * 100));
  }
  return answer;
}
