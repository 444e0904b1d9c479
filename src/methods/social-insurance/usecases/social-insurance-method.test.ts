/**
 * The social-insurance method on fakes: Vietnam Social Security's record match, and the code to the phone
 * that record holds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aCitizen,
  type InsuranceRecord,
  registrationDoubles,
  requestFrom,
  STRONG_PASSWORD,
} from '../../../../test/support/registration-fakes.ts';
import { vouchedBy } from '../../../domain/identity-claims.ts';
import { REGISTRIES } from '../../../domain/partners.ts';
import { createSocialInsuranceMethod, type SocialInsuranceEntries } from './social-insurance-method.ts';

const INSURANCE_NUMBER = '0123456789';

function setup(record: Partial<InsuranceRecord> = {}) {
  const d = registrationDoubles();
  const method = createSocialInsuranceMethod({ registry: d.socialInsurance, metrics: d.metrics });
  const citizen = aCitizen();
  /** The phone on the VSS record, not the one the citizen might type elsewhere. */
  const recordPhone = aCitizen().phoneNumber;
  d.socialInsurance.addRecord({
    socialInsuranceNumber: INSURANCE_NUMBER,
    idNumber: citizen.idNumber,
    fullName: citizen.fullName,
    birthDate: citizen.birthDate,
    phoneNumber: recordPhone,
    ...record,
  });
  const entries: SocialInsuranceEntries = {
    socialInsuranceNumber: INSURANCE_NUMBER,
    idNumber: citizen.idNumber,
    fullName: citizen.fullName,
    birthDate: citizen.birthDate,
  };
  const prove = (typed: Partial<SocialInsuranceEntries> = {}) =>
    method.prove({ ...entries, ...typed }, requestFrom());
  return { d, method, citizen, entries, recordPhone, prove };
}

describe('registration by social insurance (method on fakes)', () => {
  describe('validate', () => {
    it('takes a 10-digit number with the spaces removed', () => {
      const { d, method, citizen, entries } = setup();
      const outcome = method.validate(
        { ...citizen, socialInsuranceNumber: ' 012 345 6789 ', ...d.captchas.solved() },
        d.clock.now(),
      );
      assert.deepEqual(outcome, { ok: true, value: entries });
    });

    it('reports an invalid number together with every other invalid entry', () => {
      const { d, method, citizen } = setup();
      for (const socialInsuranceNumber of ['12345', '01234567AB', '01234567890', '']) {
        const outcome = method.validate(
          { ...citizen, birthDate: '1990-13-01', socialInsuranceNumber, ...d.captchas.solved() },
          d.clock.now(),
        );
        assert.deepEqual(
          outcome,
          {
            ok: false,
            failure: {
              code: 'VALIDATION_FAILED',
              fieldErrors: [
                { field: 'socialInsuranceNumber', code: 'SOCIAL_INSURANCE_NUMBER_INVALID' },
                { field: 'birthDate', code: 'BIRTHDATE_INVALID' },
              ],
            },
          },
          socialInsuranceNumber,
        );
      }
    });
  });

  describe('prove', () => {
    it('a matching record with a phone: VSS vouches for the four claims, the code goes to the record’s phone', async () => {
      const { d, entries, recordPhone, prove } = setup();

      assert.deepEqual(await prove(), {
        proven: true,
        identity: {
          idNumber: entries.idNumber,
          fullName: entries.fullName,
          birthDate: entries.birthDate,
          phoneNumber: recordPhone,
          claims: vouchedBy('VSS', 2, ['idNumber', 'fullName', 'birthDate', 'phoneNumber']),
        },
        partner: 'vss',
      });
      assert.deepEqual(d.socialInsurance.queries, [entries]);
      assert.deepEqual(d.metrics.partnerCalls, [{ call: 'record_match', outcome: 'match' }]);
    });

    it('a matching record without a phone: INSURANCE_NO_PHONE, with how to reach VSS', async () => {
      const { prove } = setup({ phoneNumber: null });
      assert.deepEqual(await prove(), {
        proven: false,
        failure: { code: 'INSURANCE_NO_PHONE', partner: REGISTRIES.vss },
        partner: 'vss',
      });
    });

    it('no record with these facts: INSURANCE_RECORD_MISMATCH, with how to reach VSS', async () => {
      const { d, prove } = setup();
      const mismatch = {
        proven: false,
        failure: { code: 'INSURANCE_RECORD_MISMATCH', partner: REGISTRIES.vss },
        partner: 'vss',
      };
      assert.deepEqual(await prove({ fullName: 'Trần Văn Nam' }), mismatch);
      assert.deepEqual(await prove({ birthDate: '1990-05-18' }), mismatch);
      assert.deepEqual(await prove({ socialInsuranceNumber: '9876543210' }), mismatch);
      assert.deepEqual(d.metrics.partnerCalls.at(-1), { call: 'record_match', outcome: 'no_match' });
    });

    it('the registry down: SOCIAL_INSURANCE_UNAVAILABLE, to retry later', async () => {
      const { d, prove } = setup();
      d.socialInsurance.down = true;
      assert.deepEqual(await prove(), {
        proven: false,
        failure: { code: 'SOCIAL_INSURANCE_UNAVAILABLE', retryAfterSeconds: 30 },
        partner: 'vss',
      });
    });
  });

  it('through the journey: the code reaches the record’s phone and the account carries VSS evidence', async () => {
    const { d, method, citizen, recordPhone } = setup();
    const start = d.journey.startWithCode(method);

    const started = await start(
      { ...citizen, socialInsuranceNumber: INSURANCE_NUMBER, ...d.captchas.solved() },
      requestFrom(),
    );
    assert.ok(started.ok, JSON.stringify(started));
    assert.deepEqual(d.sms.to(citizen.phoneNumber), [], 'nothing to a phone the record does not hold');
    const code = d.sms.lastCodeTo(recordPhone);
    assert.ok((await d.journey.verifyCode(started.value.registrationId, code, requestFrom())).ok);
    const done = await d.journey.setPassword(
      started.value.registrationId,
      { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD },
      requestFrom(),
    );

    assert.ok(done.ok, JSON.stringify(done));
    const [account] = d.accounts.all();
    assert.equal(account?.registrationMethod, 'social-insurance');
    assert.equal(account.phone && d.protector.decrypt(account.phone.enc), recordPhone);
    assert.deepEqual(
      account.claims.map((c) => c.source),
      ['VSS', 'VSS', 'VSS', 'VSS'],
    );
    assert.deepEqual(d.audit.named('registration.completed')[0]?.partner, 'vss');
  });
});
