/**
 * Server-side sessions in the ephemeral store, shared by every portal process. The cookie carries an opaque
 * random token; the store keys on its keyed hash, so a store dump reveals no usable session. Sessions end
 * after 30 idle minutes or 12 hours in all, by the injected clock. Ending all of an account's sessions
 * bumps the account's session generation: older sessions stop being valid at once.
 */
import type { Clock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';
import type { Random } from '../ports/random.ts';

export interface SessionRules {
  idleTimeoutMs: number;
  absoluteLifetimeMs: number;
}

export const DEFAULT_SESSION_RULES: SessionRules = {
  idleTimeoutMs: 30 * 60_000,
  absoluteLifetimeMs: 12 * 3_600_000,
};

/** How the citizen proved who they are in this session: what the hub's ID tokens carry as amr, acr, auth_time. */
export interface Authentication {
  /** RFC 8176 method references: `pwd`, `otp`, `sms`, `hwk`, `swk`, `fed`. */
  amr: string[];
  /** `LoA1`: one factor; `LoA2`: two factors or a certificate signature (hub.md). */
  acr: 'LoA1' | 'LoA2';
}

export const PASSWORD_SIGN_IN: Authentication = { amr: ['pwd'], acr: 'LoA1' };

/** Signed in through an external identity provider (PostID): one factor, the provider's. */
export const FEDERATED_SIGN_IN: Authentication = { amr: ['fed'], acr: 'LoA1' };

/**
 * Signed in with a certificate's signature on a hardware token, SIM or remote signer: possession of the key
 * and the PIN that unlocks it, which hub.md counts as LoA2.
 */
export const CERTIFICATE_SIGN_IN: Authentication = { amr: ['hwk'], acr: 'LoA2' };

interface StoredSession extends Authentication {
  accountId: string;
  /** When the citizen last authenticated (epoch ms). */
  authTime: number;
  createdAt: number;
  lastSeenAt: number;
  generation: number;
}

export interface Session extends Authentication {
  token: string;
  accountId: string;
  authTime: Date;
  expiresAt: Date;
}

export interface Sessions {
  /** A new session; `authenticatedAt` (default now) is when the citizen proved it, if that was earlier. */
  create(accountId: string, authentication: Authentication, authenticatedAt?: Date): Promise<Session>;
  /** The session behind a token, refreshed (sliding idle timeout); undefined when absent or ended. */
  resume(token: string): Promise<Session | undefined>;
  end(token: string): Promise<void>;
  /** Ends every session of the account (password recovered or changed). */
  endAllOf(accountId: string): Promise<void>;
}

export function createSessions(deps: {
  store: EphemeralStore;
  protector: PersonalDataProtector;
  random: Random;
  clock: Clock;
  rules?: SessionRules;
}): Sessions {
  const rules = deps.rules ?? DEFAULT_SESSION_RULES;
  const key = (token: string) => `session:${deps.protector.blindIndex('session', token)}`;
  const generationKey = (accountId: string) => `session-generation:${accountId}`;
  // Kept longer than any session lives, so a bump outlasts every session it ended.
  const generationWindowMs = rules.absoluteLifetimeMs + 3_600_000;
  const generationOf = async (accountId: string) =>
    Number((await deps.store.get(generationKey(accountId))) ?? 0);
  const expiry = (session: StoredSession) =>
    Math.min(session.lastSeenAt + rules.idleTimeoutMs, session.createdAt + rules.absoluteLifetimeMs);

  const view = (token: string, session: StoredSession): Session => ({
    token,
    accountId: session.accountId,
    // Sessions stored before sessions recorded how the citizen signed in were all password sign-ins.
    amr: session.amr ?? PASSWORD_SIGN_IN.amr,
    acr: session.acr ?? PASSWORD_SIGN_IN.acr,
    authTime: new Date(session.authTime ?? session.createdAt),
    expiresAt: new Date(expiry(session)),
  });

  const save = async (token: string, session: StoredSession) => {
    const ttl = expiry(session) - deps.clock.now().getTime();
    await deps.store.set(key(token), JSON.stringify(session), Math.max(1, ttl));
  };

  return {
    async create(accountId, authentication, authenticatedAt) {
      const now = deps.clock.now().getTime();
      const token = deps.random.token(32);
      const session: StoredSession = {
        accountId,
        amr: authentication.amr,
        acr: authentication.acr,
        authTime: Math.min(authenticatedAt?.getTime() ?? now, now),
        createdAt: now,
        lastSeenAt: now,
        generation: await generationOf(accountId),
      };
      await save(token, session);
      return view(token, session);
    },

    async resume(token) {
      if (!/^[\w-]{20,100}$/.test(token)) return undefined;
      const raw = await deps.store.get(key(token));
      if (!raw) return undefined;
      const session = JSON.parse(raw) as StoredSession;
      const now = deps.clock.now().getTime();
      if (expiry(session) <= now || session.generation !== (await generationOf(session.accountId))) {
        await deps.store.delete(key(token));
        return undefined;
      }
      session.lastSeenAt = now;
      await save(token, session);
      return view(token, session);
    },

    async end(token) {
      if (/^[\w-]{20,100}$/.test(token)) await deps.store.delete(key(token));
    },

    async endAllOf(accountId) {
      await deps.store.increment(generationKey(accountId), generationWindowMs);
    },
  };
}
