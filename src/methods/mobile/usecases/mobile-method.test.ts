/**
 * The mobile-subscriber method on fakes: the carrier's owner check, and the population registry's links
 * between a CCCD and the old CMND a SIM may still be registered to.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aCitizen,
  type Citizen,
  type RegistrationDoubles,
  registrationDoubles,
  requestFrom,
  type Sim,
  STRONG_PASSWORD,
} from '../../../../test/support/registration-fakes.ts';
import type { CarrierId } from '../../../domain/carriers.ts';
import { vouchedBy } from '../../../domain/identity-claims.ts';
import { carrierContact } from '../../../domain/partners.ts';
import type { Proof } from '../../../usecases/registration/index.ts';
import { createMobileMethod, type MobileEntries } from './mobile-method.ts';

const OLD_CMND = '012345678';
const ALL_FOUR = ['idNumber', 'fullName', 'birthDate', 'phoneNumber'] as const;

function setup() {
  const d = registrationDoubles();
  const method = createMobileMethod({ carrier: d.carrier, population: d.population, metrics: d.metrics });
  const citizen = aCitizen();
  const entries: MobileEntries = {
    idNumber: citizen.idNumber,
    fullName: citizen.fullName,
    birthDate: citizen.birthDate,
    phoneNumber: citizen.phoneNumber,
  };
  const simOf = (registeredTo: Partial<Citizen & Sim>, carrier: CarrierId = 'viettel') =>
    d.carrier.addSim({ ...citizen, carrier, ...registeredTo });
  const prove = (typed: Partial<MobileEntries> = {}) => method.prove({ ...entries, ...typed }, requestFrom());
  return { d, method, citizen, entries, simOf, prove };
}

const proofDetails = (d: RegistrationDoubles) => ({
  asked: d.carrier.requests.map((r) => r.idNumber),
  lookups: d.population.lookups,
  calls: d.metrics.partnerCalls,
});

describe('registration by mobile subscriber (method on fakes)', () => {
  describe('validate', () => {
    it('normalises the phone number to E.164 and keeps the cleaned citizen entries', () => {
      const { method, citizen, d } = setup();
      const outcome = method.validate(
        { ...citizen, fullName: '  Nguyễn   Thị Hoà ', phoneNumber: '0912 345.678', ...d.captchas.solved() },
        d.clock.now(),
      );
      assert.deepEqual(outcome, {
        ok: true,
        value: {
          idNumber: citizen.idNumber,
          fullName: 'Nguyễn Thị Hoà',
          birthDate: citizen.birthDate,
          phoneNumber: '+84912345678',
        },
      });
    });

    it('reports an invalid phone together with every other invalid entry', () => {
      const { method, citizen, d } = setup();
      for (const phoneNumber of ['abc', '0241234567', '09123456789']) {
        const outcome = method.validate(
          { ...citizen, fullName: 'Nguyen 2', phoneNumber, ...d.captchas.solved() },
          d.clock.now(),
        );
        assert.deepEqual(
          outcome,
          {
            ok: false,
            failure: {
              code: 'VALIDATION_FAILED',
              fieldErrors: [
                { field: 'fullName', code: 'FULL_NAME_INVALID' },
                { field: 'phoneNumber', code: 'PHONE_NUMBER_INVALID' },
              ],
            },
          },
          phoneNumber,
        );
      }
    });
  });

  describe('prove', () => {
    it("the SIM's owner: the carrier vouches for all four claims", async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({}, 'vinaphone');

      assert.deepEqual(await prove(), {
        proven: true,
        identity: { ...entries, claims: vouchedBy('CARRIER', 2, ALL_FOUR) },
        partner: 'vinaphone',
      });
      assert.deepEqual(proofDetails(d), {
        asked: [entries.idNumber],
        lookups: [entries.idNumber],
        calls: [
          { call: 'owner_check', outcome: 'owner' },
          { call: 'population_lookup', outcome: 'not_found' },
        ],
      });
    });

    it('a SIM in another name: refused with the carrier to contact, the population registry not asked', async () => {
      const { d, simOf, prove } = setup();
      simOf({ fullName: 'Trần Văn Nam' });
      assert.deepEqual(await prove(), {
        proven: false,
        failure: {
          code: 'SUBSCRIBER_NOT_OWNER',
          partner: carrierContact('viettel'),
          reason: 'DETAILS_MISMATCH',
        },
        partner: 'viettel',
        detail: 'name',
      });

      const other = setup();
      other.simOf({ idNumber: OLD_CMND, birthDate: '1991-01-01' });
      const refused = await other.prove();
      assert.equal(!refused.proven && refused.detail, 'id_number,birth_date');
      assert.deepEqual([d.population.lookups, other.d.population.lookups], [[], []]);
    });

    it('a SIM on the old CMND the registry links to the typed CCCD: proven, the ID vouched for by the registry', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ idNumber: OLD_CMND }, 'mobifone');
      d.population.addPerson(entries.idNumber, ['098765432', OLD_CMND]);

      assert.deepEqual(await prove(), {
        proven: true,
        identity: {
          ...entries,
          claims: [
            ...vouchedBy('POPULATION', 2, ['idNumber']),
            ...vouchedBy('CARRIER', 2, ['fullName', 'birthDate', 'phoneNumber']),
          ],
        },
        partner: 'mobifone',
      });
      assert.deepEqual(
        proofDetails(d),
        {
          asked: [entries.idNumber, '098765432', OLD_CMND],
          lookups: [entries.idNumber],
          calls: [
            { call: 'owner_check', outcome: 'not_owner' },
            { call: 'population_lookup', outcome: 'found' },
            { call: 'owner_check', outcome: 'not_owner' },
            { call: 'owner_check', outcome: 'owner' },
          ],
        },
        'the name comes from the answer that gave the link: no second look-up',
      );
    });

    it('the other way round: the typed old CMND, a SIM on the CCCD linked to it', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({});
      d.population.addPerson(entries.idNumber, [OLD_CMND]);

      const proof = await prove({ idNumber: OLD_CMND });

      assert.ok(proof.proven);
      assert.equal(proof.identity.idNumber, OLD_CMND, 'the identity is the number the citizen typed');
      assert.deepEqual(proof.identity.claims[0], { claim: 'idNumber', source: 'POPULATION', level: 2 });
      assert.deepEqual(d.carrier.requests.at(-1)?.idNumber, entries.idNumber);
    });

    it('linked numbers that are not on the SIM either: SUBSCRIBER_NOT_OWNER', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ idNumber: '011111111' });
      d.population.addPerson(entries.idNumber, [OLD_CMND]);

      assert.deepEqual(await prove(), {
        proven: false,
        failure: {
          code: 'SUBSCRIBER_NOT_OWNER',
          partner: carrierContact('viettel'),
          reason: 'DETAILS_MISMATCH',
        },
        partner: 'viettel',
        detail: 'id_number',
      });
      assert.deepEqual(
        d.carrier.requests.map((r) => r.idNumber),
        [entries.idNumber, OLD_CMND],
      );
    });

    it('a link is tried only for the ID: a linked SIM in another name is still refused', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ idNumber: OLD_CMND, fullName: 'Trần Văn Nam' });
      d.population.addPerson(entries.idNumber, [OLD_CMND]);

      const proof = await prove();

      assert.equal(!proof.proven && proof.failure.code, 'SUBSCRIBER_NOT_OWNER');
      assert.deepEqual(d.population.lookups, []);
    });

    it('a citizen the registry does not know: the carrier’s refusal stands', async () => {
      const { d, simOf, prove } = setup();
      simOf({ idNumber: OLD_CMND });

      assert.deepEqual(await prove(), {
        proven: false,
        failure: {
          code: 'SUBSCRIBER_NOT_OWNER',
          partner: carrierContact('viettel'),
          reason: 'DETAILS_MISMATCH',
        },
        partner: 'viettel',
        detail: 'id_number',
      });
      assert.deepEqual(d.metrics.partnerCalls.at(-1), { call: 'population_lookup', outcome: 'not_found' });
      assert.equal(d.carrier.requests.length, 1);
    });

    it('the registry down when a link is needed: POPULATION_UNAVAILABLE, to retry later', async () => {
      const { d, simOf, prove } = setup();
      simOf({ idNumber: OLD_CMND });
      d.population.down = true;

      assert.deepEqual(await prove(), {
        proven: false,
        failure: { code: 'POPULATION_UNAVAILABLE', retryAfterSeconds: 30 },
        partner: 'population',
      });
    });

    it('the carrier down when the linked number is checked: CARRIER_UNAVAILABLE, not a refusal', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ idNumber: OLD_CMND }, 'mobifone');
      d.population.addPerson(entries.idNumber, ['098765432', OLD_CMND]);
      d.carrier.downFromCheck = 2;

      assert.deepEqual(await prove(), {
        proven: false,
        failure: { code: 'CARRIER_UNAVAILABLE', retryAfterSeconds: 30 },
        partner: 'mobifone',
      });
      assert.deepEqual(
        d.carrier.requests.map((r) => r.idNumber),
        [entries.idNumber, '098765432'],
        'no number is tried once the carrier is out',
      );
    });

    it('the carrier down: CARRIER_UNAVAILABLE, naming the carrier when it is known', async () => {
      const { d, simOf, prove } = setup();
      simOf({}, 'itel');
      d.carrier.down = true;

      assert.deepEqual(await prove(), {
        proven: false,
        failure: { code: 'CARRIER_UNAVAILABLE', retryAfterSeconds: 30 },
        partner: 'itel',
      });
      assert.deepEqual(await prove({ phoneNumber: '+84987654321' }), {
        proven: false,
        failure: { code: 'CARRIER_UNAVAILABLE', retryAfterSeconds: 30 },
      });
      assert.deepEqual(d.population.lookups, []);
    });

    it('a number no carrier knows: SUBSCRIBER_NOT_FOUND', async () => {
      const { d, prove } = setup();
      assert.deepEqual(await prove(), { proven: false, failure: { code: 'SUBSCRIBER_NOT_FOUND' } });
      assert.deepEqual(d.metrics.partnerCalls, [{ call: 'owner_check', outcome: 'unknown_number' }]);
    });
  });

  describe('the reason a citizen is told', () => {
    const WAIT_ENDS = new Date('2026-06-04T08:00:00Z');
    const reasonOf = async (proof: Promise<Proof>) => {
      const refused = await proof;
      assert.ok(!refused.proven && refused.failure.code === 'SUBSCRIBER_NOT_OWNER', JSON.stringify(refused));
      return { reason: refused.failure.reason, retryAt: refused.failure.retryAt, detail: refused.detail };
    };

    it('an inactive line: SIM_INACTIVE (the audit keeps the carrier’s reason)', async () => {
      const { simOf, prove } = setup();
      simOf({ inactive: true });
      assert.deepEqual(await reasonOf(prove()), {
        reason: 'SIM_INACTIVE',
        retryAt: undefined,
        detail: 'inactive',
      });
    });

    it('a SIM changed lately, every entry right: SIM_RECENTLY_CHANGED with the instant the wait ends', async () => {
      const { simOf, prove } = setup();
      simOf({ swapWaitEndsAt: WAIT_ENDS });
      assert.deepEqual(await reasonOf(prove()), {
        reason: 'SIM_RECENTLY_CHANGED',
        retryAt: WAIT_ENDS,
        detail: 'recent_sim_swap',
      });
    });

    it('a mistyped birth date on a SIM changed lately: DETAILS_MISMATCH, nothing said about the SIM', async () => {
      const { simOf, prove } = setup();
      simOf({ swapWaitEndsAt: WAIT_ENDS });
      assert.deepEqual(await reasonOf(prove({ birthDate: '1990-05-18' })), {
        reason: 'DETAILS_MISMATCH',
        retryAt: undefined,
        detail: 'birth_date,recent_sim_swap',
      });
    });

    it('a SIM on the linked old CMND, changed lately: SIM_RECENTLY_CHANGED, not a mismatch', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ idNumber: OLD_CMND, swapWaitEndsAt: WAIT_ENDS });
      d.population.addPerson(entries.idNumber, [OLD_CMND]);
      assert.deepEqual(await reasonOf(prove()), {
        reason: 'SIM_RECENTLY_CHANGED',
        retryAt: WAIT_ENDS,
        detail: 'recent_sim_swap',
      });
      assert.deepEqual(
        d.carrier.requests.map((r) => r.idNumber),
        [entries.idNumber, OLD_CMND],
      );
    });

    it('a SIM on a CMND the registry does not link, changed lately: DETAILS_MISMATCH', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ idNumber: '011111111', swapWaitEndsAt: WAIT_ENDS });
      d.population.addPerson(entries.idNumber, [OLD_CMND]);
      assert.equal((await reasonOf(prove())).reason, 'DETAILS_MISMATCH');
    });
  });

  describe('the name as the population registry spells it', () => {
    it('typed without diacritics: the proven identity has the registry’s spelling', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({});
      d.population.addPerson(entries.idNumber, [], 'Nguyễn Thị Hoà');
      const proof = await prove({ fullName: 'nguyen thi hoa' });
      assert.ok(proof.proven);
      assert.equal(proof.identity.fullName, 'Nguyễn Thị Hoà');
      assert.deepEqual(proof.identity.claims, vouchedBy('CARRIER', 2, ALL_FOUR));
    });

    it('a registry name that is not the typed one: the typed name is kept', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ fullName: 'Nguyen Thi Hoa' });
      d.population.addPerson(entries.idNumber, [], 'Nguyễn Thị Hoà My');
      const proof = await prove({ fullName: 'Nguyen Thi Hoa' });
      assert.ok(proof.proven);
      assert.equal(proof.identity.fullName, 'Nguyen Thi Hoa');
    });

    it('the registry down or not knowing the citizen: still proven, with the typed name', async () => {
      for (const registry of ['down', 'unknown'] as const) {
        const { d, simOf, prove } = setup();
        simOf({});
        d.population.down = registry === 'down';
        const proof = await prove({ fullName: 'Nguyen Thi Hoa' });
        assert.ok(proof.proven, registry);
        assert.equal(proof.identity.fullName, 'Nguyen Thi Hoa', registry);
        assert.deepEqual(d.metrics.partnerCalls.at(-1), {
          call: 'population_lookup',
          outcome: registry === 'down' ? 'unavailable' : 'not_found',
        });
      }
    });

    it('a refused SIM costs no look-up for the name', async () => {
      const { d, simOf, prove } = setup();
      simOf({ birthDate: '1991-01-01' });
      assert.equal((await prove()).proven, false);
      assert.deepEqual(d.population.lookups, []);
    });

    it('a SIM on the linked old CMND: the spelling from the same answer as the link', async () => {
      const { d, entries, simOf, prove } = setup();
      simOf({ idNumber: OLD_CMND });
      d.population.addPerson(entries.idNumber, [OLD_CMND], 'Nguyễn Thị Hoà');
      const proof = await prove({ fullName: 'Nguyen Thi Hoa' });
      assert.ok(proof.proven);
      assert.equal(proof.identity.fullName, 'Nguyễn Thị Hoà');
      assert.deepEqual(d.population.lookups, [entries.idNumber]);
    });
  });

  it('through the journey: a name typed without diacritics ends in an account with the registry’s spelling', async () => {
    const { d, method, citizen, simOf } = setup();
    simOf({});
    d.population.addPerson(citizen.idNumber, [], 'Nguyễn Thị Hoà');
    const start = d.journey.startWithCode(method);
    const started = await start(
      { ...citizen, fullName: 'Nguyen Thi Hoa', ...d.captchas.solved() },
      requestFrom(),
    );
    assert.ok(started.ok, JSON.stringify(started));
    const code = d.sms.lastCodeTo(citizen.phoneNumber);
    assert.ok((await d.journey.verifyCode(started.value.registrationId, code, requestFrom())).ok);
    const done = await d.journey.setPassword(
      started.value.registrationId,
      { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
      requestFrom(),
    );
    assert.ok(done.ok, JSON.stringify(done));
    const [account] = d.accounts.all();
    assert.equal(d.protector.decrypt(account!.fullNameEnc), 'Nguyễn Thị Hoà');
  });

  it('through the journey: a SIM on the linked old CMND ends in an account whose ID the registry vouched for', async () => {
    const { d, method, citizen, simOf } = setup();
    simOf({ idNumber: OLD_CMND }, 'viettel');
    d.population.addPerson(citizen.idNumber, [OLD_CMND]);
    const start = d.journey.startWithCode(method);

    const started = await start({ ...citizen, ...d.captchas.solved() }, requestFrom());
    assert.ok(started.ok, JSON.stringify(started));
    const { registrationId } = started.value;
    const code = d.sms.lastCodeTo(citizen.phoneNumber);
    assert.ok((await d.journey.verifyCode(registrationId, code, requestFrom())).ok);
    const done = await d.journey.setPassword(
      registrationId,
      { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
      requestFrom(),
    );

    assert.ok(done.ok, JSON.stringify(done));
    const [account] = d.accounts.all();
    assert.equal(account?.registrationMethod, 'mobile');
    assert.equal(d.protector.decrypt(account.idNumberEnc), citizen.idNumber);
    assert.deepEqual(account.claims.find((c) => c.claim === 'idNumber')?.source, 'POPULATION');
    assert.equal(d.registrations.all()[0]?.partner, 'viettel');
    assert.deepEqual(
      d.audit.events.map((e) => [e.event, e.method, e.partner]),
      [
        ['registration.started', 'mobile', 'viettel'],
        ['registration.code_sent', 'mobile', 'viettel'],
        ['registration.code_verified', 'mobile', undefined],
        ['registration.completed', 'mobile', 'viettel'],
        // Finishing a registration signs the citizen in.
        ['session.signed_in', 'mobile', undefined],
      ],
    );
  });
});
