import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scrubDigits } from './redaction.ts';

describe('scrubDigits', () => {
  it('masks phone and ID numbers in any common form, keeping at most 3 + 3 digits', () => {
    assert.equal(scrubDigits('/sim/phones/0912345678/sms'), '/sim/phones/091****678/sms');
    assert.equal(scrubDigits('/sim/phones/%2B84912345678'), '/sim/phones/%2B849*****678');
    assert.equal(scrubDigits('id 001190012345 ok'), 'id 001******345 ok');
    assert.equal(scrubDigits('call +84 912 345 678 now'), 'call 849*****678 now');
  });
  it('leaves short numbers alone', () => {
    assert.equal(scrubDigits('/api/v1/items/12345?page=2'), '/api/v1/items/12345?page=2');
  });
});
