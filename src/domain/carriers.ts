/**
 * The mobile carriers of Vietnam: ids, display names and customer-care hotlines.
 * Source: the carriers' published facts and data/mobile-prefixes.json (hotlines of Viettel, VinaPhone and
 * MobiFone confirmed; the others are commonly cited numbers, marked unconfirmed, and configurable).
 */
export const CARRIER_IDS = [
  'viettel',
  'vinaphone',
  'mobifone',
  'vietnamobile',
  'gmobile',
  'itel',
  'wintel',
] as const;

export type CarrierId = (typeof CARRIER_IDS)[number];

export interface Carrier {
  id: CarrierId;
  name: string;
  hotline: string;
  hotlineConfirmed: boolean;
}

export const CARRIERS: Readonly<Record<CarrierId, Carrier>> = {
  viettel: { id: 'viettel', name: 'Viettel', hotline: '18008098', hotlineConfirmed: true },
  vinaphone: { id: 'vinaphone', name: 'VinaPhone', hotline: '18001091', hotlineConfirmed: true },
  mobifone: { id: 'mobifone', name: 'MobiFone', hotline: '18001090', hotlineConfirmed: true },
  vietnamobile: { id: 'vietnamobile', name: 'Vietnamobile', hotline: '789', hotlineConfirmed: false },
  gmobile: { id: 'gmobile', name: 'Gmobile', hotline: '199', hotlineConfirmed: false },
  itel: { id: 'itel', name: 'iTel', hotline: '0877087087', hotlineConfirmed: false },
  wintel: { id: 'wintel', name: 'Wintel', hotline: '0559000000', hotlineConfirmed: false },
};

export function isCarrierId(value: string): value is CarrierId {
  return (CARRIER_IDS as readonly string[]).includes(value);
}
