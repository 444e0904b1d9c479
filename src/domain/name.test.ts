import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nameMatchKey, namesMatch, validateFullName } from './name.ts';

describe('names', () => {
  it('matches across case, spacing, diacritics, NFD input and tone placement', () => {
    const forms = [
      'Nguyễn  Văn An',
      'NGUYEN VAN AN',
      'nguyễn văn an',
      'Nguyễn Văn An'.normalize('NFD'),
      ' nguyen van  an ',
    ];
    for (const form of forms) assert.ok(namesMatch(form, 'NGUYEN VAN AN'), form);
    assert.ok(namesMatch('Lê Thị Hoà', 'Lê Thị Hòa'));
    assert.ok(namesMatch('Đặng Đức', 'DANG DUC'));
    assert.equal(nameMatchKey('Trương  Thị   Thủy'), 'TRUONG THI THUY');
    assert.ok(!namesMatch('Nguyễn Văn An', 'Nguyễn Văn Anh'));
  });

  it('accepts Vietnamese names and refuses digits, symbols and other scripts', () => {
    for (const good of [
      'Nguyễn Văn An',
      'NGUYEN VAN AN',
      "H'Hen Niê",
      'Lò Văn Páo',
      'Trần-Lê Minh',
      'Đỗ Thị Ngọc Ánh',
    ]) {
      assert.ok(validateFullName(good).ok, good);
    }
    assert.deepEqual(validateFullName('  Nguyễn   Văn An '), { ok: true, value: 'Nguyễn Văn An' });
    for (const bad of [
      'Nguyen Van 4n',
      'An!',
      'A',
      '',
      '   ',
      '<script>',
      'Иван Петров',
      '王小明',
      'An--Binh',
      'x'.repeat(101),
    ]) {
      assert.equal(validateFullName(bad).ok, false, bad);
    }
  });

  it('matching is symmetric and idempotent', () => {
    const vietnamese = fc.stringMatching(
      /^[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐ ]{0,30}$/,
    );
    fc.assert(
      fc.property(vietnamese, vietnamese, (a, b) => {
        assert.equal(namesMatch(a, b), namesMatch(b, a));
        assert.equal(nameMatchKey(nameMatchKey(a)), nameMatchKey(a));
      }),
    );
  });
});
