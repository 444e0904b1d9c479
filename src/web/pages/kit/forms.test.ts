import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keptValues, pageErrorsOf, readForm } from './forms.ts';

describe('reading forms', () => {
  const schema = {
    idNumber: { maxLength: 12, required: true },
    password: { maxLength: 20, required: true, keepSpaces: true },
    note: { maxLength: 5 },
  };

  it('trims, keeps the spaces of passwords, and flags missing and over-long fields', () => {
    const { values, errors } = readForm(
      { idNumber: '  001090000001 ', password: ' a b ', note: 'too long' },
      schema,
    );
    assert.deepEqual(values, { idNumber: '001090000001', password: ' a b ', note: '' });
    assert.deepEqual(errors, [{ field: 'note', code: 'INVALID' }]);
    const empty = readForm({ idNumber: '   ' }, schema);
    assert.deepEqual(
      empty.errors.map((e) => `${e.field}:${e.code}`),
      ['idNumber:REQUIRED', 'password:REQUIRED'],
    );
  });

  it('takes the first of repeated fields and ignores anything that is not text', () => {
    const { values } = readForm({ idNumber: ['1', '2'], password: { nested: true } }, schema);
    assert.equal(values.idNumber, '1');
    assert.equal(values.password, '');
    assert.deepEqual(readForm(undefined, schema).values, { idNumber: '', password: '', note: '' });
  });

  it("turns a use case's failure into field errors with the parameters their messages need", () => {
    assert.deepEqual(pageErrorsOf({ code: 'OTP_INVALID', attemptsLeft: 3 }, 'code'), [
      { field: 'code', code: 'OTP_INVALID', params: { attemptsLeft: 3 } },
    ]);
    assert.deepEqual(
      pageErrorsOf(
        {
          code: 'PASSWORD_POLICY',
          fieldErrors: [{ field: 'password', code: 'TOO_COMMON' }],
          commonBase: '123456',
        },
        'password',
      ),
      [{ field: 'password', code: 'TOO_COMMON_BASE', params: { common: '123456' } }],
    );
  });

  it('keeps only the fields that may be shown again', () => {
    assert.deepEqual(keptValues({ idNumber: '1', captchaAnswer: 'abc' }, ['idNumber', 'fullName']), {
      idNumber: '1',
      fullName: '',
    });
  });
});
