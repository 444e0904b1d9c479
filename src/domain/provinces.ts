/**
 * The 63 province codes that open a 12-digit personal ID number (where the birth was registered).
 * Numbers issued before and after the 2025 merger into 34 provinces keep these codes.
 * Data: src/domain/data/provinces.json (source noted inside).
 */
import data from './data/provinces.json' with { type: 'json' };

export interface Province {
  code: string;
  name: string;
  /** The province it belongs to since 1 July 2025. */
  since2025: string;
}

export const PROVINCES: readonly Province[] = data.provinces;

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));

export function provinceByCode(code: string): Province | undefined {
  return BY_CODE.get(code);
}
