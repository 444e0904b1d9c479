import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionary } from '@zxcvbn-ts/language-common';
import { checkPassword, estimatePasswordStrength } from './password.ts';

const personal = { idNumber: '001190012345', phoneNumber: '+84912345678', birthDate: '1990-05-17' };

describe('password policy', () => {
  it('uses a common-password list of at least 10,000 entries', () => {
    assert.ok(dictionary['passwords-common'].length >= 10_000);
  });

  it("rejects the seed's example Aa@123456 as TOO_COMMON and says what it reduces to", () => {
    const check = checkPassword('Aa@123456', personal);
    assert.deepEqual(check.failures, ['TOO_COMMON']);
    assert.ok(check.commonBase && 'aa@123456'.replace('@', '').includes(check.commonBase));
    assert.deepEqual(estimatePasswordStrength('Aa@123456'), { score: 0, feedback: 'TOO_COMMON' });
  });

  it('sees through decoration: Password@1, Qwerty@123, 123456@Aa', () => {
    for (const p of ['Password@1', 'Qwerty@123', 'Iloveyou!1', 'Abc@12345']) {
      assert.ok(checkPassword(p).failures.includes('TOO_COMMON'), p);
    }
  });

  it('reports every failed composition rule at once', () => {
    assert.deepEqual(checkPassword('abc').failures, ['TOO_SHORT', 'NO_UPPERCASE', 'NO_DIGIT', 'NO_SPECIAL']);
    assert.deepEqual(checkPassword('ABCDEFGH').failures, ['NO_LOWERCASE', 'NO_DIGIT', 'NO_SPECIAL']);
    assert.ok(checkPassword(`Aa1!${'x'.repeat(130)}`).failures.includes('TOO_LONG'));
  });

  it('refuses personal data: ID number, phone number forms, birth date forms', () => {
    for (const p of [
      'Xy#001190012345',
      'Xy#0912345678z',
      'Zz!84912345678',
      'Ab#17051990cd',
      'Ab#17/05/1990c',
      'Ab#1990.05.17',
      'Kho@n1990xa',
    ]) {
      assert.ok(checkPassword(p, personal).failures.includes('CONTAINS_PERSONAL_DATA'), p);
    }
    assert.ok(
      !checkPassword('Xy#0912345678z').failures.includes('CONTAINS_PERSONAL_DATA'),
      'only with the citizen data',
    );
  });

  it('accepts a strong password and estimates its strength', () => {
    const check = checkPassword('Sông#Hồng2024xanh', personal);
    assert.deepEqual(check.failures, []);
    assert.ok(check.ok);
    assert.ok(estimatePasswordStrength('Sông#Hồng2024xanh', personal).score >= 3);
    assert.ok(estimatePasswordStrength('Abcdefg1!').score <= 2);
  });
});
