/**
 * Calendar dates as citizens type them: YYYY-MM-DD or DD/MM/YYYY (also DD-MM-YYYY, DD.MM.YYYY); real dates
 * only, not in the future and not before 1900. `today` is a parameter: the domain never reads a clock.
 */
import { err, ok, type Result } from './result.ts';
import { DEFAULT_IDENTITY_RULES } from './rules-config.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VIETNAMESE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

export function parseDate(
  raw: string,
  today: Date,
  earliest: string = DEFAULT_IDENTITY_RULES.birthDate.earliest,
): Result<string, 'BIRTHDATE_INVALID'> {
  const text = raw.trim();
  const iso = ISO.exec(text);
  const vn = iso ? undefined : VIETNAMESE.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : vn
      ? [Number(vn[3]), Number(vn[2]), Number(vn[1])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return err('BIRTHDATE_INVALID');
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return err('BIRTHDATE_INVALID');
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (value < earliest || value > isoDay(today)) return err('BIRTHDATE_INVALID');
  return ok(value);
}

/** The date part of an instant, in Vietnam's time zone (UTC+7, no daylight saving). */
export function isoDay(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function formatDdMmYyyy(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
