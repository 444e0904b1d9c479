/**
 * AES-256-GCM for personal data at rest (format `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts) and
 * HMAC-SHA-256 blind indexes. Decryption accepts every configured key id, so old rows stay readable
 * after the current key rotates.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PersonalDataProtector } from '../../usecases/ports/protection.ts';

export interface ProtectorKeys {
  current: { id: string; key: Buffer };
  /** Earlier keys still needed to read older rows. */
  previous?: Array<{ id: string; key: Buffer }>;
  hmacKey: Buffer;
}

export function createPersonalDataProtector(keys: ProtectorKeys): PersonalDataProtector {
  if (keys.current.key.length !== 32) throw new Error('the data key must be 32 bytes (AES-256)');
  const byId = new Map([keys.current, ...(keys.previous ?? [])].map((k) => [k.id, k.key]));
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
      return ['v1', keys.current.id, ...parts].join('.');
    },
    decrypt(payload) {
      const [version, keyId, iv, tag, ciphertext] = payload.split('.');
      const key = keyId ? byId.get(keyId) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || ciphertext === undefined) {
        throw new Error('ciphertext is malformed or its key is unknown');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
    blindIndex(purpose, value) {
      return createHmac('sha256', keys.hmacKey).update(`${purpose}\u0000${value}`).digest('base64url');
    },
    sameHash(a, b) {
      const left = Buffer.from(a);
      const right = Buffer.from(b);
      return left.length === right.length && timingSafeEqual(left, right);
    },
  };
}
