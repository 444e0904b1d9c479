/**
 * The carriers' subscribers, drawn from the one synthetic population (src/simulators/population), so a
 * person looks the same at the carriers as at social insurance: SIM #n is person #n's personal mobile
 * number, in their name and birth date, registered to their CCCD or, for some who had one, to their old
 * CMND (registered years ago and never updated: the most common real cause of "SIM không chính chủ"). A few
 * carry a CMND the registry never linked. Every carrier serves some (Wintel through ported numbers), some
 * numbers are ported, some inactive, some recently swapped. Pure functions of n: the same on every machine.
 */
import { CARRIER_IDS, type CarrierId } from '../../domain/carriers.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import {
  DISTINCT_MOBILE_NUMBERS,
  MAX_POPULATION,
  type Person,
  person,
  personalMobileNumber,
} from '../population/people.ts';
import { seededRandom } from '../seeded-random.ts';
import type { SubscriberInput } from './registry.ts';

/** Changing it changes every SIM's issue dates and which people still use their old CMND. */
const SIM_SEED = 0x51b_2026;
/** Share of the people with a linked old CMND whose SIM still carries it. */
const STILL_ON_OLD_CMND_SHARE = 0.3;
/** Share of the people born before 2000 with no linked CMND whose SIM carries a CMND the registry never linked. */
const UNLINKED_CMND_SHARE = 0.03;
const ISSUERS = [
  'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
  'Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư',
  'Bộ Công an',
];
const DAY_MS = 86_400_000;
const ACTIVATIONS_FROM = Date.UTC(2018, 0, 1);

/** Phone numbers stay unique up to this many generated subscribers. */
export const MAX_GENERATED = DISTINCT_MOBILE_NUMBERS;

/** Which document the SIM was registered to. */
export type SimDocument = 'CCCD' | 'OLD_CMND' | 'UNLINKED_CMND';

/** SIM #index as the seed decides it. */
export interface SeededSim {
  owner: Person;
  document: SimDocument;
  /** `recent`: an hour before now (refused); `earlier`: 40 days before (allowed). */
  swap: 'recent' | 'earlier' | null;
  /** Its `simChangedAt` is null: `generatedSubscriber` dates the swap against the clock. */
  subscriber: SubscriberInput;
}

/**
 * SIM #n belongs to person #n. Beyond the population, extra SIMs go to people from its far end back, so the
 * first people (those dev mode seeds and the benchmarks' journeys register) are the last to get a second.
 */
function ownerIndex(index: number): number {
  return index < MAX_POPULATION ? index : MAX_POPULATION - 1 - (index % MAX_POPULATION);
}

/** A 9-digit CMND that is nobody's linked old number: the population's begin with 10–89 (people.ts). */
function unlinkedCmnd(index: number): string {
  return `0${1 + (index % 9)}${String((index * 7933 + 2_718_281) % 10_000_000).padStart(7, '0')}`;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A day in [fromYear, toYear] (days up to 28 keep every date real), without Date: bulk loads are timed. */
function dayIn(random: () => number, fromYear: number, toYear: number) {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return {
    year,
    iso: `${year}-${twoDigits(month)}-${twoDigits(day)}`,
    epochMs: Date.UTC(year, month - 1, day),
  };
}

const carrierOfPrefix = new Map<string, CarrierId>();

/** The carrier the number's prefix was allocated to, remembered per prefix: bulk loads are timed. */
function allocatedCarrier(phoneNumber: string): CarrierId {
  const prefix = phoneNumber.slice(0, 5);
  let carrier = carrierOfPrefix.get(prefix);
  if (!carrier) {
    const parsed = normalizeMobileNumber(phoneNumber);
    if (!parsed.ok) throw new RangeError('personal mobile numbers are Vietnamese mobile numbers');
    carrier = parsed.value.allocatedCarrier;
    carrierOfPrefix.set(prefix, carrier);
  }
  return carrier;
}

/** SIM #index: whose it is, its number, the document it was registered to, its state. */
export function seededSim(index: number): SeededSim {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_GENERATED)
    throw new RangeError(`subscriber index must be an integer in [0, ${MAX_GENERATED})`);
  const owner = person(ownerIndex(index));
  const random = seededRandom(SIM_SEED ^ Math.imul(index + 1, 3_266_489_917));
  const birthYear = Number(owner.birthDate.slice(0, 4));
  const roll = random();
  const document: SimDocument =
    owner.oldIdNumber && roll < STILL_ON_OLD_CMND_SHARE
      ? 'OLD_CMND'
      : !owner.oldIdNumber && birthYear < 2000 && roll < UNLINKED_CMND_SHARE
        ? 'UNLINKED_CMND'
        : 'CCCD';
  const phoneNumber = personalMobileNumber(index);
  const allocated = allocatedCarrier(phoneNumber);
  // Ported numbers go round every other carrier in turn, so each carrier serves some.
  const portedTo =
    index % 11 === 3
      ? CARRIER_IDS.filter((c) => c !== allocated)[Math.floor(index / 11) % (CARRIER_IDS.length - 1)]
      : undefined;
  const onCmnd = document !== 'CCCD';
  // CMNDs were issued from the age of 14 until the CCCD replaced them (2016); a SIM on one is that old too.
  const issued = onCmnd
    ? dayIn(random, Math.max(birthYear + 14, 1990), 2015)
    : dayIn(random, Math.max(birthYear + 14, 2016), 2024);
  const issuer = onCmnd ? `Công an ${owner.province.name}` : ISSUERS[Math.floor(random() * ISSUERS.length)]!;
  return {
    owner,
    document,
    swap: index % 23 === 7 ? 'recent' : index % 5 === 0 ? 'earlier' : null,
    subscriber: {
      phoneNumber,
      ...(portedTo && { carrier: portedTo }),
      fullName: owner.fullName,
      birthDate: owner.birthDate,
      idType: onCmnd ? 'CMND' : issued.year >= 2024 ? 'CAN_CUOC' : 'CCCD',
      idNumber:
        document === 'OLD_CMND'
          ? owner.oldIdNumber!
          : document === 'UNLINKED_CMND'
            ? unlinkedCmnd(index)
            : owner.idNumber,
      idIssueDate: issued.iso,
      idIssuePlace: issuer,
      status: index % 29 === 11 ? 'inactive' : 'active',
      activatedAt: new Date(
        onCmnd ? issued.epochMs + (index % 700) * DAY_MS : ACTIVATIONS_FROM + (index % 2000) * DAY_MS,
      ),
      simChangedAt: null,
    },
  };
}

/** Subscriber number `index` (a unique phone per index), its swap dated relative to `now`. */
export function generatedSubscriber(index: number, now: Date): SubscriberInput {
  const { swap, subscriber } = seededSim(index);
  if (swap) subscriber.simChangedAt = new Date(now.getTime() - (swap === 'recent' ? 3_600_000 : 40 * DAY_MS));
  return subscriber;
}
