/**
 * The password policy (product.md): length, composition, no personal data, and not a common or breached
 * password — checked against zxcvbn-ts's common-passwords list (~49,000 entries) case-insensitively and
 * after stripping the "decoration" people add to satisfy composition rules (Aa@123456 → aa123456,
 * Password@1 → password1). Every failed rule is reported at once. The zxcvbn strength estimate for the
 * pages' meter is a separate, slower function.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from './rules-config.ts';

export const PASSWORD_RULES = [
  'TOO_SHORT',
  'TOO_LONG',
  'NO_UPPERCASE',
  'NO_LOWERCASE',
  'NO_DIGIT',
  'NO_SPECIAL',
  'CONTAINS_PERSONAL_DATA',
  'TOO_COMMON',
] as const;

export type PasswordRule = (typeof PASSWORD_RULES)[number];

export interface PasswordCheck {
  ok: boolean;
  failures: PasswordRule[];
  /** For TOO_COMMON: the common password this one reduces to. */
  commonBase?: string;
}

export interface PasswordStrength {
  score: 0 | 1 | 2 | 3 | 4;
  feedback?: string;
}

export interface PersonalData {
  idNumber?: string;
  phoneNumber?: string;
  birthDate?: string;
}

let commonPasswords: Set<string> | undefined;
let estimator: ZxcvbnFactory | undefined;

function common(): Set<string> {
  commonPasswords ??= new Set(commonDictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords;
}

function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    translations,
  });
  return estimator;
}

/** Base words a password may reduce to once its rule-satisfying decoration is removed. */
function undecorated(password: string): string[] {
  const lower = password.normalize('NFC').toLowerCase();
  const alnum = lower.replace(/[^\p{L}\p{N}]/gu, '');
  return [
    lower,
    alnum,
    alnum.replace(/\d+$/, ''),
    alnum.replace(/^\d+/, ''),
    alnum.replace(/^\p{L}{1,2}(?=\d)/u, ''),
    alnum.replace(/^\p{L}{1,2}(?=\d)/u, '').replace(/\d{1,2}$/, ''),
  ];
}

export function findCommonBase(password: string, rules: IdentityRules['password']): string | undefined {
  const length = [...password].length;
  return undecorated(password).find(
    (base) =>
      base.length >= rules.minCommonBaseLength &&
      length - [...base].length <= rules.maxDecorationChars &&
      common().has(base),
  );
}

/** Digit strings that reveal the citizen: ID number, phone number forms, birth date forms and year. */
function personalTokens(personal: PersonalData): string[] {
  const tokens: string[] = [];
  if (personal.idNumber) tokens.push(personal.idNumber.replace(/\D/g, ''));
  if (personal.phoneNumber) {
    const digits = personal.phoneNumber.replace(/\D/g, '');
    const significant = digits.slice(-9);
    tokens.push(significant, `0${significant}`, `84${significant}`);
  }
  if (personal.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(personal.birthDate)) {
    const [yyyy, mm, dd] = personal.birthDate.split('-') as [string, string, string];
    const yy = yyyy.slice(2);
    tokens.push(
      `${dd}${mm}${yyyy}`,
      `${yyyy}${mm}${dd}`,
      `${dd}${mm}${yy}`,
      `${yy}${mm}${dd}`,
      `${mm}${dd}${yyyy}`,
      yyyy,
    );
  }
  return tokens.filter((t) => t.length >= 4);
}

export function checkPassword(
  password: string,
  personal: PersonalData = {},
  rules: IdentityRules = DEFAULT_IDENTITY_RULES,
): PasswordCheck {
  const failures: PasswordRule[] = [];
  const length = [...password].length;
  if (length < rules.password.minLength) failures.push('TOO_SHORT');
  if (length > rules.password.maxLength) failures.push('TOO_LONG');
  if (!/\p{Lu}/u.test(password)) failures.push('NO_UPPERCASE');
  if (!/\p{Ll}/u.test(password)) failures.push('NO_LOWERCASE');
  if (!/\p{Nd}/u.test(password)) failures.push('NO_DIGIT');
  if (!/[^\p{L}\p{N}\s]/u.test(password)) failures.push('NO_SPECIAL');
  const digitsOnly = password.replace(/\D/g, '');
  if (personalTokens(personal).some((token) => digitsOnly.includes(token)))
    failures.push('CONTAINS_PERSONAL_DATA');
  const commonBase =
    length <= rules.password.maxLength ? findCommonBase(password, rules.password) : undefined;
  if (commonBase !== undefined) failures.push('TOO_COMMON');

  return { ok: failures.length === 0, failures, ...(commonBase !== undefined && { commonBase }) };
}

/**
 * zxcvbn's estimate for the pages' strength meter. It costs tens of milliseconds of CPU, so the policy check
 * above never calls it: a registration's answer must not wait on it (it capped the journey at ~20/s).
 */
export function estimatePasswordStrength(
  password: string,
  personal: PersonalData = {},
  rules: IdentityRules = DEFAULT_IDENTITY_RULES,
): PasswordStrength {
  if (findCommonBase(password, rules.password) !== undefined) return { score: 0, feedback: 'TOO_COMMON' };
  // zxcvbn is quadratic-ish in length; the meter does not need more than the first 100 characters.
  const estimate = strengthEstimator().check(password.slice(0, 100), personalTokens(personal));
  const feedback = estimate.feedback.warning ?? estimate.feedback.suggestions[0];
  return { score: estimate.score, ...(feedback && { feedback }) };
}
