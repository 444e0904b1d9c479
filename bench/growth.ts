/**
 * How cost grows: fills the bench's scratch database to a given number of portal accounts and carrier
 * subscribers between measurements.
 *
 * Accounts: synthetic rows inserted by one `insert … select generate_series` straight into the portal's
 * `accounts` table. They are never signed into, so they only have to be well-formed: blind indexes are
 * base64url SHA-256 digests (43 characters, like the portal's HMAC-SHA-256 indexes, and unable to collide
 * with them: they are made from a different input), the encrypted columns have the portal's
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` shape with key id `synthetic`, and every row carries the same real
 * Argon2id hash of a random password. What they exercise is what a real population exercises on start:
 * the unique index on `id_number_index` that answers "does an account exist?".
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
      const enc = (field: string) =>
        `'v1.synthetic.' || left(${b64(`'iv:${field}:' || i`)}, 16) || '.' || left(${b64(`'tag:${field}:' || i`)}, 22) || '.' || ${b64(`'${field}:' || i`)}`;
      await client.query(
        `insert into accounts (id, id_number_index, id_number_enc, full_name_enc, birth_date_enc, phone_index,
           phone_enc, registration_method, password_hash, created_at, password_changed_at)
         select gen_random_uuid(), ${b64(`'synthetic-id:' || i`)}, ${enc('id')}, ${enc('name')}, ${enc('birth')},
           ${b64(`'synthetic-phone:' || i`)}, ${enc('phone')}, 'mobile', $3, now(), now()
         from generate_series($1::bigint, $2::bigint) as i`,
        [current, target - 1, passwordHash],
      );
      await client.query('analyze accounts');
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
