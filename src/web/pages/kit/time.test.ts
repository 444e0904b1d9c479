/** Waits said as a person would, in both languages: never "1440 phút"; the clock time from an hour up. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageMessages } from '../messages.ts';
import { duration, retryWhen } from './time.ts';

const vi = { lang: 'vi' as const, m: pageMessages.vi };
const en = { lang: 'en' as const, m: pageMessages.en };

describe('waits', () => {
  it('says seconds, minutes, then hours and minutes', () => {
    const cases: Array<[number, string, string]> = [
      [1, '1 giây', '1 second'],
      [45, '45 giây', '45 seconds'],
      [60, '1 phút', '1 minute'],
      [61, '2 phút', '2 minutes'],
      [3599, '1 giờ', '1 hour'],
      [3600, '1 giờ', '1 hour'],
      [5400, '1 giờ 30 phút', '1 hour 30 minutes'],
      [3660, '1 giờ 1 phút', '1 hour 1 minute'],
      [86_340, '23 giờ 59 phút', '23 hours 59 minutes'],
      [86_400, '24 giờ', '24 hours'],
    ];
    for (const [seconds, inVietnamese, inEnglish] of cases) {
      assert.equal(duration(seconds, vi.m), inVietnamese);
      assert.equal(duration(seconds, en.m), inEnglish);
    }
    assert.ok(!duration(86_400, vi.m).includes('1440'));
  });

  it('adds the time of day and date the wait ends from an hour up (Vietnam time)', () => {
    const now = new Date('2026-12-04T07:05:00Z'); // 14:05 in Hà Nội
    assert.equal(retryWhen(600, now, vi), '10 phút');
    assert.equal(retryWhen(86_400, now, vi), '24 giờ, tức là từ 14:05 ngày 05/12/2026');
    assert.equal(retryWhen(5400, now, en), '1 hour 30 minutes, that is from 15:35 on 4 December 2026');
  });
});
