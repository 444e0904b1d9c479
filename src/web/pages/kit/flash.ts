/**
 * What one request leaves for the next page after a redirect (post/redirect/get): field errors, the
 * entries to show again, a notice. Kept in a short-lived cookie, encrypted and authenticated with the
 * portal's data key because it may hold personal entries; read once, then cleared. Passwords, codes and
 * captcha answers are never put in it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PersonalDataProtector } from '../../../usecases/ports/protection.ts';

export interface PageError {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface Flash {
  errors?: PageError[];
  values?: Record<string, string>;
  /** A key of the page catalog, "section.key", with its parameters. */
  notice?: { key: string; params?: Record<string, string | number> };
}

const COOKIE = 'flash';
const MAX_AGE_SECONDS = 300;

export function createFlash(protector: PersonalDataProtector, secure: boolean) {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  return {
    set(reply: FastifyReply, flash: Flash) {
      reply.setCookie(COOKIE, protector.encrypt(JSON.stringify(flash)), {
        ...options,
        maxAge: MAX_AGE_SECONDS,
      });
    },
    take(request: FastifyRequest, reply: FastifyReply): Flash {
      const sealed = request.cookies[COOKIE];
      if (!sealed) return {};
      reply.clearCookie(COOKIE, options);
      try {
        return JSON.parse(protector.decrypt(sealed)) as Flash;
      } catch {
        return {}; // tampered, from an older key, or cut short: nothing to show
      }
    },
  };
}

export type FlashStore = ReturnType<typeof createFlash>;
