/**
 * Seals a cookie's value with AES-256-GCM under the cookie key (COOKIE_SECRET), so the browser can carry
 * it but neither read nor alter it. Format `v1.<base64url(iv | ciphertext | tag)>`. The key seals nothing
 * but cookies: a leaked cookie key exposes no personal data at rest.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createCookieSealer(secret: Buffer) {
  if (secret.length < 32) throw new Error('the cookie key must be at least 32 bytes');
  // The secret may be longer than AES-256 takes: derive exactly 32 bytes, for this use only.
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'portal cookie sealing v1', 32));
  return {
    seal(value: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
    },
    /** The value, or undefined when the cookie was altered, cut short or sealed under another key. */
    open(sealed: string): string | undefined {
      const [version, payload, ...rest] = sealed.split('.');
      if (version !== VERSION || payload === undefined || rest.length > 0) return undefined;
      const bytes = Buffer.from(payload, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      try {
        const plain = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return plain.toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
