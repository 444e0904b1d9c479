/**
 * The numbers of the identity rules in one object (product.md "Rules"): callers pass their own to change
 * them; nothing else in the domain hard-codes a limit.
 */
export interface IdentityRules {
  fullName: { minLength: number; maxLength: number; maxWords: number };
  password: { minLength: number; maxLength: number; maxDecorationChars: number; minCommonBaseLength: number };
  birthDate: { earliest: string };
}

export const DEFAULT_IDENTITY_RULES: IdentityRules = {
  fullName: { minLength: 2, maxLength: 100, maxWords: 10 },
  password: { minLength: 8, maxLength: 128, maxDecorationChars: 4, minCommonBaseLength: 4 },
  birthDate: { earliest: '1900-01-01' },
};
