/**
 * The partners whose records decide a registration, as a refused citizen reaches them to correct a record:
 * the carriers (domain/carriers.ts) and the registries.
 */
import { CARRIERS, type CarrierId } from './carriers.ts';

export interface PartnerContact {
  kind: 'carrier' | 'registry';
  id: string;
  name: string;
  hotline: string;
}

export const REGISTRIES = {
  /** Vietnam Social Security (Bảo hiểm xã hội Việt Nam): its national hotline. */
  vss: { kind: 'registry', id: 'vss', name: 'BHXH Việt Nam', hotline: '19009068' },
} as const satisfies Record<string, PartnerContact>;

export function carrierContact(id: CarrierId): PartnerContact {
  const carrier = CARRIERS[id];
  return { kind: 'carrier', id: carrier.id, name: carrier.name, hotline: carrier.hotline };
}

/** The contact of a partner by id; undefined for an id that names none (e.g. from a tampered URL). */
export function partnerContact(id: string): PartnerContact | undefined {
  if (id in CARRIERS) return carrierContact(id as CarrierId);
  if (id in REGISTRIES) return REGISTRIES[id as keyof typeof REGISTRIES];
  return undefined;
}
