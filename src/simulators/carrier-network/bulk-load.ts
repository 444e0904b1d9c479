/**
 * Bulk loading of subscriber registries: PostgreSQL's COPY (streamed, millions of rows) or batched inserts on
 * PGlite. The ID-number index is rebuilt after a large load, which is far faster than maintaining it row by
 * row, and the table is analysed so the planner keeps using the indexes.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlDatabase } from '../../lib/database.ts';
import { type SubscriberInput, subscriberRow } from './registry.ts';
import type { CarrierTables, SubscribersTable } from './schema.ts';

const COLUMNS = [
  'phone_number',
  'carrier',
  'status',
  'full_name',
  'birth_date',
  'id_type',
  'id_number',
  'id_issue_date',
  'id_issue_place',
  'activated_at',
  'sim_changed_at',
] as const;

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : '');

const toRow = (s: SubscriberInput) => subscriberRow(s, new Date());

/** One CSV line of the COPY format for a subscriber (empty field = NULL). */
export function copyLine(s: SubscriberInput): string {
  const r = toRow(s);
  return `${[r.phone_number, r.carrier, r.status, quote(r.full_name), r.birth_date, r.id_type, r.id_number, r.id_issue_date, quote(r.id_issue_place), iso(r.activated_at), iso(r.sim_changed_at)].join(',')}\n`;
}

export type LoadProgress = (loaded: number) => void;

/** Streams subscribers into the registry; returns how many rows were loaded. */
export async function bulkLoad(
  target: { database: SqlDatabase; url: string | undefined },
  rows: AsyncIterable<SubscriberInput> | Iterable<SubscriberInput>,
  progress: LoadProgress,
): Promise<number> {
  const db = target.database.as();
  const typed = target.database.as<CarrierTables>();
  await sql`drop index if exists carrier_network.subscribers_id_number`.execute(db);
  let loaded = 0;
  try {
    if (target.url) {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const copy = client.query(
          copyFrom(`copy carrier_network.subscribers (${COLUMNS.join(',')}) from stdin with (format csv)`),
        );
        // Thousands of rows per write: one network write per row would make the pipeline the bottleneck.
        async function* chunks() {
          let chunk = '';
          let inChunk = 0;
          for await (const row of rows) {
            chunk += copyLine(row);
            loaded++;
            if (++inChunk === 5000) {
              yield chunk;
              progress(loaded);
              chunk = '';
              inChunk = 0;
            }
          }
          if (chunk) yield chunk;
        }
        await pipeline(Readable.from(chunks()), copy);
      } finally {
        await client.end();
      }
    } else {
      let batch: SubscribersTable[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await typed
          .insertInto('carrier_network.subscribers')
          .values(batch)
          .onConflict((c) => c.column('phone_number').doNothing())
          .execute();
        batch = [];
        progress(loaded);
      };
      for await (const row of rows) {
        batch.push(toRow(row));
        loaded++;
        if (batch.length === 1000) await flush();
      }
      await flush();
    }
    progress(loaded);
  } finally {
    await sql`create index if not exists subscribers_id_number on carrier_network.subscribers (id_number)`.execute(
      db,
    );
    await sql`analyze carrier_network.subscribers`.execute(db);
  }
  return loaded;
}
