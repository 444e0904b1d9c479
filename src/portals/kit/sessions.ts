/**
 * The portal's sessions, server-side in this process's memory, keyed by a random id the browser carries in a
 * signed cookie. Enough for a portal process: a portal is small, and losing its sessions on restart only means
 * citizens sign in again (single sign-on at the hub makes that one click). Several processes of one portal
 * behind a balancer would need a shared store behind this same interface.
 *
 * Indexed by the hub's session id (`sid`) and subject (`sub`), so a back-channel logout ends every portal
 * session the hub's session opened.
 */
import { randomBytes } from 'node:crypto';

/** An authorization this browser started and has not finished: what the callback must find again. */
export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go once signed in: a path of this portal. */
  returnTo: string;
  /** The assurance level asked for (`acr_values`), when one was. */
  acr?: string;
  startedAt: number;
}

/** What the hub told the portal about the signed-in citizen. */
export interface SignedInCitizen {
  sub: string;
  sid: string | undefined;
  acr: string | undefined;
  amr: string[];
  authTime: number | undefined;
  /** Userinfo (the claims of the granted scopes). */
  claims: Record<string, unknown>;
  /** Kept for RP-initiated logout's `id_token_hint`. */
  idToken: string;
}

/** A form's answer kept for the next page (post/redirect/get): errors and what was typed. */
export interface FormFlash {
  errors: Record<string, string>;
  entries: Record<string, string>;
}

export interface PortalSession {
  id: string;
  /** The token every form of this session carries (CSRF). */
  csrfToken: string;
  pending: PendingAuthorization | undefined;
  citizen: SignedInCitizen | undefined;
  flash: FormFlash | undefined;
  /** The last request a service received from this session: its receipt page shows it. */
  receipt: { slug: string; reference: string } | undefined;
  lastSeen: number;
}

export interface SessionStoreOptions {
  now: () => number;
  /** An idle session ends after this. */
  idleMs: number;
  /** A sign-in not finished within this is forgotten. */
  pendingMs: number;
  /** At most this many sessions; the longest idle go first (anonymous visitors cannot exhaust memory). */
  maxSessions: number;
}

export const DEFAULT_SESSION_OPTIONS: Omit<SessionStoreOptions, 'now'> = {
  idleMs: 8 * 60 * 60 * 1000,
  pendingMs: 10 * 60 * 1000,
  maxSessions: 100_000,
};

const newId = () => randomBytes(24).toString('base64url');

export class MemorySessionStore {
  // Insertion order is recency order: a touched session is re-inserted, so the first is the longest idle.
  readonly #sessions = new Map<string, PortalSession>();
  readonly #byHubSession = new Map<string, Set<string>>();

  constructor(private readonly options: SessionStoreOptions) {}

  get size(): number {
    return this.#sessions.size;
  }

  create(): PortalSession {
    while (this.#sessions.size >= this.options.maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    const session: PortalSession = {
      id: newId(),
      csrfToken: newId(),
      pending: undefined,
      citizen: undefined,
      flash: undefined,
      receipt: undefined,
      lastSeen: this.options.now(),
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session of this id (its idle time restarts), or undefined. */
  get(id: string): PortalSession | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.options.now();
    if (now - session.lastSeen > this.options.idleMs) {
      this.delete(id);
      return undefined;
    }
    if (session.pending && now - session.pending.startedAt > this.options.pendingMs)
      session.pending = undefined;
    session.lastSeen = now;
    this.#sessions.delete(id);
    this.#sessions.set(id, session);
    return session;
  }

  signIn(session: PortalSession, citizen: SignedInCitizen): void {
    this.#unindex(session);
    session.citizen = citizen;
    // A new sign-in gets a new CSRF token: a token seen before it is worth nothing after.
    session.csrfToken = newId();
    for (const key of hubKeys(citizen)) {
      const ids = this.#byHubSession.get(key) ?? new Set<string>();
      ids.add(session.id);
      this.#byHubSession.set(key, ids);
    }
  }

  delete(id: string): void {
    const session = this.#sessions.get(id);
    if (!session) return;
    this.#unindex(session);
    this.#sessions.delete(id);
  }

  /**
   * Back-channel logout: ends the sessions of this hub session (`sid`), or every session of the citizen when
   * the hub names only the subject. Returns how many ended.
   */
  endHubSession(logout: { sid: string | undefined; sub: string | undefined }): number {
    const key = logout.sid ? `sid:${logout.sid}` : `sub:${logout.sub}`;
    const ids = [...(this.#byHubSession.get(key) ?? [])];
    // With both, a session must match both (the sid of another citizen's session ends nothing of this one's).
    const matching = ids.filter((id) => {
      const citizen = this.#sessions.get(id)?.citizen;
      return citizen && (!logout.sub || citizen.sub === logout.sub);
    });
    for (const id of matching) this.delete(id);
    return matching.length;
  }

  #unindex(session: PortalSession): void {
    if (!session.citizen) return;
    for (const key of hubKeys(session.citizen)) {
      const ids = this.#byHubSession.get(key);
      ids?.delete(session.id);
      if (ids?.size === 0) this.#byHubSession.delete(key);
    }
  }
}

function hubKeys(citizen: SignedInCitizen): string[] {
  return [`sub:${citizen.sub}`, ...(citizen.sid ? [`sid:${citizen.sid}`] : [])];
}
