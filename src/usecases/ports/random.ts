/** Randomness as the use cases see it: a CSPRNG in production, replaceable in tests. */
import { randomBytes, randomInt } from 'node:crypto';

export interface Random {
  /** A uniformly random integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** An unguessable identifier (URL-safe, 128 bits or more). */
  token(bytes?: number): string;
}

export const cryptoRandom: Random = {
  int: (maxExclusive) => randomInt(maxExclusive),
  token: (bytes = 18) => randomBytes(bytes).toString('base64url'),
};
