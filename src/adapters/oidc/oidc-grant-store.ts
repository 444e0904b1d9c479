/**
 * oidc-provider's Grant model in PostgreSQL/PGlite (migration 0003): what a citizen allowed each client, kept
 * across sessions so a later request for the same or fewer scopes asks nothing, and listed on the account page
 * where the citizen can withdraw it. One statement per operation.
 */
import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../usecases/ports/clock.ts';
import type { ConnectedService, GrantRepository } from '../../usecases/ports/grants.ts';

export interface OidcGrantsTable {
  id: string;
  account_id: string;
  client_id: string;
  payload: AdapterPayload;
  created_at: Date;
  expires_at: Date;
}

interface OidcTables {
  oidc_grants: OidcGrantsTable;
}

export type GrantStore = Adapter & GrantRepository;

/** Grants that never expire by themselves are kept a year, then asked for again. */
const DEFAULT_GRANT_TTL_S = 365 * 24 * 3600;

export function createGrantStore(db: Kysely<OidcTables>, clock: Clock): GrantStore {
  const now = () => clock.now();
  return {
    async upsert(id, payload, expiresIn) {
      const expiresAt = new Date(now().getTime() + (expiresIn ?? DEFAULT_GRANT_TTL_S) * 1000);
      await db
        .insertInto('oidc_grants')
        .values({
          id,
          account_id: payload.accountId ?? '',
          client_id: payload.clientId ?? '',
          payload: JSON.stringify(payload) as unknown as AdapterPayload,
          created_at: now(),
          expires_at: expiresAt,
        })
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet({
            payload: JSON.stringify(payload) as unknown as AdapterPayload,
            expires_at: expiresAt,
          }),
        )
        .execute();
    },

    async find(id) {
      const row = await db
        .selectFrom('oidc_grants')
        .select('payload')
        .where('id', '=', id)
        .where('expires_at', '>', now())
        .executeTakeFirst();
      return row ? parsed(row.payload) : undefined;
    },

    async findByUid() {
      return undefined;
    },

    async findByUserCode() {
      return undefined;
    },

    async consume() {
      // Grants are never consumed; only codes and tokens are.
    },

    async destroy(id) {
      await db.deleteFrom('oidc_grants').where('id', '=', id).execute();
    },

    async revokeByGrantId(grantId) {
      await db.deleteFrom('oidc_grants').where('id', '=', grantId).execute();
    },

    async listOf(accountId) {
      const rows = await db
        .selectFrom('oidc_grants')
        .select(['id', 'client_id', 'payload', 'created_at'])
        .where('account_id', '=', accountId)
        .where('expires_at', '>', now())
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(
        (row): ConnectedService => ({
          grantId: row.id,
          clientId: row.client_id,
          scopes: scopesOf(parsed(row.payload)),
          grantedAt: new Date(row.created_at),
        }),
      );
    },

    async withdraw(accountId, grantId) {
      const result = await db
        .deleteFrom('oidc_grants')
        .where('id', '=', grantId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

/** PGlite hands jsonb back parsed; a driver configured otherwise may hand back text. */
function parsed(payload: AdapterPayload | string): AdapterPayload {
  return typeof payload === 'string' ? (JSON.parse(payload) as AdapterPayload) : payload;
}

function scopesOf(payload: AdapterPayload): string[] {
  const granted = (payload as { openid?: { scope?: string } }).openid?.scope ?? '';
  return granted.split(' ').filter(Boolean);
}
