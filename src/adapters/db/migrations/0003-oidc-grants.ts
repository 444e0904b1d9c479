/**
 * Portal schema v3: the OpenID Provider's grants, what a citizen allowed a client (a portal) to receive. They
 * outlive sessions and are listed and withdrawn on the account page, so they are durable rows, unlike the
 * provider's short-lived artefacts (codes, tokens, sessions), which live in the ephemeral store.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // The provider's own record of the grant (scopes, claims, resources), kept as it hands it over.
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oidc_grants_account')
    .on('oidc_grants')
    .columns(['account_id', 'client_id'])
    .execute();
}
