/**
 * A round trip to PostID, held by the hub between the redirect and the callback: the OpenID secrets (state, nonce,
 * PKCE verifier), what the trip is for, and, for a link, the account it links to. The browser carries only a
 * random handle (in an HttpOnly cookie); the store keys on its keyed hash, so a store dump opens nothing. Taken
 * once (get-and-delete): a callback replayed, or two racing, find nothing the second time.
 */
import type { Clock } from '../../../usecases/ports/clock.ts';
import type { EphemeralStore } from '../../../usecases/ports/ephemeral-store.ts';
import type { FederationTransaction } from '../../../usecases/ports/federated-identity-provider.ts';
import type { PersonalDataProtector } from '../../../usecases/ports/protection.ts';
import type { Random } from '../../../usecases/ports/random.ts';

/** Register (or create on sign-in when nothing is linked), sign in, or link to the signed-in account. */
export type Purpose = 'register' | 'sign-in' | 'link';

export interface StoredTrip extends FederationTransaction {
  purpose: Purpose;
  /** The account a link is for; the callback must come back to a session of that account. */
  accountId?: string;
  /** Where a successful sign-in goes on (a portal's interaction, or a page that asked for a fresh sign-in). */
  returnTo?: string;
  startedAt: number;
}

/** Long enough to sign up at PostID on the way, short enough that a forgotten tab holds nothing for long. */
export const TRIP_TTL_MS = 15 * 60_000;

export interface TripDependencies {
  store: EphemeralStore;
  protector: PersonalDataProtector;
  random: Random;
  clock: Clock;
}

export function createTrips(deps: TripDependencies) {
  const key = (namespace: string, handle: string) =>
    `vnpost-${namespace}:${deps.protector.blindIndex('vnpost-handle', handle)}`;
  const HANDLE = /^[\w-]{20,100}$/;

  return {
    key,
    validHandle: (handle: string | undefined): handle is string =>
      handle !== undefined && HANDLE.test(handle),

    async open(trip: Omit<StoredTrip, keyof FederationTransaction | 'startedAt'>) {
      const handle = deps.random.token(32);
      const stored: StoredTrip = {
        ...trip,
        state: deps.random.token(32),
        nonce: deps.random.token(32),
        // RFC 7636: 43 to 128 characters of the unreserved set; 48 random bytes in base64url are 64.
        codeVerifier: deps.random.token(48),
        startedAt: deps.clock.now().getTime(),
      };
      await deps.store.set(key('trip', handle), JSON.stringify(stored), TRIP_TTL_MS);
      return { handle, trip: stored };
    },

    /** The trip of this handle, once; undefined when unknown, already used or expired. */
    async take(handle: string | undefined): Promise<StoredTrip | undefined> {
      if (handle === undefined || !HANDLE.test(handle)) return undefined;
      const raw = await deps.store.take(key('trip', handle));
      if (!raw) return undefined;
      const trip = JSON.parse(raw) as StoredTrip;
      return trip.startedAt + TRIP_TTL_MS > deps.clock.now().getTime() ? trip : undefined;
    },
  };
}

export type Trips = ReturnType<typeof createTrips>;
