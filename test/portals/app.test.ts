/**
 * A portal app on its own (no hub listening): pages in vi and en, the language switch staying on the portal,
 * security headers and cookies, the pages that need a session, and a clear 503 page while the hub is away.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/lib/logger.ts';
import { createPortalApp, type PortalApp } from '../../src/portals/kit/app.ts';
import { loadPortalConfig } from '../../src/portals/kit/config.ts';
import { mpsPortal } from '../../src/portals/mps/portal.ts';
import { MemoryLog } from '../support/memory-log.ts';
import { freePort } from './support/portals.ts';

describe('a portal app without its hub', () => {
  let portal: PortalApp;
  let hubPort: number;
  before(async () => {
    hubPort = await freePort(); // nothing listens there
    const config = loadPortalConfig(
      { PORTAL_ISSUER: `http://127.0.0.1:${hubPort}`, PORTAL_CLIENT_SECRET: 'secret', PORT: '3902' },
      { clientId: 'mps', port: 3902 },
    );
    portal = await createPortalApp(mpsPortal, config, {
      logger: createLogger({ level: 'info', destination: new MemoryLog() }),
    });
  });
  after(async () => {
    await portal?.app.close();
  });

  it('home in Vietnamese by default and in English when asked, with Đăng nhập and Đăng ký', async () => {
    const vi = await portal.app.inject({ url: '/' });
    assert.equal(vi.statusCode, 200);
    assert.match(vi.body, /<html lang="vi">/);
    assert.match(vi.body, /<a class="button" href="\/auth\/sign-in">Đăng nhập<\/a>/);
    assert.match(vi.body, /href="\/auth\/register">Đăng ký<\/a>/);
    const en = await portal.app.inject({ url: '/', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Ministry of Public Security Public Service Portal/);
  });

  it('the language switch sets its own cookie and returns only to a path of the portal', async () => {
    const switched = await portal.app.inject({ url: '/language/en?next=%2Fme' });
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/me');
    assert.match(String(switched.headers['set-cookie']), /^mps_portal_lang=en;.*HttpOnly/);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example'])
      assert.equal(
        (await portal.app.inject({ url: `/language/vi?next=${encodeURIComponent(next)}` })).headers.location,
        '/',
      );
    const english = await portal.app.inject({ url: '/', cookies: { mps_portal_lang: 'en' } });
    assert.match(english.body, /<html lang="en">/);
  });

  it('security headers: no scripts, forms only to itself and the hub, no framing', async () => {
    const home = await portal.app.inject({ url: '/' });
    const csp = String(home.headers['content-security-policy']);
    assert.match(csp, /script-src 'none'/);
    assert.match(csp, new RegExp(`form-action 'self' http://127.0.0.1:${hubPort}`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(home.headers['x-content-type-options'], 'nosniff');
    assert.equal(home.headers['cache-control'], 'no-store');
  });

  it('"who am I" and sign-out need a session; a callback without a started sign-in is refused', async () => {
    const me = await portal.app.inject({ url: '/me' });
    assert.equal(me.statusCode, 303);
    assert.equal(me.headers.location, '/auth/sign-in?next=%2Fme');
    const out = await portal.app.inject({ method: 'POST', url: '/auth/sign-out', payload: {} });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/');
    const callback = await portal.app.inject({ url: '/auth/callback?code=abc&state=def' });
    assert.equal(callback.statusCode, 400);
    assert.match(callback.body, /không hợp lệ hoặc đã hết hạn/);
  });

  it('while the hub is away, signing in is a clear 503 page, and it works again without a restart', async () => {
    const signIn = await portal.app.inject({ url: '/auth/sign-in', headers: { 'accept-language': 'en' } });
    assert.equal(signIn.statusCode, 503);
    assert.equal(signIn.headers['retry-after'], '30');
    assert.match(signIn.body, /cannot reach the electronic identification/);
    // Discovery is not cached as failed: the next request tries again.
    assert.equal((await portal.app.inject({ url: '/auth/register' })).statusCode, 503);
  });

  it('bad input is a 4xx page, never a 5xx: unknown pages, oversized or malformed bodies, a bad logout token', async () => {
    assert.equal((await portal.app.inject({ url: '/no-such-page' })).statusCode, 404);
    const big = await portal.app.inject({
      method: 'POST',
      url: '/services/ly-lich-tu-phap',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `purpose=${'x'.repeat(20_000)}`,
    });
    assert.equal(big.statusCode, 413);
    const json = await portal.app.inject({
      method: 'POST',
      url: '/auth/sign-out',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    assert.equal(json.statusCode, 400);
    const logout = await portal.app.inject({
      method: 'POST',
      url: '/auth/backchannel-logout',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    assert.equal(logout.statusCode, 400);
  });
});
