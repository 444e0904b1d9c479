/**
 * Where PostID's provider keeps its short-lived models (sessions, interactions, codes, tokens, grants): in this
 * process's memory. PostID is one simulator process in dev, and a restart signing everybody out of PostID is what
 * a simulator may do; what must survive a restart (accounts, keys) is in its schema. Expired entries are swept as
 * they are found and every minute.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

export class MemoryModels {
  readonly #entries = new Map<string, Entry>();
  readonly #index = new Map<string, string>();
  readonly #sweep: NodeJS.Timeout;

  constructor() {
    this.#sweep = setInterval(() => this.#removeExpired(), 60_000);
    this.#sweep.unref();
  }

  adapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    const find = async (id: string) => this.#get(key(id));
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
        this.#entries.set(key(id), { payload, expiresAt });
        if (payload.uid) this.#index.set(`${model}:uid:${payload.uid}`, key(id));
        if (payload.userCode) this.#index.set(`${model}:userCode:${payload.userCode}`, key(id));
        if (payload.grantId) this.#index.set(`grant:${payload.grantId}:${key(id)}`, key(id));
      },
      find,
      findByUid: async (uid) => this.#get(this.#index.get(`${model}:uid:${uid}`)),
      findByUserCode: async (userCode) => this.#get(this.#index.get(`${model}:userCode:${userCode}`)),
      consume: async (id) => {
        const entry = this.#entries.get(key(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        const prefix = `grant:${grantId}:`;
        for (const [indexKey, entryKey] of this.#index) {
          if (!indexKey.startsWith(prefix)) continue;
          this.#entries.delete(entryKey);
          this.#index.delete(indexKey);
        }
      },
    };
  }

  close(): void {
    clearInterval(this.#sweep);
    this.#entries.clear();
    this.#index.clear();
  }

  #get(key: string | undefined): AdapterPayload | undefined {
    if (key === undefined) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  #removeExpired() {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    for (const [indexKey, entryKey] of this.#index)
      if (!this.#entries.has(entryKey)) this.#index.delete(indexKey);
  }
}
