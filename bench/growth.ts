/**
 * How cost grows: fills the bench's scratch database to a given number of portal accounts and carrier
 * subscribers between measurements.
 *
 * Accounts: synthetic rows inserted by one `insert … select generate_series` straight into the portal's
 * `accounts` table, with their credential, contact and claim rows. They are never signed into, so they only have to be well-formed: blind indexes are
 * base64url SHA-256 digests (43 characters, like the portal's HMAC-SHA-256 indexes, and unable to collide
 * with them: they are made from a different input), the encrypted columns have the portal's
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` shape with key id `synthetic`, and every row carries the same real
 * Argon2id hash of a random password. What they exercise is what a real population exercises on start:
 * the unique index on `subject_index` that answers "does an account exist?".
 *
 * Subscribers: the carrier network's own bulk loader (`npm run carrier -- generate --from K --count N`,
 * streamed COPY), the same deterministic population the journeys draw their identities from.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const b64 = (expression: string) =>
  `rtrim(translate(encode(sha256(convert_to(${expression}, 'UTF8')), 'base64'), '+/', '-_'), '=')`;

/** Tops the portal's accounts up to `target` rows with synthetic ones; returns the row count after. */
export async function fillAccounts(url: string, target: number, passwordHash: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const current = Number((await client.query('select count(*) as n from accounts')).rows[0].n);
    if (current < target) {
      /** The encrypted column's shape, made from `row` (the series number, or a column of the new row). */
      const enc = (field: string, row = 'i') =>
        `'v1.synthetic.' || left(${b64(`'iv:${field}:' || ${row}`)}, 16) || '.' || left(${b64(`'tag:${field}:' || ${row}`)}, 22) || '.' || ${b64(`'${field}:' || ${row}`)}`;
      // One statement: each synthetic account with its password credential, verified phone and the claims a
      // mobile registration records, as the shared tail writes them.
      await client.query(
        `with account as (
           insert into accounts (id, kind, subject_index, id_number_enc, full_name_enc, birth_date_enc,
             registration_method, created_at)
           select gen_random_uuid(), 'citizen', ${b64(`'synthetic-id:' || i`)}, ${enc('id')}, ${enc('name')},
             ${enc('birth')}, 'mobile', now()
           from generate_series($1::bigint, $2::bigint) as i
           returning id, subject_index
         ), credential as (
           insert into credentials (id, account_id, type, identifier, secret, created_at, updated_at)
           select gen_random_uuid(), id, 'password', id::text, $3, now(), now() from account
         ), contact as (
           insert into account_contacts (account_id, kind, value_index, value_enc, verified_at)
           select id, 'phone', ${b64("'synthetic-phone:' || subject_index")}, ${enc('phone', 'subject_index')}, now()
           from account
         )
         insert into account_identity_claims (account_id, claim, source, level, verified_at)
         select account.id, c.claim, 'CARRIER', 2, now()
         from account cross join (values ('idNumber'), ('fullName'), ('birthDate'), ('phoneNumber')) as c(claim)`,
        [current, target - 1, passwordHash],
      );
      for (const table of ['accounts', 'credentials', 'account_contacts', 'account_identity_claims'])
        await client.query(`analyze ${table}`);
    }
    return Number((await client.query('select count(*) as n from accounts')).rows[0].n);
  } finally {
    await client.end();
  }
}

/** Loads generated subscribers numbered [from, to) with the carrier CLI; returns the seconds it took. */
export function loadSubscribers(url: string, from: number, to: number): number {
  if (to <= from) return 0;
  const started = performance.now();
  const load = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/simulators/carrier-network/cli.ts',
      'generate',
      '--from',
      String(from),
      '--count',
      String(to - from),
    ],
    { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (load.status !== 0) throw new Error(load.stderr);
  return (performance.now() - started) / 1000;
}
