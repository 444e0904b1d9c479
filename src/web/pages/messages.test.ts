import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from './messages.ts';

// The catalogs themselves (vi/en parity, placeholders) are tested beside them, in
// src/web/i18n/catalog/catalog.test.ts.
describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    assert.equal(format('còn {n} lần, {x}', { n: 3 }), 'còn 3 lần, {x}');
  });
});
