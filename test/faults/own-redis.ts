/**
 * A Redis server of the test's own on a free port, so killing it cannot disturb anyone else using the
 * machine's Redis. Started without persistence: a restart comes back empty, as after a failover.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { exitOf, killOnExit } from '../support/portal-process.ts';

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

const REDIS_START_TIMEOUT_MS = 30_000;

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class OwnRedis {
  #child: ChildProcess | undefined;
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Kills the server at once, as a crash or a network cut would; resolves once it has exited. */
  kill(): Promise<unknown> {
    const child = this.#child;
    this.#child = undefined;
    if (!child) return Promise.resolve();
    child.kill('SIGKILL');
    return exitOf(child);
  }

  /** Starts it again on the same port, empty; resolves once it accepts connections. */
  restart(): Promise<void> {
    const child = killOnExit(
      spawn(
        'redis-server',
        ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      ),
    );
    this.#child = child;
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`redis-server on port ${this.port} ${reason}`));
      };
      const timer = setTimeout(() => fail('did not start in time'), REDIS_START_TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('error', (error) => fail(`could not be spawned (${error.message})`));
      child.once('exit', (code) => fail(`exited with ${code} before it was ready`));
    });
  }
}
