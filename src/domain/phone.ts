/**
 * Vietnamese mobile numbers: every common form (0912345678, 84912345678, +84 912 345 678, 0912.345.678,
 * (091) 234-5678) normalises to E.164 (+84912345678). Only prefixes allocated to mobile carriers are
 * accepted, from the prefix table (data/mobile-prefixes.json); the carrier given is the allocation, which
 * number portability may override.
 */
import type { CarrierId } from './carriers.ts';
import data from './data/mobile-prefixes.json' with { type: 'json' };
import { err, ok, type Result } from './result.ts';

const PREFIXES = new Map(Object.entries(data.prefixes) as Array<[string, CarrierId]>);

export interface MobileNumber {
  e164: string;
  national: string;
  allocatedCarrier: CarrierId;
}

const SEPARATORS = /[\s.\-()]/g;

export function normalizeMobileNumber(raw: string): Result<MobileNumber, 'PHONE_NUMBER_INVALID'> {
  const compact = raw.trim().replace(SEPARATORS, '');
  let significant: string | undefined;
  if (/^\+84\d{9}$/.test(compact)) significant = compact.slice(3);
  else if (/^0084\d{9}$/.test(compact)) significant = compact.slice(4);
  else if (/^84\d{9}$/.test(compact)) significant = compact.slice(2);
  else if (/^0\d{9}$/.test(compact)) significant = compact.slice(1);
  else if (/^\d{9}$/.test(compact) && !compact.startsWith('0')) significant = compact;
  if (!significant) return err('PHONE_NUMBER_INVALID');
  const national = `0${significant}`;
  const allocatedCarrier = PREFIXES.get(national.slice(0, 3));
  if (!allocatedCarrier) return err('PHONE_NUMBER_INVALID');
  return ok({ e164: `+84${significant}`, national, allocatedCarrier });
}

/**
 * For pages and logs: the national form with at most its first 3 and last 3 digits (`091****678`).
 * Anything that is not a Vietnamese mobile number is masked digit by digit the same way.
 */
export function maskPhone(anyForm: string): string {
  const parsed = normalizeMobileNumber(anyForm);
  const digits = parsed.ok ? parsed.value.national : anyForm.replace(/\D/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 6)}${digits.slice(-3)}`;
}
