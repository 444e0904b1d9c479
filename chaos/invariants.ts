/**
 * The invariants, checked from the suite's own PostgreSQL after every phase: what the clients were told
 * must match the rows. A broken invariant makes the run exit non-zero.
 */
import { createHmac } from 'node:crypto';
import { looksLikeTaxCode } from '../src/domain/tax-code.ts';
import type { Cluster } from './cluster.ts';
import type { Facts } from './recorder.ts';

export interface Check {
  name: string;
  /** Invariants are about data and limits; the rest (unclean 5xx, recovery) are expectations. */
  invariant: boolean;
  ok: boolean;
  detail: string;
}

/** The portal's blind index of an ID number (HMAC of purpose and value), to find rows without decrypting. */
export function idNumberIndex(hmacKey: Buffer, idNumber: string): string {
  return createHmac('sha256', hmacKey).update(`id\u0000${idNumber}`).digest('base64url');
}

/** The subject index of an account: an ID number's, or an organisation's tax code's (its own namespace). */
function subjectIndex(hmacKey: Buffer, subject: string): string {
  return looksLikeTaxCode(subject)
    ? createHmac('sha256', hmacKey).update(`tax-code\u0000${subject}`).digest('base64url')
    : idNumberIndex(hmacKey, subject);
}

export async function rowInvariants(cluster: Cluster, facts: Facts): Promise<Check[]> {
  const answered = [...facts.accountsAnswered.keys()];
  const found = await cluster.postgres.query<{ id: string }>(
    'select id from accounts where id = any($1::uuid[])',
    [answered],
  );
  const lost = answered.length - found.length;
  const duplicated = await cluster.postgres.query<{ n: string }>(
    'select count(*) as n from (select subject_index from accounts group by 1 having count(*) > 1) d',
  );
  const behindFiveXx = [...facts.passwordFiveXx].map((id) => idNumberIndex(cluster.hmacKey, id));
  const saved = await cluster.postgres.query<{ n: string }>(
    'select count(*) as n from accounts where subject_index = any($1::text[])',
    [behindFiveXx],
  );
  const refused = [...facts.startsRefusedByOutage].map((id) => subjectIndex(cluster.hmacKey, id));
  const halfWritten = await cluster.postgres.query<{ n: string }>(
    `select (select count(*) from registrations where subject_index = any($1::text[]))
          + (select count(*) from accounts where subject_index = any($1::text[])) as n`,
    [refused],
  );
  return [
    {
      name: 'no account lost',
      invariant: true,
      ok: lost === 0,
      detail: `${found.length}/${answered.length} accounts answered 201 have their row`,
    },
    {
      name: 'no account duplicated',
      invariant: true,
      ok: Number(duplicated[0]?.n) === 0,
      detail: `${duplicated[0]?.n} ID numbers with more than one row`,
    },
    {
      name: 'nothing saved behind a 5xx',
      invariant: true,
      ok: Number(saved[0]?.n) === 0,
      detail: `${saved[0]?.n} rows for ${behindFiveXx.length} password submissions answered 5xx`,
    },
    {
      name: 'nothing half-written behind a partner 503',
      invariant: true,
      ok: Number(halfWritten[0]?.n) === 0,
      detail: `${halfWritten[0]?.n} registration or account rows for ${refused.length} starts refused because a partner was out`,
    },
  ];
}
