/**
 * Argon2id password hashing with OWASP's parameters (19 MiB, t=2, p=1) through @node-rs/argon2, whose
 * work runs on libuv's thread pool, off the event loop. The PHC string keeps the parameters with each
 * hash, so they can be raised later and old hashes upgraded at sign-in.
 */
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2's Algorithm is an ambient const enum; 2 is its Argon2id.
const ARGON2ID = 2;

import type { PasswordHasher } from '../../usecases/ports/protection.ts';

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const OWASP_ARGON2ID: Argon2Parameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function createArgon2PasswordHasher(parameters: Argon2Parameters = OWASP_ARGON2ID): PasswordHasher {
  return {
    hash: (password) => hash(password, { algorithm: ARGON2ID, ...parameters }),
    verify: async (phc, password) => {
      try {
        return await verify(phc, password);
      } catch {
        return false;
      }
    },
    needsRehash(phc) {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
      if (!match) return true;
      const [m, t, p] = match.slice(1).map(Number) as [number, number, number];
      return m < parameters.memoryCost || t < parameters.timeCost || p < parameters.parallelism;
    },
  };
}
