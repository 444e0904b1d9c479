/**
 * `npm run carrier -- generate --count N [--from K]` loads N deterministic subscribers (numbered from K);
 * `npm run carrier -- import FILE.csv` loads a CSV with the header
 * phoneNumber,carrier,status,fullName,birthDate,idType,idNumber,idIssueDate,idIssuePlace,simChangedAt.
 * Uses DATABASE_URL (COPY into PostgreSQL) or PGlite in DATA_DIR, with a progress bar on stderr.
 */
import { createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse';
import { openDatabase } from '../../lib/database.ts';
import { bulkLoad } from './bulk-load.ts';
import type { IdType, SubscriberInput } from './registry.ts';
import { migrateCarrierNetwork } from './schema.ts';
import { generatedSubscriber, MAX_GENERATED } from './seed.ts';

function* generate(from: number, count: number, now: Date): Generator<SubscriberInput> {
  for (let i = from; i < from + count; i++) yield generatedSubscriber(i, now);
}

async function* readCsv(file: string): AsyncGenerator<SubscriberInput> {
  const parser = createReadStream(file).pipe(parse({ columns: true, trim: true, skip_empty_lines: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    yield {
      phoneNumber: record.phoneNumber ?? '',
      ...(record.carrier && { carrier: record.carrier as SubscriberInput['carrier'] }),
      status: record.status === 'inactive' ? 'inactive' : 'active',
      fullName: record.fullName ?? '',
      birthDate: record.birthDate ?? '',
      idType: (record.idType ?? 'CCCD') as IdType,
      idNumber: record.idNumber ?? '',
      idIssueDate: record.idIssueDate ?? '',
      idIssuePlace: record.idIssuePlace ?? '',
      simChangedAt: record.simChangedAt || null,
    };
  }
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  const value = index >= 0 ? Number(args[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} takes a whole number`);
  return value;
}

async function main(args: string[]) {
  const [command, argument] = args;
  if (command !== 'generate' && command !== 'import') {
    process.stderr.write('usage: npm run carrier -- generate --count N [--from K] | import FILE.csv\n');
    process.exit(2);
  }
  const url = process.env.DATABASE_URL || undefined;
  const database = await openDatabase({
    url,
    dataDir: url ? undefined : join(resolve(process.env.DATA_DIR ?? './data'), 'pglite'),
  });
  await migrateCarrierNetwork(database.as());
  const count = command === 'generate' ? option(args, '--count', 1000) : 0;
  const from = command === 'generate' ? option(args, '--from', 0) : 0;
  if (from + count > MAX_GENERATED) throw new Error(`at most ${MAX_GENERATED} generated subscribers`);
  const bar = new SingleBar(
    {
      format: 'subscribers {bar} {percentage}% | {value}/{total} | {rate} rows/s | ETA {eta}s',
      hideCursor: true,
    },
    undefined,
  );
  bar.start(count || 1, 0, { rate: 0 });
  const started = Date.now();
  const rows = command === 'generate' ? generate(from, count, new Date()) : readCsv(argument ?? '');
  const loaded = await bulkLoad({ database, url }, rows, (n) => {
    const seconds = (Date.now() - started) / 1000;
    if (command === 'import') bar.setTotal(Math.max(n, 1));
    bar.update(n, { rate: Math.round(n / Math.max(seconds, 0.001)) });
  });
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `loaded ${loaded} subscribers in ${seconds.toFixed(1)} s (${Math.round(loaded / seconds)} rows/s, indexes rebuilt and analysed)\n`,
  );
  await database.close();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`carrier: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
