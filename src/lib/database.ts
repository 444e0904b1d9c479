/**
 * One SQL connection for the process: PostgreSQL when a URL is given, else embedded PGlite in a folder
 * (or in memory). Portal and simulators share it and each types it with its own tables via `as<T>()`.
 * DATE columns come back as 'YYYY-MM-DD' strings on both engines, so no time zone can shift a birth date.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';

const DATE_OID = 1082;
const INT8_OID = 20;

export interface SqlDatabase {
  readonly engine: 'postgres' | 'pglite';
  /** The shared Kysely instance, typed with the caller's tables. */
  as<T>(): Kysely<T>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<SqlDatabase> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === DATE_OID) return (value: string) => value;
          if (oid === INT8_OID) return (value: string) => Number(value);
          return pg.types.getTypeParser(oid, format as 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    // A dropped connection must not crash the process; readiness reports it instead.
    pool.on('error', () => {});
    return wrap('postgres', new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }));
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
  });
  return wrap('pglite', new Kysely<unknown>({ dialect: new PGliteDialect(pglite) }));
}

function wrap(engine: SqlDatabase['engine'], db: Kysely<unknown>): SqlDatabase {
  let closed: Promise<void> | undefined;
  return {
    engine,
    as: <T>() => db as unknown as Kysely<T>,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
      });
      try {
        await Promise.race([sql`select 1`.execute(db), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closed ??= db.destroy();
      return closed;
    },
  };
}
