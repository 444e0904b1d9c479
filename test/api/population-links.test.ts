/**
 * The most common real cause of "SIM không chính chủ": the SIM is still registered to the citizen's old
 * 9-digit CMND while they register with their 12-digit CCCD. The hub asks the population registry, and
 * passes the owner check when the registry links the two numbers (the ID claim is then vouched for by the
 * registry); a CMND the registry does not link stays refused. The account keeps the name as the registry
 * spells it when the citizen typed the same name without diacritics, and the typed one if the registry is down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAccountRepository } from '../../src/adapters/db/account-repository.ts';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import { person } from '../../src/simulators/population/people.ts';
import {
  type Identity,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  startRegistration,
} from '../support/journey.ts';
import { call, expectProblem, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

/** People of the registry (the test system seeds the first 5,000) who still have a linked old CMND. */
const withOldCmnd = Array.from({ length: 400 }, (_, n) => person(n)).filter((p) => p.oldIdNumber);
/** People whose names a citizen may type without diacritics (and who have no old CMND). */
const withoutOldCmnd = Array.from({ length: 400 }, (_, n) => person(n)).filter(
  (p) => !p.oldIdNumber && withoutDiacritics(p.fullName) !== p.fullName,
);

function withoutDiacritics(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

for (const variant of storeVariants) {
  describe(`CMND and CCCD linked by the population registry (${variant.name})`, {
    skip: variant.skip,
  }, () => {
    let t: TestSystem;
    before(async () => {
      t = await startTestSystem(variant.name);
    });
    after(() => t.close());

    /** A fresh phone whose SIM is registered to `simIdNumber` (a 9-digit CMND) with the person's name and birth date. */
    async function simOnCmnd(
      who: { fullName: string; birthDate: string; idNumber: string },
      simIdNumber: string,
    ) {
      const identity = newIdentity({
        idNumber: who.idNumber,
        fullName: who.fullName,
        birthDate: who.birthDate,
      });
      await registerSubscriber(t.url, { ...identity, idNumber: simIdNumber }, { idType: 'CMND' });
      return identity;
    }

    it('passes a CCCD registration for a SIM on the linked old CMND, with the ID vouched for by the registry', async () => {
      const citizen = withOldCmnd[0]!;
      const identity = await simOnCmnd(citizen, citizen.oldIdNumber!);
      const { accountId } = await registerCompletely(t.url, identity);
      const accounts = createAccountRepository(t.system.database.as<PortalTables>());
      const evidence = (await accounts.claimsOf(accountId)).map((c) => `${c.claim}:${c.source}:${c.level}`);
      assert.deepEqual(evidence.sort(), [
        'birthDate:CARRIER:2',
        'fullName:CARRIER:2',
        'idNumber:POPULATION:2',
        'phoneNumber:CARRIER:2',
      ]);
    });

    it('refuses a CCCD registration for a SIM on a CMND the registry does not link', async () => {
      const citizen = withOldCmnd[1]!;
      // A 9-digit CMND starting with 0: no person's old number (theirs start with a province code 10-89).
      const identity = await simOnCmnd(citizen, '012345678');
      const refused = await startRegistration(t.url, identity);
      expectProblem(refused, 422, 'SUBSCRIBER_NOT_OWNER');
    });

    it("refuses when the SIM holds another person's old CMND, even one the registry knows", async () => {
      const [citizen, somebodyElse] = [withOldCmnd[2]!, withOldCmnd[3]!];
      const identity = await simOnCmnd(citizen, somebodyElse.oldIdNumber!);
      expectProblem(await startRegistration(t.url, identity), 422, 'SUBSCRIBER_NOT_OWNER');
    });

    it('answers 503 POPULATION_UNAVAILABLE, keeping nothing, when the registry is down', async () => {
      const citizen = withOldCmnd[4]!;
      const identity = await simOnCmnd(citizen, citizen.oldIdNumber!);
      await fetch(`${t.url}/sim/population/outage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down: true }),
      });
      try {
        const refused = await startRegistration(t.url, identity);
        expectProblem(refused, 503, 'POPULATION_UNAVAILABLE');
      } finally {
        await fetch(`${t.url}/sim/population/outage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ down: false }),
        });
      }
      // Back up: the same citizen goes through.
      assert.equal((await startRegistration(t.url, identity)).status, 201);
    });

    /** The account's name as GET /api/v1/me shows it, after the whole journey and a sign-in. */
    async function accountNameOf(identity: Identity) {
      await registerCompletely(t.url, identity);
      const signedIn = await call(t.url, 'POST', '/api/v1/sessions', {
        username: identity.idNumber,
        password: STRONG_PASSWORD,
      });
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      return (await call(t.url, 'GET', '/api/v1/me', undefined, { cookie })).body.fullName;
    }

    it('keeps the name as the registry spells it, diacritics and all, when it is the one typed without them', async () => {
      const citizen = withoutOldCmnd[0]!;
      const typed = withoutDiacritics(citizen.fullName);
      assert.notEqual(typed, citizen.fullName);
      const identity = newIdentity({
        idNumber: citizen.idNumber,
        fullName: typed,
        birthDate: citizen.birthDate,
      });
      await registerSubscriber(t.url, identity);
      assert.equal(await accountNameOf(identity), citizen.fullName);
    });

    it('keeps the typed name when the registry is down: the carrier proved the registration', async () => {
      const citizen = withoutOldCmnd[1]!;
      const typed = withoutDiacritics(citizen.fullName);
      const identity = newIdentity({
        idNumber: citizen.idNumber,
        fullName: typed,
        birthDate: citizen.birthDate,
      });
      await registerSubscriber(t.url, identity);
      await call(t.url, 'POST', '/sim/population/outage', { down: true });
      try {
        assert.equal(await accountNameOf(identity), typed);
      } finally {
        await call(t.url, 'POST', '/sim/population/outage', { down: false });
      }
    });
  });
}
