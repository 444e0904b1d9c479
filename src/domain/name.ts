/**
 * Full names: validation (Vietnamese letters with or without diacritics, spaces, apostrophe, hyphen) and
 * the matching form used to compare a typed name with a carrier's record: NFC, strip combining marks,
 * đ/Đ → D, upper case, single spaces. Old and new tone placement (Hoà/Hòa) meet in that form.
 */
import { err, ok, type Result } from './result.ts';
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from './rules-config.ts';

const NAME_CHARACTERS = /^[\p{L}\p{M}]+(?:[ '’-][\p{L}\p{M}]+)*$/u;
const LATIN_WITH_MARKS = /^(?:[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ -]|\p{M})+$/u;

/** NFC, trimmed, single spaces: how a name is kept and shown. */
export function cleanName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export function validateFullName(
  raw: string,
  rules: IdentityRules['fullName'] = DEFAULT_IDENTITY_RULES.fullName,
): Result<string, 'FULL_NAME_INVALID'> {
  const name = cleanName(raw);
  const words = name.split(' ');
  const valid =
    name.length >= rules.minLength &&
    name.length <= rules.maxLength &&
    words.length <= rules.maxWords &&
    NAME_CHARACTERS.test(name) &&
    LATIN_WITH_MARKS.test(name.normalize('NFD'));
  return valid ? ok(name) : err('FULL_NAME_INVALID');
}

export function nameMatchKey(raw: string): string {
  return raw
    .normalize('NFC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[’']/g, "'")
    .trim()
    .replace(/\s+/g, ' ');
}

export function namesMatch(a: string, b: string): boolean {
  return nameMatchKey(a) === nameMatchKey(b);
}
