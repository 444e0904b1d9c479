/** The identity entries every citizen method asks for, validated together so every error shows at once. */
import { parseDate } from '../../domain/dates.ts';
import { checkIdNumberAgainstBirthDate } from '../../domain/id-number.ts';
import { validateFullName } from '../../domain/name.ts';
import type { FieldError } from '../outcome.ts';
import type { CitizenEntries } from './method.ts';

export function validateCitizenEntries(
  input: CitizenEntries,
  today: Date,
): { entries: CitizenEntries | undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const birthDate = parseDate(input.birthDate, today);
  if (!birthDate.ok) errors.push({ field: 'birthDate', code: birthDate.error });
  const idNumber = birthDate.ok
    ? checkIdNumberAgainstBirthDate(input.idNumber.trim(), birthDate.value)
    : undefined;
  if (idNumber && !idNumber.ok) errors.push({ field: 'idNumber', code: idNumber.error });
  if (!birthDate.ok && !/^\d{9}$|^\d{12}$/.test(input.idNumber.trim())) {
    errors.push({ field: 'idNumber', code: 'ID_NUMBER_INVALID' });
  }
  const fullName = validateFullName(input.fullName);
  if (!fullName.ok) errors.push({ field: 'fullName', code: fullName.error });
  if (!birthDate.ok || !idNumber?.ok || !fullName.ok) return { entries: undefined, errors };
  return {
    entries: { idNumber: idNumber.value.number, fullName: fullName.value, birthDate: birthDate.value },
    errors,
  };
}
