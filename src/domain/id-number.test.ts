import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import provinces from './data/provinces.json' with { type: 'json' };
import {
  checkIdNumberAgainstBirthDate,
  makePersonalIdNumber,
  maskIdNumber,
  parseIdNumber,
} from './id-number.ts';
import { provinceByCode } from './provinces.ts';

const CODES = provinces.provinces.map((p) => p.code);

describe('ID numbers', () => {
  it('accepts every province code of the reference table', () => {
    assert.equal(CODES.length, 63);
    for (const code of CODES) {
      const parsed = parseIdNumber(`${code}090000001`);
      assert.ok(parsed.ok, code);
      assert.equal(parsed.value.province?.code, code);
    }
  });

  it('rejects codes outside the table and malformed numbers', () => {
    const outside = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).filter(
      (c) => !CODES.includes(c),
    );
    assert.ok(outside.length > 900);
    for (const code of outside)
      assert.deepEqual(parseIdNumber(`${code}090000001`), { ok: false, error: 'ID_NUMBER_INVALID' });
    for (const bad of ['', '12345', '00109000000', '0010900000011', '00109000000a', '001 090 000 001']) {
      assert.equal(parseIdNumber(bad).ok, false, bad);
    }
  });

  it('tells what a number says: province, sex, century, year', () => {
    const parsed = parseIdNumber('079215000001');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, {
      number: '079215000001',
      kind: 'personal_12',
      province: { code: '079', name: provinceByCode('079')!.name },
      sex: 'male',
      century: 2000,
      birthYearDigits: '15',
    });
    const female = parseIdNumber('001198000001');
    assert.equal(female.ok ? female.value.sex : undefined, 'female');
  });

  it('checks the 9-digit CMND for format only', () => {
    assert.deepEqual(checkIdNumberAgainstBirthDate('012345678', '1975-01-01'), {
      ok: true,
      value: { number: '012345678', kind: 'cmnd_9' },
    });
  });

  it('says which part disagrees with the birth date', () => {
    assert.equal(checkIdNumberAgainstBirthDate('001190012345', '1990-05-17').ok, true);
    assert.deepEqual(checkIdNumberAgainstBirthDate('001190012345', '1991-05-17'), {
      ok: false,
      error: 'ID_NUMBER_BIRTHDATE_MISMATCH',
    });
    assert.deepEqual(checkIdNumberAgainstBirthDate('001190012345', '2090-05-17'), {
      ok: false,
      error: 'ID_NUMBER_BIRTHDATE_MISMATCH',
    });
    assert.deepEqual(checkIdNumberAgainstBirthDate('999190012345', '1990-05-17'), {
      ok: false,
      error: 'ID_NUMBER_INVALID',
    });
  });

  const birthDates = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2399-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('a generated valid CCCD validates against its own birth date and never against another century', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CODES),
        fc.constantFrom('male' as const, 'female' as const),
        birthDates,
        fc.nat(999_999),
        fc.integer({ min: 1, max: 4 }),
        (provinceCode, sex, birthDate, serial, shift) => {
          const id = makePersonalIdNumber({ provinceCode, sex, birthDate, serial });
          const own = checkIdNumberAgainstBirthDate(id, birthDate);
          assert.ok(own.ok);
          assert.equal(own.value.sex, sex);
          const year = Number(birthDate.slice(0, 4));
          const otherYear = year + (year + shift * 100 <= 2399 ? shift * 100 : -shift * 100);
          if (otherYear >= 1900 && otherYear <= 2399) {
            const other = `${otherYear}${birthDate.slice(4)}`;
            assert.deepEqual(checkIdNumberAgainstBirthDate(id, other), {
              ok: false,
              error: 'ID_NUMBER_BIRTHDATE_MISMATCH',
            });
          }
        },
      ),
    );
  });

  it('masking never reveals more than 6 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,20}$/), (digits) => {
        const masked = maskIdNumber(digits);
        assert.ok(masked.replace(/\D/g, '').length <= 6);
        assert.equal(masked.length, digits.length);
      }),
    );
    assert.equal(maskIdNumber('001190012345'), '001******345');
  });
});
