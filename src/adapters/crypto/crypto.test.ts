import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createArgon2PasswordHasher } from './argon2-password-hasher.ts';
import { createPersonalDataProtector } from './personal-data-protector.ts';

describe('personal data protector', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const hmacKey = randomBytes(32);
  const protector = createPersonalDataProtector({ current: k1, hmacKey });

  it('round-trips, never shows the plaintext, and differs on every call', () => {
    const a = protector.encrypt('001190012345');
    const b = protector.encrypt('001190012345');
    assert.notEqual(a, b);
    assert.ok(!a.includes('001190012345'));
    assert.match(a, /^v1\.k1\./);
    assert.equal(protector.decrypt(a), '001190012345');
  });

  it('detects tampering', () => {
    const payload = protector.encrypt('Nguyễn Văn An');
    const parts = payload.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => protector.decrypt(parts.join('.')));
  });

  it('reads rows written with a previous key after rotation', () => {
    const old = protector.encrypt('+84912345678');
    const rotated = createPersonalDataProtector({
      current: { id: 'k2', key: randomBytes(32) },
      previous: [k1],
      hmacKey,
    });
    assert.equal(rotated.decrypt(old), '+84912345678');
    assert.match(rotated.encrypt('x'), /^v1\.k2\./);
  });

  it('blind indexes are deterministic, keyed and separated by purpose', () => {
    assert.equal(protector.blindIndex('id', '001190012345'), protector.blindIndex('id', '001190012345'));
    assert.notEqual(
      protector.blindIndex('id', '001190012345'),
      protector.blindIndex('phone', '001190012345'),
    );
    const other = createPersonalDataProtector({ current: k1, hmacKey: randomBytes(32) });
    assert.notEqual(other.blindIndex('id', '001190012345'), protector.blindIndex('id', '001190012345'));
    assert.equal(protector.sameHash('abc', 'abc'), true);
    assert.equal(protector.sameHash('abc', 'abd'), false);
    assert.equal(protector.sameHash('abc', 'abcd'), false);
  });
});

describe('Argon2id password hasher', () => {
  const hasher = createArgon2PasswordHasher();
  it('hashes with OWASP parameters stored in the hash, and verifies', async () => {
    const phc = await hasher.hash('Sông#Hồng2024xanh');
    assert.match(phc, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await hasher.verify(phc, 'Sông#Hồng2024xanh'), true);
    assert.equal(await hasher.verify(phc, 'Sông#Hồng2024xanH'), false);
    assert.equal(await hasher.verify('not a hash', 'x'), false);
    assert.equal(hasher.needsRehash(phc), false);
    const weaker = await createArgon2PasswordHasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 }).hash(
      'x',
    );
    assert.equal(hasher.needsRehash(weaker), true);
  });
});
