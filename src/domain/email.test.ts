import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEmail } from './email.ts';

describe('email addresses', () => {
  it('keeps the address as typed, trimmed, and looks it up in lower case', () => {
    const parsed = parseEmail('  An.Nguyen@Example.VN ');
    assert.ok(parsed.ok);
    assert.equal(parsed.value.address, 'An.Nguyen@Example.VN');
    assert.equal(parsed.value.lookupForm, 'an.nguyen@example.vn');
  });

  for (const bad of [
    '',
    'an@',
    '@example.vn',
    'an@example',
    'an nguyen@example.vn',
    'an@@example.vn',
    'an@example..vn',
  ])
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.deepEqual(parseEmail(bad), { ok: false, error: 'EMAIL_INVALID' });
    });

  it('refuses an address longer than 254 characters, or a local part over 64', () => {
    assert.equal(parseEmail(`${'a'.repeat(64)}@${'b'.repeat(186)}.vn`).ok, true);
    assert.equal(parseEmail(`${'a'.repeat(64)}@${'b'.repeat(187)}.vn`).ok, false);
    assert.equal(parseEmail(`${'a'.repeat(65)}@example.vn`).ok, false);
  });
});
