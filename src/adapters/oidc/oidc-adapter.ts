/**
 * Where oidc-provider keeps its models. Everything short-lived (sessions, interactions, codes, tokens, pushed
 * requests, registered clients in dev) goes to the ephemeral store, shared by every hub process (Redis in
 * production); grants go to PostgreSQL (oidc-grant-store.ts), because citizens list and withdraw them.
 *
 * Round trips dominate a sign-in's cost (implementation notes), so each operation is one store command, or
 * commands issued together (ioredis pipelines them): a `find` reads the record and its consumed mark at once.
 * Expiry is also checked against the injected clock, so tests expire codes without sleeping.
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../usecases/ports/clock.ts';
import type { EphemeralStore } from '../../usecases/ports/ephemeral-store.ts';
import type { GrantStore } from './oidc-grant-store.ts';

interface StoredRecord {
  payload: AdapterPayload;
  /** Epoch ms by the injected clock. */
  expiresAt: number;
}

/** A consumed mark outlives any code (60 s) or token it marks, so a late replay still finds it. */
const CONSUMED_MARK_TTL_MS = 24 * 3_600_000;
/** Models that never expire by themselves (a dynamically registered client) are kept this long in dev. */
const NO_EXPIRY_TTL_MS = 30 * 24 * 3_600_000;

export function oidcAdapterFactory(deps: {
  store: EphemeralStore;
  grants: GrantStore;
  clock: Clock;
}): AdapterFactory {
  return (model) => (model === 'Grant' ? deps.grants : ephemeralModel(model, deps.store, deps.clock));
}

function ephemeralModel(model: string, store: EphemeralStore, clock: Clock): Adapter {
  const key = (id: string) => `oidc:${model}:${id}`;
  const consumedKey = (id: string) => `oidc:${model}:consumed:${id}`;
  const uidKey = (uid: string) => `oidc:${model}:uid:${uid}`;
  // Per model: the provider revokes a grant model by model, each deleting what its own index names.
  const grantKey = (grantId: string) => `oidc:${model}:grant:${grantId}`;
  const now = () => clock.now().getTime();

  const find = async (id: string): Promise<AdapterPayload | undefined> => {
    const [raw, consumed] = await Promise.all([store.get(key(id)), store.get(consumedKey(id))]);
    if (!raw) return undefined;
    const record = JSON.parse(raw) as StoredRecord;
    if (record.expiresAt <= now()) return undefined;
    return consumed ? { ...record.payload, consumed: Number(consumed) } : record.payload;
  };

  return {
    async upsert(id, payload, expiresIn) {
      const ttlMs = expiresIn ? expiresIn * 1000 : NO_EXPIRY_TTL_MS;
      const record: StoredRecord = { payload, expiresAt: now() + ttlMs };
      const writes = [store.set(key(id), JSON.stringify(record), ttlMs)];
      if (payload.uid) writes.push(store.set(uidKey(payload.uid), id, ttlMs));
      // Revoking a grant (a replayed code, a withdrawn consent) ends every token it issued: the index says which.
      if (payload.grantId) writes.push(store.addToSet(grantKey(payload.grantId), id, ttlMs));
      await Promise.all(writes);
    },

    find,

    async findByUid(uid) {
      const id = await store.get(uidKey(uid));
      return id ? find(id) : undefined;
    },

    async findByUserCode() {
      // The device flow is off: no model has user codes.
      return undefined;
    },

    async consume(id) {
      await store.set(consumedKey(id), String(Math.floor(now() / 1000)), CONSUMED_MARK_TTL_MS);
    },

    async destroy(id) {
      const found = await find(id);
      await Promise.all([store.delete(key(id)), ...(found?.uid ? [store.delete(uidKey(found.uid))] : [])]);
    },

    async revokeByGrantId(grantId) {
      const ids = await store.membersOf(grantKey(grantId));
      await Promise.all([...ids.map((id) => store.delete(key(id))), store.delete(grantKey(grantId))]);
    },
  };
}
