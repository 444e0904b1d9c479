/**
 * Citizen ID numbers: the 12-digit personal identification number (CCCD, Căn cước, 12-digit CMND) is
 * PPP G YY RRRRRR — province of birth registration, century+sex, birth year, serial; no check digit.
 * The old 9-digit CMND is checked for format only.
 */
import { provinceByCode } from './provinces.ts';
import { err, ok, type Result } from './result.ts';

export type Sex = 'male' | 'female';

export interface IdNumberInfo {
  number: string;
  kind: 'personal_12' | 'cmnd_9';
  province?: { code: string; name: string };
  sex?: Sex;
  /** First year of the birth century, e.g. 1900. */
  century?: number;
  birthYearDigits?: string;
}

export function parseIdNumber(raw: string): Result<IdNumberInfo, 'ID_NUMBER_INVALID'> {
  const number = raw.trim();
  if (/^\d{9}$/.test(number)) return ok({ number, kind: 'cmnd_9' });
  if (!/^\d{12}$/.test(number)) return err('ID_NUMBER_INVALID');
  const province = provinceByCode(number.slice(0, 3));
  if (!province) return err('ID_NUMBER_INVALID');
  const genderCentury = Number(number[3]);
  return ok({
    number,
    kind: 'personal_12',
    province: { code: province.code, name: province.name },
    sex: genderCentury % 2 === 0 ? 'male' : 'female',
    century: 1900 + Math.floor(genderCentury / 2) * 100,
    birthYearDigits: number.slice(4, 6),
  });
}

/** Validates the number and, for 12-digit numbers, that its century and year digits agree with the birth date. */
export function checkIdNumberAgainstBirthDate(
  idNumber: string,
  birthDate: string,
): Result<IdNumberInfo, 'ID_NUMBER_INVALID' | 'ID_NUMBER_BIRTHDATE_MISMATCH'> {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok || parsed.value.kind === 'cmnd_9') return parsed;
  const year = Number(birthDate.slice(0, 4));
  const info = parsed.value;
  const centuryMatches = info.century === Math.floor(year / 100) * 100;
  const yearMatches = info.birthYearDigits === birthDate.slice(2, 4);
  return centuryMatches && yearMatches ? parsed : err('ID_NUMBER_BIRTHDATE_MISMATCH');
}

/** Builds a valid 12-digit number (for seeds and tests): serial is taken modulo 1,000,000. */
export function makePersonalIdNumber(input: {
  provinceCode: string;
  sex: Sex;
  birthDate: string;
  serial: number;
}): string {
  const year = Number(input.birthDate.slice(0, 4));
  const centuryIndex = Math.floor(year / 100) - 19;
  if (centuryIndex < 0 || centuryIndex > 4) throw new RangeError('birth year outside 1900-2399');
  const digit = centuryIndex * 2 + (input.sex === 'female' ? 1 : 0);
  const serial = String(Math.abs(Math.trunc(input.serial)) % 1_000_000).padStart(6, '0');
  return `${input.provinceCode}${digit}${input.birthDate.slice(2, 4)}${serial}`;
}

/** Keeps the first and last 3 digits: `001******345`. */
export function maskIdNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 6)}${digits.slice(-3)}`;
}
