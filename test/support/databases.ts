/**
 * Fresh, isolated databases for tests: PGlite in memory always; a new PostgreSQL database per call when
 * DATABASE_URL is set (created from that server, dropped afterwards), so runs never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type SqlDatabase } from '../../src/lib/database.ts';

export interface DatabaseVariant {
  name: 'pglite' | 'postgres';
  /** Why this variant cannot run here, or undefined when it can. */
  skip: string | undefined;
  open(): Promise<{ database: SqlDatabase; url: string | undefined; drop(): Promise<void> }>;
}

const serverUrl = process.env.DATABASE_URL;

export const databaseVariants: DatabaseVariant[] = [
  {
    name: 'pglite',
    skip: undefined,
    async open() {
      const database = await openDatabase({});
      return { database, url: undefined, drop: () => database.close() };
    },
  },
  {
    name: 'postgres',
    skip: serverUrl ? undefined : 'DATABASE_URL is not set: PostgreSQL variant not run',
    async open() {
      const url = await createScratchDatabase(serverUrl!);
      const database = await openDatabase({ url, poolSize: 10 });
      return {
        database,
        url,
        async drop() {
          await database.close();
          await dropScratchDatabase(serverUrl!, url);
        },
      };
    },
  },
];

export async function createScratchDatabase(baseUrl: string): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(baseUrl: string, scratchUrl: string): Promise<void> {
  const name = new URL(scratchUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
