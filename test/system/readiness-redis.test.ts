import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type PortalProcess, spawnPortal } from '../support/portal-process.ts';

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

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return new Promise((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(child);
    });
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
  let redis: ChildProcess;
  let portal: PortalProcess;
  let port: number;
  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    portal = await spawnPortal({ REDIS_URL: `redis://127.0.0.1:${port}`, DATABASE_URL: undefined });
  });
  after(async () => {
    portal.child.kill('SIGTERM');
    await portal.exited;
    redis.kill();
  });

  it('/readyz turns 503 within 5 s when Redis stops and 200 again when it is back', async () => {
    await waitForStatus(`${portal.url}/readyz`, 200, 5000);
    redis.kill('SIGKILL');
    const downAfter = await waitForStatus(`${portal.url}/readyz`, 503, 5000);
    assert.ok(downAfter < 5000);
    assert.equal((await fetch(`${portal.url}/healthz`)).status, 200, 'liveness is not readiness');
    redis = await startRedis(port);
    await waitForStatus(`${portal.url}/readyz`, 200, 10_000);
  });
});
