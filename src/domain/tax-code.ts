/**
 * Vietnamese tax codes (mã số thuế, MST), which are also enterprise codes: 10 digits for the taxpayer
 * (N1N2 the issuing area, N3–N9 a sequence, N10 a check digit), and `-` plus 3 digits (001–999) for each
 * dependent unit or branch. The check digit's algorithm is not published with the rules (Circular
 * 105/2020/TT-BTC gives only the structure), so a well-formed number is all that can be checked offline: the
 * business registry says whether it exists.
 */
import { err, ok, type Result } from './result.ts';

export interface TaxCodeInfo {
  /** Normalised: digits, with `-` before a branch's three digits. */
  taxCode: string;
  /** The parent taxpayer's 10 digits. */
  parent: string;
  /** The branch's three digits, for a dependent unit. */
  branch?: string;
}

const TAX_CODE = /^(\d{10})(?:-(\d{3}))?$/;

export function parseTaxCode(raw: string): Result<TaxCodeInfo, 'TAX_CODE_INVALID'> {
  // Forms and certificates write the branch separator with spaces or as an en dash at times.
  const compact = raw.trim().replace(/\s+/g, '').replace(/[–—]/g, '-');
  const match = TAX_CODE.exec(compact);
  if (!match) return err('TAX_CODE_INVALID');
  const [, parent, branch] = match as unknown as [string, string, string | undefined];
  if (branch === '000') return err('TAX_CODE_INVALID');
  return ok({ taxCode: compact, parent, ...(branch !== undefined && { branch }) });
}

/** True for the shape of a tax code, as a username: distinct from ID numbers (9 or 12 digits). */
export const looksLikeTaxCode = (value: string): boolean => parseTaxCode(value).ok;
