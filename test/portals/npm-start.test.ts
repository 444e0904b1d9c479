/**
 * `npm start` (dev): the hub starts both portals as supervised children with the client secrets it registered
 * for them, prints the three addresses, restarts a portal that dies, and stops them all on SIGTERM.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../support/eventually.ts';
import { spawnPortal, stopChild } from '../support/portal-process.ts';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start runs the hub and both portals', () => {
  it('prints the three addresses; each portal answers and signs in through the hub; SIGTERM stops all', async () => {
    // A newcomer's `npm start`: the embedded defaults.
    const hub = await spawnPortal({ DATABASE_URL: undefined, REDIS_URL: undefined });
    try {
      await eventually(
        async () => (hub.output().includes('Ctrl+C stops the portals') ? true : undefined),
        90_000,
      );
      const address = (label: string) =>
        new RegExp(`${label} +(http://127\\.0\\.0\\.1:\\d+)/`).exec(hub.output())?.[1];
      assert.equal(address('Identity hub'), hub.url);
      const national = address('Cổng Dịch vụ công quốc gia')!;
      const mps = address('Cổng Dịch vụ công Bộ Công an')!;
      assert.ok(national && mps, hub.output());

      for (const [portal, name] of [
        [national, 'Cổng Dịch vụ công quốc gia'],
        [mps, 'Cổng Dịch vụ công Bộ Công an'],
      ] as const) {
        const home = await fetch(`${portal}/`, { headers: { 'accept-language': 'vi' } });
        assert.equal(home.status, 200);
        assert.match(await home.text(), new RegExp(`<h1>${name}</h1>`));
        // The pushed request was accepted: the portal authenticated with the secret the hub registered.
        const signIn = await fetch(`${portal}/auth/sign-in`, { redirect: 'manual' });
        assert.equal(signIn.status, 303);
        assert.match(signIn.headers.get('location') ?? '', new RegExp(`^${hub.url}/.*request_uri=`));
      }

      // A portal that dies is started again.
      const pidOf = (id: string) =>
        Number([...hub.output().matchAll(new RegExp(`\\[${id}\\] .*"pid":(\\d+)`, 'g'))].at(-1)?.[1]);
      const first = pidOf('national');
      process.kill(first, 'SIGKILL');
      await eventually(async () => (pidOf('national') !== first ? true : undefined), 60_000);
      await eventually(
        async () => ((await fetch(`${national}/healthz`).catch(() => undefined))?.ok ? true : undefined),
        60_000,
      );

      const children = [pidOf('national'), pidOf('mps')];
      assert.equal(await stopChild(hub.child), 0);
      await eventually(async () => (children.every((pid) => !isRunning(pid)) ? true : undefined), 15_000);
    } finally {
      await stopChild(hub.child, 1000);
    }
  });
});
