/**
 * Protection of personal data and secrets, as the use cases need it: encryption at rest with key ids,
 * blind indexes (keyed hashes) for look-ups and uniqueness, keyed hashes of one-time codes, and password
 * hashing. Implemented with AES-256-GCM, HMAC-SHA-256 and Argon2id in src/adapters/crypto.
 */
export interface PersonalDataProtector {
  /** Ciphertext that names its key id, so keys can rotate. */
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Deterministic keyed hash of a normalised value, namespaced by purpose ('id', 'phone', 'otp', ...). */
  blindIndex(purpose: string, value: string): string;
  /** Constant-time comparison of two blind indexes / keyed hashes. */
  sameHash(a: string, b: string): boolean;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** True when the hash was made with weaker parameters than today's (rehash at the next sign-in). */
  needsRehash(hash: string): boolean;
}
