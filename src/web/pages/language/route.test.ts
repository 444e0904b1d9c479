import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PageDeps } from '../kit/deps.ts';
import { languageSwitch } from './route.ts';

const ORIGIN = 'https://dichvucong.example.vn';

/** Where a browser on this site goes after the redirect, or undefined when it would leave the site. */
function landing(location: string): string | undefined {
  // Browsers drop tabs and newlines from a Location before resolving it; so does the URL parser.
  const url = new URL(location, `${ORIGIN}/language/en`);
  return url.origin === ORIGIN ? url.pathname + url.search : undefined;
}

describe('language switch: the way back is always a path of this site', () => {
  let app: FastifyInstance;
  before(async () => {
    app = Fastify();
    await app.register(cookie);
    await app.register(languageSwitch, { secureCookies: false } as PageDeps);
    await app.ready();
  });
  after(() => app.close());

  const switchTo = (next: string) =>
    app.inject({ method: 'GET', url: `/language/en?next=${encodeURIComponent(next)}` });

  const hostile: Array<[string, string]> = [
    ['tab between the slashes (%2F%09%2Fhost)', '/\t/evil.example'],
    ['newline between the slashes', '/\n/evil.example'],
    ['protocol-relative', '//evil.example'],
    ['backslash', '/\\evil.example'],
    ['dot segment before a double slash', '/.//evil.example'],
    ['encoded dot segment before a double slash', '/%2e//evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['scheme without slashes', 'https:evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['header injection (CR LF)', '/sign-in\r\nSet-Cookie: session=stolen'],
    ['NUL', '/sign-in\u0000'],
    ['Vietnamese path', '/đăng-ký/thủ-tục'],
    ['very long', `/${'a'.repeat(20_000)}`],
    ['empty', ''],
  ];

  for (const [name, next] of hostile) {
    it(`${name}: 303 to a same-origin path with an ASCII Location`, async () => {
      const response = await switchTo(next);
      assert.equal(response.statusCode, 303, response.body);
      const location = String(response.headers.location);
      assert.match(location, /^\/[\x21-\x7e]*$/, 'printable ASCII, no whitespace or control characters');
      assert.ok(landing(location)?.startsWith('/'), `${JSON.stringify(location)} stays on this site`);
      assert.ok(!location.startsWith('//'));
    });
  }

  it('keeps an ordinary page address with its query, encoded', async () => {
    assert.equal((await switchTo('/sign-in?from=account')).headers.location, '/sign-in?from=account');
    assert.equal(
      (await switchTo('/đăng-ký')).headers.location,
      `/${encodeURIComponent('đăng-ký')}`,
      'a non-ASCII path is percent-encoded, not refused',
    );
  });

  it('goes home when next is absent or repeated', async () => {
    assert.equal((await app.inject('/language/en')).headers.location, '/');
    assert.equal((await app.inject('/language/en?next=/a&next=/b')).headers.location, '/');
  });
});
