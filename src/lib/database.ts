/**
 * One SQL connection for the process: PostgreSQL when a URL is given, else embedded PGlite in a folder
 * (or in memory). Portal and simulators share it and each types it with its own tables via `as<T>()`.
 * DATE columns come back as 'YYYY-MM-DD' strings on both engines, so no time zone can shift a birth date.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresDialect,
  sql,
} from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { classifyFailure } from './dependency-unavailable.ts';

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
    survivePostgresRestarts(pool);
    return wrap('postgres', new Kysely<unknown>({ dialect: classifying(new PostgresDialect({ pool })) }));
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
  });
  return wrap('pglite', new Kysely<unknown>({ dialect: classifying(new PGliteDialect(pglite)) }));
}

/**
 * A server restart, failover or pg_terminate_backend ends every connection with an 'error' event. pg-pool
 * listens on idle clients only, so the event on a checked-out client had no listener and ended the process.
 * A listener on every client keeps it alive: the query in flight fails (503), pg-pool drops the broken
 * client on release (it is no longer queryable), and the next checkout opens a fresh connection.
 */
function survivePostgresRestarts(pool: pg.Pool) {
  pool.on('connect', (client) => client.on('error', () => {}));
  // Errors of idle clients; readiness reports a server that stays away.
  pool.on('error', () => {});
}

/** The dialect, with the driver's connection failures turned into DependencyUnavailableError. */
function classifying(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => classifyingDriver(dialect.createDriver()),
  };
}

const rethrowClassified = (error: unknown): never => {
  throw classifyFailure('database', error);
};

function classifyingDriver(driver: Driver): Driver {
  // Kysely hands our wrappers back to the driver, which needs its own connection objects (private fields).
  const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const unwrap = (connection: DatabaseConnection) => inner.get(connection) ?? connection;
  const wrapConnection = (connection: DatabaseConnection): DatabaseConnection => {
    const wrapped: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery) => connection.executeQuery<R>(query).catch(rethrowClassified),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    inner.set(wrapped, connection);
    return wrapped;
  };
  return {
    init: () => driver.init().catch(rethrowClassified),
    acquireConnection: () => driver.acquireConnection().then(wrapConnection, rethrowClassified),
    beginTransaction: (connection, settings) =>
      driver.beginTransaction(unwrap(connection), settings).catch(rethrowClassified),
    commitTransaction: (connection) => driver.commitTransaction(unwrap(connection)).catch(rethrowClassified),
    rollbackTransaction: (connection) =>
      driver.rollbackTransaction(unwrap(connection)).catch(rethrowClassified),
    releaseConnection: (connection) => driver.releaseConnection(unwrap(connection)),
    destroy: () => driver.destroy(),
    ...(driver.savepoint && {
      savepoint: (connection, name, compile) =>
        driver.savepoint!(unwrap(connection), name, compile).catch(rethrowClassified),
    }),
    ...(driver.rollbackToSavepoint && {
      rollbackToSavepoint: (connection, name, compile) =>
        driver.rollbackToSavepoint!(unwrap(connection), name, compile).catch(rethrowClassified),
    }),
    ...(driver.releaseSavepoint && {
      releaseSavepoint: (connection, name, compile) =>
        driver.releaseSavepoint!(unwrap(connection), name, compile).catch(rethrowClassified),
    }),
  };
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
