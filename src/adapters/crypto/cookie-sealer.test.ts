import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createCookieSealer } from './cookie-sealer.ts';

const VALUE = JSON.stringify({ values: { fullName: 'Nguyễn Văn An', idNumber: '001190012345' } });

/** The sealed cookie with one byte of its payload changed. */
function flipByte(sealed: string, index: number): string {
  const [version, payload] = sealed.split('.') as [string, string];
  const bytes = Buffer.from(payload, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  return `${version}.${bytes.toString('base64url')}`;
}

describe('cookie sealer', () => {
  const sealer = createCookieSealer(randomBytes(32));

  it('round-trips, never shows the value, and differs on every call', () => {
    const first = sealer.seal(VALUE);
    const second = sealer.seal(VALUE);
    assert.notEqual(first, second);
    assert.ok(!first.includes('001190012345') && !first.includes('Nguy'));
    assert.match(first, /^v1\.[A-Za-z0-9_-]+$/, 'cookie-safe characters only');
    assert.equal(sealer.open(first), VALUE);
    assert.equal(sealer.open(sealer.seal('')), '');
  });

  it('ignores a tampered cookie, whichever byte was changed (IV, ciphertext or tag)', () => {
    const sealed = sealer.seal(VALUE);
    const length = Buffer.from(sealed.split('.')[1]!, 'base64url').length;
    for (const index of [0, 11, 12, 20, length - 17, length - 16, length - 1])
      assert.equal(sealer.open(flipByte(sealed, index)), undefined, `byte ${index}`);
  });

  it('ignores a cookie cut short, padded, of another version or not sealed at all', () => {
    const sealed = sealer.seal(VALUE);
    for (const bad of [
      sealed.slice(0, -4),
      `${sealed}AAAA`,
      sealed.replace(/^v1\./, 'v2.'),
      `${sealed}.extra`,
      'v1.',
      'v1.AAAA',
      '',
      'not a cookie',
      VALUE,
    ])
      assert.equal(sealer.open(bad), undefined, bad);
  });

  it('ignores a cookie sealed under another key', () => {
    const other = createCookieSealer(randomBytes(32));
    assert.equal(other.open(sealer.seal(VALUE)), undefined);
  });

  it('takes a key longer than 32 bytes, and refuses a shorter one', () => {
    const longKey = randomBytes(48);
    assert.equal(createCookieSealer(longKey).open(createCookieSealer(longKey).seal(VALUE)), VALUE);
    assert.throws(() => createCookieSealer(randomBytes(16)), /at least 32 bytes/);
  });
});
