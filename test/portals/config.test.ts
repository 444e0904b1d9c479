/** A portal's configuration: dev defaults, and production refusing to start without its settings. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { loadPortalConfig, PortalConfigError } from '../../src/portals/kit/config.ts';

const defaults = { clientId: 'mps', port: 3002 };

describe('portal configuration', () => {
  it('dev mode needs only the client secret the hub gave', () => {
    const config = loadPortalConfig({ PORTAL_CLIENT_SECRET: 's3cret' }, defaults);
    assert.equal(config.issuer.href, 'http://127.0.0.1:3000/');
    assert.equal(config.publicUrl.href, 'http://127.0.0.1:3002/');
    assert.equal(config.clientId, 'mps');
    assert.equal(config.cookieSecret.length, 32);
    assert.throws(() => loadPortalConfig({}, defaults), /PORTAL_CLIENT_SECRET is missing/);
  });

  it('production names every missing setting', () => {
    const error = (() => {
      try {
        loadPortalConfig({ NODE_ENV: 'production' }, defaults);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof PortalConfigError);
    for (const name of [
      'PORT',
      'PORTAL_ISSUER',
      'PORTAL_PUBLIC_URL',
      'PORTAL_CLIENT_ID',
      'PORTAL_CLIENT_SECRET',
      'PORTAL_COOKIE_SECRET',
    ])
      assert.match(error.message, new RegExp(`${name} is missing`));
  });

  it('refuses malformed values', () => {
    assert.throws(
      () =>
        loadPortalConfig(
          {
            PORTAL_CLIENT_SECRET: 's',
            PORTAL_ISSUER: 'ftp://hub',
            PORT: 'x',
            PORTAL_COOKIE_SECRET: 'c2hvcnQ=',
          },
          defaults,
        ),
      (e: unknown) =>
        e instanceof PortalConfigError &&
        /PORTAL_ISSUER must be an http\(s\) URL/.test(e.message) &&
        /PORT must be a port number/.test(e.message) &&
        /PORTAL_COOKIE_SECRET must be at least 32 bytes/.test(e.message),
    );
  });

  it('the process exits with code 2, naming the settings, in production without them', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/portals/main.ts', '--portal', 'national'],
      {
        env: { PATH: process.env.PATH, NODE_ENV: 'production' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(result.status, 2);
    assert.match(result.stderr, /PORTAL_ISSUER is missing/);
    assert.match(result.stderr, /PORTAL_COOKIE_SECRET is missing/);
    assert.match(result.stderr, /national portal did not start/);
  });
});
