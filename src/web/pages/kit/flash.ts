/**
 * What one request leaves for the next page after a redirect (post/redirect/get): field errors, the
 * entries to show again, a notice. Kept in a short-lived cookie, encrypted and authenticated with the
 * cookie key (never the personal-data key) because it may hold personal entries; read once, then cleared.
 * Passwords and codes are never put in it; a captcha answer only with its captcha, unchecked (a form sent back
 * for its fields keeps the captcha the citizen already solved).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Encrypts and authenticates a cookie's value (AES-256-GCM in src/adapters/crypto/cookie-sealer.ts). */
export interface CookieSealer {
  seal(value: string): string;
  /** The value, or undefined when the cookie was altered or sealed under another key. */
  open(sealed: string): string | undefined;
}

export interface PageError {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface Flash {
  errors?: PageError[];
  values?: Record<string, string>;
  /** A captcha that was not checked, and what the citizen typed for it: shown again while it is still live. */
  captcha?: { id: string; answer: string };
  /** A key of the page catalog, "section.key", with its parameters. */
  notice?: {
    key: string;
    params?: Record<string, string | number>;
    /** How the page shows it; each page has its default. */
    tone?: 'success' | 'info' | 'warning';
  };
}

const COOKIE = 'flash';
const MAX_AGE_SECONDS = 300;

export function createFlash(sealer: CookieSealer, secure: boolean) {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  return {
    set(reply: FastifyReply, flash: Flash) {
      reply.setCookie(COOKIE, sealer.seal(JSON.stringify(flash)), {
        ...options,
        maxAge: MAX_AGE_SECONDS,
      });
    },
    take(request: FastifyRequest, reply: FastifyReply): Flash {
      const sealed = request.cookies[COOKIE];
      if (!sealed) return {};
      reply.clearCookie(COOKIE, options);
      // Tampered, from an older key, or cut short: nothing to show. Once authenticated, it is JSON we wrote.
      const opened = sealer.open(sealed);
      return opened === undefined ? {} : (JSON.parse(opened) as Flash);
    },
  };
}

export type FlashStore = ReturnType<typeof createFlash>;
