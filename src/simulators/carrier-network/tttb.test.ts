import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Subscriber } from './registry.ts';
import { answerTttb, TTTB_GUIDE } from './tttb.ts';

const an: Subscriber = {
  phoneNumber: '+84961000001',
  carrier: 'viettel',
  allocatedCarrier: 'viettel',
  status: 'active',
  fullName: 'Nguyễn Văn Đức',
  birthDate: '1990-05-17',
  idType: 'CCCD',
  idNumber: '001090012345',
  idIssueDate: '2021-06-01',
  idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
  activatedAt: '2020-01-01T00:00:00.000Z',
  simChangedAt: null,
};
const registry = {
  byPhone: async (phone: string) => (phone === an.phoneNumber ? an : undefined),
  byIdNumber: async (id: string) => (id === an.idNumber ? [an, { ...an, phoneNumber: '+84987654321' }] : []),
};

describe('the 1414 TTTB service', () => {
  it('answers the six fields of the sender’s own subscription in unaccented Vietnamese', async () => {
    for (const text of ['TTTB', 'tttb', '  Tttb  ']) {
      const answer = await answerTttb(registry, '+84961000001', text);
      assert.equal(
        answer,
        'Ho ten: Nguyen Van Duc\nNgay sinh: 17/05/1990\nSo giay to: 001090012345\nNgay cap: 01/06/2021\nNoi cap: Cuc Canh sat quan ly hanh chinh ve trat tu xa hoi\nLoai giay to: Can cuoc cong dan',
      );
      assert.match(answer, /^[\x20-\x7E\n]+$/);
    }
  });

  it('lists the numbers registered to an ID, masked', async () => {
    const answer = await answerTttb(registry, '+84900000000', 'TTTB 001090012345');
    assert.equal(answer, 'Giay to 001***345 dang dung 2 so: 096****001, 098****321.');
    assert.ok(!answer.includes('0961000001'));
    assert.match(await answerTttb(registry, '+84900000000', 'TTTB 079190000001'), /Khong co thue bao/);
  });

  it('guides on anything else, and tells an unregistered SIM what to do', async () => {
    for (const text of ['HELLO', 'TTTB abc', 'TTTB 1 2', ''])
      assert.equal(await answerTttb(registry, '+84961000001', text), TTTB_GUIDE);
    assert.match(await answerTttb(registry, '+84911111111', 'TTTB'), /chua dang ky/);
  });
});
