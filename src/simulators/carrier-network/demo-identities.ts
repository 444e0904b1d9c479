/**
 * Ready-to-try identities among the seeded subscribers, one per case, for the start-up banner, the virtual
 * phones page and tests: the first SIM of the seed that shows each case.
 */
import { type SeededSim, seededSim } from './seed.ts';

export interface DemoIdentity {
  shows: string;
  phoneNumber: string;
  fullName: string;
  birthDate: string;
  /** The number to register with. */
  idNumber: string;
  /** The number the SIM is registered to, when it is not `idNumber`. */
  simIdNumber?: string;
}

/** How many subscribers dev mode seeds; every demo identity is among them. */
export const DEV_SEED_COUNT = 2000;

interface Case {
  shows: string;
  test: (sim: SeededSim) => boolean;
  /** Register with the owner's CCCD rather than with the number the SIM carries. */
  withCccd?: boolean;
}

const active = (sim: SeededSim) => sim.subscriber.status === 'active';
const ported = (sim: SeededSim) => sim.subscriber.carrier !== undefined;
/** Only its document decides the outcome: active, not ported, never swapped. */
const plain = (sim: SeededSim) => active(sim) && !ported(sim) && sim.swap === null;

const LINKED_OLD_CMND: Case = {
  shows: 'SIM registered to the old CMND, linked in the population registry: register with the CCCD',
  test: (sim) => plain(sim) && sim.document === 'OLD_CMND',
  withCccd: true,
};
const UNLINKED_CMND: Case = {
  shows: 'SIM registered to a CMND the registry does not link: a CCCD registration is refused',
  test: (sim) => plain(sim) && sim.document === 'UNLINKED_CMND',
  withCccd: true,
};

const CASES: readonly Case[] = [
  {
    shows: 'owner-registered SIM: registration succeeds',
    test: (sim) => plain(sim) && sim.document === 'CCCD',
  },
  {
    shows: 'ported number: the new carrier answers',
    test: (sim) => active(sim) && ported(sim) && sim.swap === null && sim.document === 'CCCD',
  },
  {
    shows: 'SIM still registered with a 9-digit CMND: not owner for a CCCD',
    test: (sim) => plain(sim) && sim.document === 'UNLINKED_CMND',
  },
  { shows: 'inactive SIM: refused', test: (sim) => !active(sim) && sim.document === 'CCCD' },
  {
    shows: 'SIM swapped an hour ago: refused',
    test: (sim) => sim.swap === 'recent' && sim.document === 'CCCD',
  },
  LINKED_OLD_CMND,
  UNLINKED_CMND,
];

/** One identity per case among subscribers [0, count), each a different SIM; a case with none is left out. */
export function demoIdentities(count: number): DemoIdentity[] {
  const taken = new Set<number>();
  const found: DemoIdentity[] = [];
  for (const { shows, test, withCccd } of CASES) {
    for (let index = 0; index < count; index++) {
      if (taken.has(index)) continue;
      const sim = seededSim(index);
      if (!test(sim)) continue;
      taken.add(index);
      const { phoneNumber, fullName, birthDate, idNumber } = sim.subscriber;
      found.push({
        shows,
        phoneNumber,
        fullName,
        birthDate,
        idNumber: withCccd ? sim.owner.idNumber : idNumber,
        ...(withCccd && { simIdNumber: idNumber }),
      });
      break;
    }
  }
  return found;
}

const devDemo = (shown: Case) => demoIdentities(DEV_SEED_COUNT).find((d) => d.shows === shown.shows)!;

/** A SIM registered to its owner's old CMND, which the population registry links to the CCCD given here. */
export const SIM_ON_LINKED_OLD_CMND: DemoIdentity = devDemo(LINKED_OLD_CMND);
/** A SIM registered to a 9-digit CMND no person's record links: registering with this CCCD must be refused. */
export const SIM_ON_UNLINKED_CMND: DemoIdentity = devDemo(UNLINKED_CMND);
