import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { killOnExit, type PortalProcess, spawnPortal, stopChild } from '../support/portal-process.ts';

// A Redis of our own on a free port, so stopping it cannot disturb anything else on the machine.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const REDIS_START_TIMEOUT_MS = 30_000;

/** Resolves once Redis accepts connections; a Redis that fails or is too slow to start is killed, not left behind. */
function startRedis(port: number): Promise<ChildProcess> {
  const child = killOnExit(
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ),
  );
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} ${reason}`));
    };
    const timer = setTimeout(
      () => fail(`did not start in ${REDIS_START_TIMEOUT_MS / 1000} s`),
      REDIS_START_TIMEOUT_MS,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('error', (error) => fail(`could not be spawned (${error.message})`));
    child.once('exit', (code) => fail(`exited with ${code} before it was ready`));
  });
}

async function waitForStatus(url: string, status: number, withinMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < withinMs) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.status === status) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${withinMs} ms`);
}

describe('readiness follows Redis', {
  skip: hasRedisServer ? undefined : 'redis-server is not installed',
}, () => {
  // Each may be missing if `before` failed part-way; `after` stops whatever was started.
  let redis: ChildProcess | undefined;
  let portal: PortalProcess | undefined;
  let port: number;
  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    portal = await spawnPortal({ REDIS_URL: `redis://127.0.0.1:${port}`, DATABASE_URL: undefined });
  });
  after(async () => {
    await Promise.all([stopChild(portal?.child), stopChild(redis, 5000)]);
  });

  it('/readyz turns 503 within 5 s when Redis stops and 200 again when it is back', async () => {
    const { url } = portal!;
    await waitForStatus(`${url}/readyz`, 200, 5000);
    redis!.kill('SIGKILL');
    const downAfter = await waitForStatus(`${url}/readyz`, 503, 5000);
    assert.ok(downAfter < 5000);
    assert.equal((await fetch(`${url}/healthz`)).status, 200, 'liveness is not readiness');
    redis = await startRedis(port);
    await waitForStatus(`${url}/readyz`, 200, 10_000);
  });
});
