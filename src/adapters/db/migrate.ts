/** Runs the portal's migrations (in order, each once, recorded in `portal_migrations`) at start-up. */
import type { Kysely, Migration } from 'kysely';
import { runMigrations } from '../../lib/migrations.ts';
import * as initial from './migrations/0001-initial.ts';
import * as identityAndCredentials from './migrations/0002-identity-and-credentials.ts';
import * as oidcGrants from './migrations/0003-oidc-grants.ts';
import * as oneLiveRegistration from './migrations/0004-one-live-registration.ts';
import * as organisationsAndCredentials from './migrations/0005-organisations-and-credentials.ts';
import * as awaitingSignature from './migrations/0006-awaiting-signature.ts';
import * as unverifiedContacts from './migrations/0007-unverified-contacts.ts';

/** In order; exported so a test can stop at an earlier version and upgrade a database that holds data. */
export const portalMigrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-identity-and-credentials': identityAndCredentials,
  '0003-oidc-grants': oidcGrants,
  '0004-one-live-registration': oneLiveRegistration,
  '0005-organisations-and-credentials': organisationsAndCredentials,
  '0006-awaiting-signature': awaitingSignature,
  '0007-unverified-contacts': unverifiedContacts,
};

export async function migratePortal(db: Kysely<unknown>): Promise<void> {
  await runMigrations(db, {
    label: 'portal',
    migrations: portalMigrations,
    historyTable: 'portal_migrations',
  });
}
