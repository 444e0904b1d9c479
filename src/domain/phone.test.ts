import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import prefixes from './data/mobile-prefixes.json' with { type: 'json' };
import { maskPhone, normalizeMobileNumber } from './phone.ts';

const PREFIXES = Object.keys(prefixes.prefixes);
const carrierOf = (raw: string) => {
  const parsed = normalizeMobileNumber(raw);
  return parsed.ok ? parsed.value.allocatedCarrier : undefined;
};

describe('phone numbers', () => {
  it('normalises every common form to one E.164', () => {
    for (const form of [
      '0912345678',
      '84912345678',
      '+84912345678',
      '+84 912 345 678',
      '0912.345.678',
      '(091) 234-5678',
      '0084912345678',
      ' 0912 345 678 ',
    ]) {
      const parsed = normalizeMobileNumber(form);
      assert.ok(parsed.ok, form);
      assert.deepEqual(parsed.value, {
        e164: '+84912345678',
        national: '0912345678',
        allocatedCarrier: 'vinaphone',
      });
    }
  });

  it('accepts only mobile prefixes from the table, with their allocated carrier', () => {
    assert.equal(carrierOf('0987654321'), 'viettel');
    assert.equal(carrierOf('0901234567'), 'mobifone');
    assert.equal(carrierOf('0871234567'), 'itel');
    for (const bad of [
      '0241234567',
      '02412345678',
      '0951234567',
      '0012345678',
      '091234567',
      '09123456789',
      '+1 912 345 678',
      'abc',
      '',
      '1414',
    ]) {
      assert.deepEqual(normalizeMobileNumber(bad), { ok: false, error: 'PHONE_NUMBER_INVALID' }, bad);
    }
  });

  const mobile = fc
    .tuple(fc.constantFrom(...PREFIXES), fc.stringMatching(/^\d{7}$/))
    .map(([prefix, rest]) => `${prefix}${rest}`);
  const forms = (national: string) => {
    const nsn = national.slice(1);
    return [
      national,
      `84${nsn}`,
      `+84${nsn}`,
      `+84 ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
      `${national.slice(0, 4)}.${national.slice(4, 7)}.${national.slice(7)}`,
      `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`,
    ];
  };

  it('every accepted form of one number gives the same E.164, and normalising is idempotent', () => {
    fc.assert(
      fc.property(mobile, (national) => {
        const results = forms(national).map(normalizeMobileNumber);
        assert.ok(results.every((r) => r.ok));
        const e164 = new Set(results.map((r) => (r.ok ? r.value.e164 : '')));
        assert.equal(e164.size, 1);
        const [only] = [...e164];
        const again = normalizeMobileNumber(only!);
        assert.ok(again.ok && again.value.e164 === only);
      }),
    );
  });

  it('masking keeps at most the first 3 and last 3 digits', () => {
    assert.equal(maskPhone('+84912345678'), '091****678');
    fc.assert(
      fc.property(fc.oneof(mobile, fc.string()), (input) => {
        assert.ok(maskPhone(input).replace(/\D/g, '').length <= 6);
      }),
    );
  });
});
