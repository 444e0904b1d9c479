/**
 * The suite's own PostgreSQL cluster and Redis, on free ports under temp dirs: the faults stop, restart
 * and kill them, which must never happen to the machine's shared servers on 5432 and 6379.
 */
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, openSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../bench/processes.ts';
import { killOnCleanup, onCleanup, removeOnCleanup } from './cleanup.ts';

/** Debian's PostgreSQL binaries, whatever major version the machine has (or `PG_BIN`). */
const PG_BIN =
  process.env.PG_BIN ??
  join(
    '/usr/lib/postgresql',
    readdirSync('/usr/lib/postgresql')
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a))[0] ?? '15',
    'bin',
  );
const SHARED_PORTS = new Set([5432, 6379]);

function postgresUid(): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}

/**
 * Runs a PostgreSQL binary as user postgres (the server refuses to run as root). Asynchronous: the load
 * keeps running, and keeps its timings honest, while the server restarts.
 */
function asPostgres(binary: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'runuser',
      ['-u', 'postgres', '--', join(PG_BIN, binary), ...args],
      { encoding: 'utf8', timeout: timeoutMs },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${binary} ${args.join(' ')} failed: ${stderr}${stdout}`)) : resolve(stdout),
    );
  });
}

async function portNotShared(): Promise<number> {
  for (let i = 0; i < 10; i++) {
    const port = await freePort();
    if (!SHARED_PORTS.has(port)) return port;
  }
  throw new Error('no free port');
}

export interface OwnPostgres {
  url: string;
  port: number;
  start(): Promise<void>;
  /** `fast` shuts down cleanly; `immediate` is a crash: recovery replays the WAL at the next start. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  /** Ends every client connection of the portal's database, as an operator or a failover would. */
  terminateBackends(): Promise<number>;
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** Server's PIDs are not our children: the log is where a failed start explains itself. */
  logFile: string;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-pg-'));
  removeOnCleanup('postgres data dir', dir);
  const { uid, gid } = postgresUid();
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  await asPostgres(
    'initdb',
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    120_000,
  );
  const port = await portNotShared();
  // fsync off: a killed server (not a lost machine) still finds its WAL in the page cache, which is the
  // fault being tested, and the shared disk is spared.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', ...args]);
  let running = false;
  const server: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    logFile,
    async start() {
      running = true;
      await ctl(['-o', options, 'start']);
    },
    async stop(mode) {
      await ctl(['-m', mode, 'stop']);
      running = false;
    },
    async restart(mode) {
      await ctl(['-m', mode, '-o', options, 'restart']);
      running = true;
    },
    async terminateBackends() {
      const rows = await server.query<{ ended: boolean }>(
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where pid <> pg_backend_pid() and backend_type = $1 and datname = $2',
        ['client backend', 'postgres'],
      );
      return rows.filter((row) => row.ended).length;
    },
    async query(text, values) {
      const client = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 10_000 });
      await client.connect();
      try {
        return (await client.query(text, values)).rows;
      } finally {
        await client.end();
      }
    },
  };
  onCleanup({
    label: 'postgres',
    sync: () => {
      if (running)
        spawnSync('runuser', [
          '-u',
          'postgres',
          '--',
          join(PG_BIN, 'pg_ctl'),
          '-D',
          data,
          '-m',
          'immediate',
          'stop',
        ]);
    },
  });
  await server.start();
  return server;
}

export interface OwnRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGKILL: nothing is saved (no RDB, no AOF), so the next start is empty. */
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-redis-'));
  removeOnCleanup('redis dir', dir);
  const port = await portNotShared();
  let child: ChildProcess | undefined;
  const server: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const log = openSync(join(dir, 'redis.log'), 'a');
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: ['ignore', log, log] },
      );
      killOnCleanup('redis', child);
      const deadline = Date.now() + 20_000;
      while (!(await answersPing(port))) {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        if (Date.now() > deadline) throw new Error('redis-server did not start');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
  };
  await server.start();
  return server;
}

async function answersPing(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}
