import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeTaxCode, parseTaxCode } from './tax-code.ts';

describe('tax codes', () => {
  const valid: Array<[string, string, string | undefined]> = [
    ['0101234567', '0101234567', undefined],
    ['0101234567-001', '0101234567', '001'],
    [' 0301234567 - 012 ', '0301234567', '012'],
    ['0301234567–999', '0301234567', '999'],
  ];
  for (const [raw, parent, branch] of valid)
    it(`accepts ${JSON.stringify(raw)}`, () => {
      const parsed = parseTaxCode(raw);
      assert.ok(parsed.ok);
      assert.equal(parsed.value.parent, parent);
      assert.equal(parsed.value.branch, branch);
      assert.equal(parsed.value.taxCode, branch ? `${parent}-${branch}` : parent);
    });

  const invalid = [
    '',
    '010123456', // 9 digits: a CMND, not a tax code
    '001099012345', // 12 digits: a personal ID number
    '01012345678',
    '0101234567-',
    '0101234567-01',
    '0101234567-0001',
    '0101234567-000',
    '01012345a7',
    '0101234567001',
  ];
  for (const raw of invalid)
    it(`refuses ${JSON.stringify(raw)}`, () => {
      assert.deepEqual(parseTaxCode(raw), { ok: false, error: 'TAX_CODE_INVALID' });
    });

  it('tells a tax code from an ID number as a username', () => {
    assert.equal(looksLikeTaxCode('0101234567'), true);
    assert.equal(looksLikeTaxCode('0101234567-001'), true);
    assert.equal(looksLikeTaxCode('001099012345'), false);
    assert.equal(looksLikeTaxCode('123456789'), false);
  });
});
