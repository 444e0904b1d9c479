import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDdMmYyyy, parseDate } from './dates.ts';

const today = new Date('2026-03-10T12:00:00Z');

describe('dates', () => {
  it('reads YYYY-MM-DD and DD/MM/YYYY', () => {
    assert.deepEqual(parseDate('1990-05-17', today), { ok: true, value: '1990-05-17' });
    assert.deepEqual(parseDate('17/05/1990', today), { ok: true, value: '1990-05-17' });
    assert.deepEqual(parseDate('7/5/1990', today), { ok: true, value: '1990-05-07' });
    assert.deepEqual(parseDate('29/02/2000', today), { ok: true, value: '2000-02-29' });
    assert.equal(formatDdMmYyyy('1990-05-17'), '17/05/1990');
  });

  it('refuses impossible, future and too-old dates, by the given clock', () => {
    for (const bad of [
      '31/02/1990',
      '29/02/1900',
      '1990-13-01',
      '1990-00-10',
      '00/01/1990',
      '17-05-90',
      'hôm qua',
      '',
      '1899-12-31',
    ]) {
      assert.deepEqual(parseDate(bad, today), { ok: false, error: 'BIRTHDATE_INVALID' }, bad);
    }
    assert.equal(parseDate('2026-03-10', today).ok, true);
    assert.equal(parseDate('2026-03-11', today).ok, false);
    assert.equal(
      parseDate('2026-03-11', new Date('2026-03-10T18:00:00Z')).ok,
      true,
      'Vietnam is already on the 11th',
    );
  });
});
