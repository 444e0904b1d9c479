/**
 * The carriers' seeded subscribers are the population's people: the same number, name and birth date as at
 * social insurance, registered to the CCCD, the linked old CMND, or (rarely) a CMND no record links; every
 * carrier, ported, inactive and swapped SIMs; extra SIMs beyond the population; the demo identities.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CARRIER_IDS } from '../../domain/carriers.ts';
import { checkIdNumberAgainstBirthDate } from '../../domain/id-number.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { MAX_POPULATION, person, personalMobileNumber } from '../population/people.ts';
import { recordOf } from '../social-insurance/records.ts';
import {
  DEV_SEED_COUNT,
  demoIdentities,
  SIM_ON_LINKED_OLD_CMND,
  SIM_ON_UNLINKED_CMND,
} from './demo-identities.ts';
import { subscriberRow } from './registry.ts';
import { generatedSubscriber, MAX_GENERATED, seededSim } from './seed.ts';

const now = new Date('2026-06-01T08:00:00Z');
const devSeed = Array.from({ length: DEV_SEED_COUNT }, (_, n) => generatedSubscriber(n, now));

/** Old CMND → CCCD over the whole population, as the registry links them. */
function linkedOldCmnds(): Map<string, string> {
  const links = new Map<string, string>();
  for (let n = 0; n < MAX_POPULATION; n++) {
    const p = person(n);
    if (p.oldIdNumber) links.set(p.oldIdNumber, p.idNumber);
  }
  return links;
}

describe('carrier subscribers drawn from the population', () => {
  it('gives person #n a SIM on their personal mobile number, in their name and birth date', () => {
    for (let n = 0; n < 5000; n++) {
      const sim = generatedSubscriber(n, now);
      const p = person(n);
      assert.equal(sim.phoneNumber, personalMobileNumber(n));
      assert.equal(sim.fullName, p.fullName);
      assert.equal(sim.birthDate, p.birthDate);
      if (sim.idType === 'CMND') {
        assert.match(sim.idNumber, /^\d{9}$/);
        if (sim.idNumber !== p.oldIdNumber) assert.equal(p.oldIdNumber, undefined, 'no linked CMND');
      } else {
        assert.equal(sim.idNumber, p.idNumber);
      }
    }
  });

  it('holds the same phone as the person’s social-insurance record', () => {
    for (let n = 0; n < 2000; n++) {
      const phone = recordOf(person(n)).phoneNumber;
      if (phone) assert.equal(phone, generatedSubscriber(n, now).phoneNumber);
    }
  });

  it('registers some SIMs to the linked old CMND and a few to a CMND no record links', () => {
    const share = (test: (n: number) => boolean) => devSeed.filter((_, n) => test(n)).length / devSeed.length;
    const linked = share((n) => devSeed[n]!.idNumber === person(n).oldIdNumber);
    const unlinked = share(
      (n) => devSeed[n]!.idType === 'CMND' && devSeed[n]!.idNumber !== person(n).oldIdNumber,
    );
    assert.ok(linked > 0.05 && linked < 0.2, `linked ${linked}`);
    assert.ok(unlinked > 0.005 && unlinked < 0.05, `unlinked ${unlinked}`);
    const links = linkedOldCmnds();
    for (let n = 0; n < 20_000; n++) {
      const sim = seededSim(n);
      if (sim.document === 'UNLINKED_CMND') assert.equal(links.get(sim.subscriber.idNumber), undefined);
      if (sim.document === 'OLD_CMND') assert.equal(links.get(sim.subscriber.idNumber), sim.owner.idNumber);
    }
    assert.equal(links.get(SIM_ON_LINKED_OLD_CMND.simIdNumber!), SIM_ON_LINKED_OLD_CMND.idNumber);
    assert.equal(links.get(SIM_ON_UNLINKED_CMND.simIdNumber!), undefined);
  });

  it('spreads the dev seed over every carrier, with ported, inactive and swapped SIMs', () => {
    const rows = devSeed.map((s) => subscriberRow(s, now));
    for (const carrier of CARRIER_IDS)
      assert.ok(rows.filter((r) => r.carrier === carrier).length >= 10, `${carrier} serves some`);
    const allocated = (phone: string) => {
      const parsed = normalizeMobileNumber(phone);
      assert.ok(parsed.ok);
      return parsed.value.allocatedCarrier;
    };
    assert.ok(rows.filter((r) => r.carrier !== allocated(r.phone_number)).length > 100, 'ported');
    assert.ok(rows.filter((r) => r.status === 'inactive').length > 30, 'inactive');
    const hourAgo = now.getTime() - 3_600_000;
    assert.ok(rows.filter((r) => r.sim_changed_at?.getTime() === hourAgo).length > 30, 'recently swapped');
    assert.equal(new Set(rows.map((r) => r.phone_number)).size, rows.length, 'one SIM per phone');
  });

  it('gives extra SIMs beyond the population to people from its far end, each on a number of its own', () => {
    const extra = generatedSubscriber(MAX_POPULATION, now);
    assert.equal(extra.fullName, person(MAX_POPULATION - 1).fullName);
    assert.equal(extra.birthDate, person(MAX_POPULATION - 1).birthDate);
    const phones = new Set<string>();
    const indexes = [
      ...Array.from({ length: 20_000 }, (_, i) => i),
      ...Array.from({ length: 20_000 }, (_, i) => MAX_POPULATION - 10_000 + i),
      MAX_GENERATED - 1,
    ];
    for (const n of indexes) phones.add(generatedSubscriber(n, now).phoneNumber);
    assert.equal(phones.size, indexes.length);
    assert.throws(() => seededSim(MAX_GENERATED), RangeError);
  });
});

describe('demo identities', () => {
  const demo = demoIdentities(DEV_SEED_COUNT);

  it('finds every case in the dev seed, each on a SIM of its own, with a valid ID number', () => {
    assert.equal(demo.length, 7);
    assert.equal(new Set(demo.map((d) => d.phoneNumber)).size, demo.length);
    for (const d of demo) assert.ok(checkIdNumberAgainstBirthDate(d.idNumber, d.birthDate).ok, d.shows);
    assert.deepEqual(demoIdentities(DEV_SEED_COUNT), demo, 'the same on every call');
  });

  it('exports the two CMND cases: register with the CCCD, the SIM holds a 9-digit CMND', () => {
    for (const exported of [SIM_ON_LINKED_OLD_CMND, SIM_ON_UNLINKED_CMND]) {
      assert.ok(demo.some((d) => d.phoneNumber === exported.phoneNumber));
      assert.match(exported.idNumber, /^\d{12}$/);
      assert.match(exported.simIdNumber ?? '', /^\d{9}$/);
    }
    const linkedOwner = person(seededIndexOf(SIM_ON_LINKED_OLD_CMND.phoneNumber));
    assert.equal(linkedOwner.oldIdNumber, SIM_ON_LINKED_OLD_CMND.simIdNumber);
    assert.equal(linkedOwner.idNumber, SIM_ON_LINKED_OLD_CMND.idNumber);
    const unlinkedOwner = person(seededIndexOf(SIM_ON_UNLINKED_CMND.phoneNumber));
    assert.equal(unlinkedOwner.idNumber, SIM_ON_UNLINKED_CMND.idNumber);
    assert.notEqual(unlinkedOwner.oldIdNumber, SIM_ON_UNLINKED_CMND.simIdNumber);
  });
});

function seededIndexOf(phoneNumber: string): number {
  const index = devSeed.findIndex((s) => s.phoneNumber === phoneNumber);
  assert.ok(index >= 0, 'in the dev seed');
  return index;
}
