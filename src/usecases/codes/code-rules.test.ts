import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { submittedCode, withoutSeparators } from './code-rules.ts';

const rules = { codeLength: 6 };

describe('a submitted code', () => {
  it('is the same code however people and phones space it', () => {
    for (const typed of [
      '123456',
      '123 456',
      '123-456',
      ' 12 34 56 ',
      '123\u00a0456',
      '123–456',
      '123\u2212456',
    ])
      assert.equal(submittedCode(rules, typed), '123456', JSON.stringify(typed));
  });

  it('is no code at all when it is not six digits once the separators are gone', () => {
    for (const typed of ['12345', '1234567', '123.456', '12a456', '', '--- ---', '１２３４５６'])
      assert.equal(submittedCode(rules, typed), 'not-a-code', JSON.stringify(typed));
  });

  it('keeps what is not a separator, so the page can say the format is wrong', () => {
    assert.equal(withoutSeparators('12_34.56'), '12_34.56');
  });
});
