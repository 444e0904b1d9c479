/**
 * The pipeline's decisions with fakes for the cryptography and the CA: the order of the checks (a failed
 * step asks nothing after it), the challenge's single use and expiry by the clock, fail-closed revocation,
 * key usage, the per-IP limit, and who the certificate says signed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryEphemeralStore } from '../../adapters/ephemeral/memory-store.ts';
import { ManualClock } from '../ports/clock.ts';
import { cryptoRandom } from '../ports/random.ts';
import type { PathCheck, RevocationStatus, SignatureCheck, SignerCertificate } from '../ports/signatures.ts';
import { createSignatures, DEFAULT_SIGNATURE_RULES } from './index.ts';
import { signerIdentityOf } from './signer-identity.ts';

const clock = () => new ManualClock('2026-06-01T08:00:00Z');

function signer(overrides: Partial<SignerCertificate> = {}): SignerCertificate {
  return {
    der: new Uint8Array([1, 2, 3]),
    facts: {
      fingerprint: 'ab'.repeat(32),
      serialNumber: '1a2b',
      issuer: 'VNPT-CA (TEST)',
      subject: 'Nguyễn Văn An',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
      pem: '-----BEGIN CERTIFICATE-----',
    },
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    isCa: false,
    commonNames: ['Nguyễn Văn An'],
    uids: ['CCCD:001090012345'],
    ...overrides,
  };
}

function world(
  options: {
    signature?: SignatureCheck;
    path?: PathCheck;
    revocation?: RevocationStatus;
    limit?: number;
  } = {},
) {
  const time = clock();
  const asked: string[] = [];
  const signed: Uint8Array[] = [];
  const signatures = createSignatures({
    store: new MemoryEphemeralStore(time),
    clock: time,
    random: cryptoRandom,
    verifier: {
      async verifyCms(_data, content) {
        asked.push('signature');
        signed.push(content);
        return options.signature ?? { outcome: 'verified', signer: signer(), supplied: [] };
      },
      async verifyRaw({ content }) {
        asked.push('raw-signature');
        signed.push(content);
        return options.signature ?? { outcome: 'verified', signer: signer(), supplied: [] };
      },
    },
    trust: {
      async validate() {
        asked.push('path');
        return options.path ?? { outcome: 'trusted', issuer: new Uint8Array([9]) };
      },
    },
    revocation: {
      async status() {
        asked.push('revocation');
        return options.revocation ?? 'good';
      },
    },
    rules: { ...DEFAULT_SIGNATURE_RULES, challengesPerIpPer10Minutes: options.limit ?? 100 },
  });
  const challengeId = async () => {
    const issued = await signatures.issueChallenge({ clientIp: '198.51.100.7' });
    assert.ok(issued.ok);
    return issued.value;
  };
  const verify = async (id?: string) =>
    signatures.verifySignedChallenge({
      challengeId: id ?? (await challengeId()).challengeId,
      signedData: new Uint8Array([0x30]),
    });
  return { time, asked, signed, signatures, challengeId, verify };
}

const code = (outcome: { ok: boolean; failure?: { code: string } }) =>
  outcome.ok ? 'ok' : outcome.failure!.code;

describe('signature challenges', () => {
  it('are 32 random bytes in base64, valid 5 minutes by the clock, each different', async () => {
    const w = world();
    const a = await w.challengeId();
    const b = await w.challengeId();
    assert.equal(Buffer.from(a.nonce, 'base64').length, 32);
    assert.notEqual(a.nonce, b.nonce);
    assert.notEqual(a.challengeId, b.challengeId);
    assert.equal(a.expiresAt.toISOString(), '2026-06-01T08:05:00.000Z');
  });

  it('hand the verifier exactly the decoded nonce', async () => {
    const w = world();
    const { challengeId, nonce } = await w.challengeId();
    await w.verify(challengeId);
    assert.deepEqual(Buffer.from(w.signed[0]!), Buffer.from(nonce, 'base64'));
  });

  it('are used up by a verification whatever its outcome, and refused past 5 minutes without asking anything', async () => {
    const refused = world({ signature: { outcome: 'invalid' } });
    const { challengeId } = await refused.challengeId();
    assert.equal(code(await refused.verify(challengeId)), 'SIGNATURE_INVALID');
    assert.equal(code(await refused.verify(challengeId)), 'CHALLENGE_INVALID');
    assert.deepEqual(refused.asked, ['signature']);

    const late = world();
    const old = await late.challengeId();
    late.time.advance(5 * 60_000);
    assert.equal(code(await late.verify(old.challengeId)), 'CHALLENGE_INVALID');
    assert.equal(code(await late.verify('not a challenge id!')), 'CHALLENGE_INVALID');
    assert.deepEqual(late.asked, []);
  });

  it('are limited per address, counting before anything is stored', async () => {
    const w = world({ limit: 2 });
    await w.challengeId();
    await w.challengeId();
    const third = await w.signatures.issueChallenge({ clientIp: '198.51.100.7' });
    assert.equal(code(third), 'RATE_LIMITED');
    assert.equal(!third.ok && third.failure.limit, 'CHALLENGES_PER_IP');
    assert.ok(!third.ok && third.failure.retryAfterSeconds! > 0);
    assert.equal(code(await w.signatures.issueChallenge({ clientIp: '198.51.100.8' })), 'ok');
  });
});

describe('verifying a signed challenge', () => {
  it('runs signature, validity, key usage, path, revocation, identity in that order', async () => {
    const w = world();
    const outcome = await w.verify();
    assert.ok(outcome.ok);
    assert.deepEqual(w.asked, ['signature', 'path', 'revocation']);
    assert.deepEqual(outcome.value.kind === 'citizen' && [outcome.value.idNumber, outcome.value.idType], [
      '001090012345',
      'CCCD',
    ]);
  });

  it('takes a bare signature with its certificate and chain the same way', async () => {
    const w = world();
    const { challengeId } = await w.challengeId();
    const outcome = await w.signatures.verifySignedChallenge({
      challengeId,
      signature: new Uint8Array([1]),
      certificate: new Uint8Array([2]),
      chain: [],
    });
    assert.equal(code(outcome), 'ok');
    assert.deepEqual(w.asked, ['raw-signature', 'path', 'revocation']);
  });

  it('stops at the first failed step', async () => {
    const cases: Array<[Parameters<typeof world>[0], string, string[]]> = [
      [{ signature: { outcome: 'invalid' } }, 'SIGNATURE_INVALID', ['signature']],
      [
        {
          signature: {
            outcome: 'verified',
            signer: signer({ facts: { ...signer().facts, notAfter: new Date('2026-06-01T08:00:00Z') } }),
            supplied: [],
          },
        },
        'CERTIFICATE_EXPIRED',
        ['signature'],
      ],
      [
        {
          signature: {
            outcome: 'verified',
            signer: signer({ facts: { ...signer().facts, notBefore: new Date('2026-06-01T08:00:01Z') } }),
            supplied: [],
          },
        },
        'CERTIFICATE_EXPIRED',
        ['signature'],
      ],
      [
        {
          signature: { outcome: 'verified', signer: signer({ keyUsage: ['keyEncipherment'] }), supplied: [] },
        },
        'CERTIFICATE_UNTRUSTED',
        ['signature'],
      ],
      [
        { signature: { outcome: 'verified', signer: signer({ isCa: true }), supplied: [] } },
        'CERTIFICATE_UNTRUSTED',
        ['signature'],
      ],
      [{ path: { outcome: 'untrusted' } }, 'CERTIFICATE_UNTRUSTED', ['signature', 'path']],
      [{ revocation: 'revoked' }, 'CERTIFICATE_REVOKED', ['signature', 'path', 'revocation']],
      [{ revocation: 'unavailable' }, 'REVOCATION_UNAVAILABLE', ['signature', 'path', 'revocation']],
      [
        { signature: { outcome: 'verified', signer: signer({ uids: ['HC:B1234567'] }), supplied: [] } },
        'CERTIFICATE_NO_IDENTITY',
        ['signature', 'path', 'revocation'],
      ],
    ];
    for (const [options, expected, asked] of cases) {
      const w = world(options);
      assert.equal(code(await w.verify()), expected);
      assert.deepEqual(w.asked, asked, expected);
    }
  });

  it('accepts a certificate without a key usage extension, or with non-repudiation only', async () => {
    for (const keyUsage of [null, ['nonRepudiation' as const]]) {
      const w = world({ signature: { outcome: 'verified', signer: signer({ keyUsage }), supplied: [] } });
      assert.equal(code(await w.verify()), 'ok');
    }
  });

  it('says 503 with Retry-After when revocation cannot be checked', async () => {
    const outcome = await world({ revocation: 'unavailable' }).verify();
    assert.ok(!outcome.ok && outcome.failure.retryAfterSeconds === 30);
  });
});

describe('the identity a certificate states', () => {
  const of = (uids: string[], commonNames = ['Nguyễn  Văn An ']) =>
    signerIdentityOf({ uids, commonNames, facts: signer().facts });

  it('reads CCCD and CMND as a citizen, MST (and a branch) as an organisation, the name from CN', () => {
    assert.deepEqual(
      [of(['CCCD:001090012345']), of(['CMND:012345678'])].map(
        (i) => i?.kind === 'citizen' && [i.idType, i.idNumber, i.fullName],
      ),
      [
        ['CCCD', '001090012345', 'Nguyễn Văn An'],
        ['CMND', '012345678', 'Nguyễn Văn An'],
      ],
    );
    for (const taxCode of ['0101234567', '0101234567-001']) {
      const identity = of([`MST:${taxCode}`], ['Công ty TNHH Sao Mai']);
      assert.deepEqual(identity?.kind === 'organisation' && [identity.taxCode, identity.organisationName], [
        taxCode,
        'Công ty TNHH Sao Mai',
      ]);
    }
  });

  it('finds the usable UID among others, and states none for wrong lengths, other prefixes or no name', () => {
    assert.equal(of(['HC:B1234567', 'CCCD:001090012345'])?.kind, 'citizen');
    for (const uids of [
      [],
      ['CCCD:12345678901'],
      ['CMND:0123456789'],
      ['MST:12345'],
      ['PID:001090012345'],
      ['001090012345'],
    ])
      assert.equal(of(uids), undefined, uids.join());
    assert.equal(of(['CCCD:001090012345'], []), undefined);
    assert.equal(of(['CCCD:001090012345'], ['  ']), undefined);
  });
});
