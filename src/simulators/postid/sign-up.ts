/**
 * What PostID accepts at sign-up: a well-formed identity (real date, ID number of a valid form, a Vietnamese
 * mobile number, a name of Vietnamese letters). Nothing is checked against any registry: the counter clerk, with
 * the document in hand, is the check.
 */
import { parseDate } from '../../domain/dates.ts';
import { parseIdNumber } from '../../domain/id-number.ts';
import { validateFullName } from '../../domain/name.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import type { TextKey } from './texts.ts';

export interface SignUpEntries {
  username: string;
  password: string;
  fullName: string;
  sex: string;
  birthDate: string;
  idNumber: string;
  phoneNumber: string;
  address: string;
}

export interface ValidSignUp {
  username: string;
  password: string;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  phoneNumber: string;
  address: string;
}

export const SIGN_UP_FIELDS = [
  'username',
  'password',
  'fullName',
  'sex',
  'birthDate',
  'idNumber',
  'phoneNumber',
  'address',
] as const;

const USERNAME = /^[a-z0-9][a-z0-9._]{2,30}[a-z0-9]$/;

export const passwordAcceptable = (password: string) =>
  password.length >= 8 && password.length <= 128 && /\p{L}/u.test(password) && /\d/.test(password);

export function validateSignUp(
  entries: SignUpEntries,
  today: Date,
): { ok: true; value: ValidSignUp } | { ok: false; errors: Array<{ field: string; key: TextKey }> } {
  const errors: Array<{ field: string; key: TextKey }> = [];
  const username = entries.username.toLowerCase();
  if (!USERNAME.test(username)) errors.push({ field: 'username', key: 'error.username' });
  if (!passwordAcceptable(entries.password)) errors.push({ field: 'password', key: 'error.password' });
  const name = validateFullName(entries.fullName);
  if (!name.ok) errors.push({ field: 'fullName', key: 'error.fullName' });
  const sex = entries.sex === 'M' || entries.sex === 'F' ? entries.sex : undefined;
  if (!sex) errors.push({ field: 'sex', key: 'error.sex' });
  const birthDate = parseDate(entries.birthDate, today);
  if (!birthDate.ok) errors.push({ field: 'birthDate', key: 'error.birthDate' });
  const idNumber = parseIdNumber(entries.idNumber.replace(/\s/g, ''));
  if (!idNumber.ok) errors.push({ field: 'idNumber', key: 'error.idNumber' });
  const phone = normalizeMobileNumber(entries.phoneNumber);
  if (!phone.ok) errors.push({ field: 'phoneNumber', key: 'error.phone' });
  const address = entries.address.replace(/\s+/g, ' ').trim();
  if (address.length < 1 || address.length > 200) errors.push({ field: 'address', key: 'error.address' });
  if (errors.length > 0 || !name.ok || !sex || !birthDate.ok || !idNumber.ok || !phone.ok)
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      username,
      password: entries.password,
      fullName: name.value,
      sex,
      birthDate: birthDate.value,
      idNumber: idNumber.value.number,
      phoneNumber: phone.value.e164,
      address,
    },
  };
}
