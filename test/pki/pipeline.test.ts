/**
 * The signature pipeline on REAL certificates from the test PKI, over real HTTP (OCSP, CRL), with the real
 * adapters (pkijs, @peculiar/x509) and a manual clock shared with the CA: every outcome of docs/methods.md's
 * common pipeline, the challenge's single use and expiry, fail-closed revocation and the OCSP cache.
 */
import assert from 'node:assert/strict';
import { createHash, webcrypto } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { x509 } from '../../src/adapters/pki/engine.ts';
import type { IssuedCertificate, IssueRequest } from '../../src/simulators/test-pki/index.ts';
import { derOf, type SigningMaterial, signCms, signRaw } from './support/cms.ts';
import { type PkiWorld, startPkiWorld } from './support/pki-world.ts';

const UID = '0.9.2342.19200300.100.1.1';

describe('signature pipeline on test PKI certificates', () => {
  let world: PkiWorld;
  before(async () => {
    world = await startPkiWorld();
  });
  after(async () => {
    world.pki.setDown(false);
    world.pki.setOcspDown(false);
    await world.close();
  });

  const challenge = async () => {
    const issued = await world.signatures.issueChallenge();
    assert.ok(issued.ok);
    return { challengeId: issued.value.challengeId, nonce: Buffer.from(issued.value.nonce, 'base64') };
  };
  /** Signs a fresh challenge as an agent does and verifies it. */
  const signAndVerify = async (material: SigningMaterial, options: Parameters<typeof signCms>[2] = {}) => {
    const { challengeId, nonce } = await challenge();
    const signedData = await signCms(material, nonce, options);
    return world.signatures.verifySignedChallenge({ challengeId, signedData });
  };
  const issue = (request: IssueRequest) => world.pki.issue(request);
  const codeOf = (outcome: { ok: boolean; failure?: { code: string } }) =>
    outcome.ok ? 'ok' : outcome.failure!.code;

  it('accepts a citizen EC certificate with signed attributes and reads the identity and facts', async () => {
    const issued = await issue({ idNumber: '001090012345', fullName: 'Nguyễn Văn An' });
    const outcome = await signAndVerify(issued);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.value.kind, 'citizen');
    if (outcome.value.kind !== 'citizen') return;
    assert.equal(outcome.value.idNumber, '001090012345');
    assert.equal(outcome.value.idType, 'CCCD');
    assert.equal(outcome.value.fullName, 'Nguyễn Văn An');
    const facts = outcome.value.certificate;
    assert.equal(facts.fingerprint, createHash('sha256').update(derOf(issued.certificatePem)).digest('hex'));
    assert.equal(facts.serialNumber, issued.serialNumber);
    assert.equal(facts.issuer, 'VNPT-CA (TEST)');
    assert.equal(facts.subject, 'Nguyễn Văn An');
    assert.equal(facts.pem.trim(), issued.certificatePem.trim());
  });

  it('accepts an RSA certificate, without signed attributes, and an old CMND number', async () => {
    const issued = await issue({
      idNumber: '012345678',
      fullName: 'Trần Thị Bình',
      keyType: 'rsa',
      ca: 'fpt',
    });
    const outcome = await signAndVerify(issued, { signedAttributes: false });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepEqual(outcome.value.kind === 'citizen' && [outcome.value.idType, outcome.value.idNumber], [
      'CMND',
      '012345678',
    ]);
    assert.equal(outcome.value.certificate.issuer, 'FPT-CA (TEST)');
  });

  it('accepts a business certificate (UID=MST:) as an organisation', async () => {
    const issued = await issue({
      taxCode: '0101234567-001',
      organisationName: 'Công ty TNHH Sao Mai',
      ca: 'viettel',
    });
    const outcome = await signAndVerify(issued);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepEqual(outcome.value.kind === 'organisation' && outcome.value, {
      kind: 'organisation',
      taxCode: '0101234567-001',
      organisationName: 'Công ty TNHH Sao Mai',
      certificate: outcome.value.certificate,
    });
  });

  it('accepts a bare PKCS#1 or ECDSA signature with the certificate and chain (SIM signatures)', async () => {
    for (const keyType of ['ec', 'rsa'] as const) {
      const issued = await issue({ idNumber: '001090054321', fullName: 'Lê Văn Cường', keyType });
      const { challengeId, nonce } = await challenge();
      const outcome = await world.signatures.verifySignedChallenge({
        challengeId,
        signature: await signRaw(issued, nonce),
        certificate: derOf(issued.certificatePem),
        chain: [derOf(issued.chainPem)],
      });
      assert.ok(outcome.ok, `${keyType}: ${JSON.stringify(outcome)}`);
    }
  });

  it('refuses an expired and a not-yet-valid certificate as CERTIFICATE_EXPIRED', async () => {
    const now = world.clock.now().getTime();
    const expired = await issue({
      idNumber: '001090000001',
      notBefore: new Date(now - 400 * 86_400_000),
      validDays: 30,
    });
    const future = await issue({ idNumber: '001090000002', notBefore: new Date(now + 86_400_000) });
    assert.equal(codeOf(await signAndVerify(expired)), 'CERTIFICATE_EXPIRED');
    assert.equal(codeOf(await signAndVerify(future)), 'CERTIFICATE_EXPIRED');
  });

  it('refuses a revoked certificate by OCSP, and by the CRL while OCSP is down', async () => {
    const byOcsp = await issue({ idNumber: '001090000003' });
    assert.equal(await world.pki.revoke(byOcsp.serialNumber), 'revoked');
    const before = world.revocation.calls.ocsp;
    assert.equal(codeOf(await signAndVerify(byOcsp)), 'CERTIFICATE_REVOKED');
    assert.equal(world.revocation.calls.ocsp, before + 1);

    const byCrl = await issue({ idNumber: '001090000004', ca: 'viettel' });
    const good = await issue({ idNumber: '001090000005', ca: 'viettel' });
    await world.pki.revoke(byCrl.serialNumber);
    world.pki.setOcspDown(true);
    try {
      const crlCalls = world.revocation.calls.crl;
      assert.equal(codeOf(await signAndVerify(byCrl)), 'CERTIFICATE_REVOKED');
      assert.equal(codeOf(await signAndVerify(good)), 'ok');
      assert.equal(world.revocation.calls.crl, crlCalls + 1, 'the CRL is cached until its nextUpdate');
    } finally {
      world.pki.setOcspDown(false);
    }
  });

  it('refuses a chain to a root that is not a trust anchor', async () => {
    const other = await selfMadePki('Other Root CA');
    const leaf = await other.leaf({ issuerName: other.root.subject, issuerKey: other.rootKeys.privateKey });
    assert.equal(
      codeOf(await signAndVerify({ ...leaf, chainPem: other.root.toString('pem') })),
      'CERTIFICATE_UNTRUSTED',
    );
  });

  it('refuses a certificate that only names a trusted CA as its issuer, even sent with that CA', async () => {
    const genuine = await issue({ idNumber: '001090000006' });
    const vnpt = new x509.X509Certificate(genuine.chainPem);
    const other = await selfMadePki('Impostor');
    // Issuer name (and key identifier) of VNPT-CA (TEST), signed by a key that is not VNPT-CA's.
    const forged = await other.leaf({
      issuerName: vnpt.subject,
      issuerKey: other.rootKeys.privateKey,
      authority: vnpt,
    });
    assert.equal(
      codeOf(await signAndVerify({ ...forged, chainPem: genuine.chainPem })),
      'CERTIFICATE_UNTRUSTED',
    );
    // And with the genuine certificate sent first in the set: the signer's own certificate is what is checked.
    assert.equal(
      codeOf(
        await signAndVerify(
          { ...forged, chainPem: genuine.chainPem },
          { extraCertificatesPem: genuine.certificatePem },
        ),
      ),
      'CERTIFICATE_UNTRUSTED',
    );
  });

  it('refuses a certificate whose key usage does not allow signatures', async () => {
    const issued = await issue({
      idNumber: '001090000007',
      keyUsage: ['keyEncipherment', 'dataEncipherment'],
    });
    assert.equal(codeOf(await signAndVerify(issued)), 'CERTIFICATE_UNTRUSTED');
    const nonRepudiation = await issue({ idNumber: '001090000008', keyUsage: ['nonRepudiation'] });
    assert.equal(codeOf(await signAndVerify(nonRepudiation)), 'ok');
  });

  it('refuses a certificate without a UID as CERTIFICATE_NO_IDENTITY', async () => {
    const issued = await issue({ noIdentity: true, fullName: 'Không Định Danh' });
    assert.equal(codeOf(await signAndVerify(issued)), 'CERTIFICATE_NO_IDENTITY');
  });

  it('refuses a tampered signature, a signature over other data, and bytes that are not CMS', async () => {
    const issued = await issue({ idNumber: '001090000009' });
    const { challengeId, nonce } = await challenge();
    const other = Buffer.from(nonce);
    other[0]! ^= 1;
    const signedData = await signCms(issued, other);
    assert.equal(
      codeOf(await world.signatures.verifySignedChallenge({ challengeId, signedData })),
      'SIGNATURE_INVALID',
    );
    const next = await challenge();
    assert.equal(
      codeOf(
        await world.signatures.verifySignedChallenge({
          challengeId: next.challengeId,
          signedData: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
        }),
      ),
      'SIGNATURE_INVALID',
    );
  });

  it('uses a challenge once: a replay is CHALLENGE_INVALID, and so is one past its 5 minutes', async () => {
    const issued = await issue({ idNumber: '001090000010' });
    const { challengeId, nonce } = await challenge();
    const signedData = await signCms(issued, nonce);
    assert.equal(codeOf(await world.signatures.verifySignedChallenge({ challengeId, signedData })), 'ok');
    assert.equal(
      codeOf(await world.signatures.verifySignedChallenge({ challengeId, signedData })),
      'CHALLENGE_INVALID',
    );

    const late = await challenge();
    const lateSigned = await signCms(issued, late.nonce);
    world.clock.advance(5 * 60_000);
    assert.equal(
      codeOf(
        await world.signatures.verifySignedChallenge({
          challengeId: late.challengeId,
          signedData: lateSigned,
        }),
      ),
      'CHALLENGE_INVALID',
    );
    assert.equal(
      codeOf(
        await world.signatures.verifySignedChallenge({ challengeId: 'no-such-challenge-0000', signedData }),
      ),
      'CHALLENGE_INVALID',
    );
  });

  it('fails closed with REVOCATION_UNAVAILABLE when OCSP and the CRL are both down; the challenge is used up', async () => {
    const issued = await issue({ idNumber: '001090000011', ca: 'fpt' });
    world.clock.advance(2 * 60_000); // past any cached CRL of an earlier test
    world.pki.setDown(true);
    try {
      const { challengeId, nonce } = await challenge();
      const signedData = await signCms(issued, nonce);
      assert.equal(
        codeOf(await world.signatures.verifySignedChallenge({ challengeId, signedData })),
        'REVOCATION_UNAVAILABLE',
      );
      world.pki.setDown(false);
      assert.equal(
        codeOf(await world.signatures.verifySignedChallenge({ challengeId, signedData })),
        'CHALLENGE_INVALID',
      );
    } finally {
      world.pki.setDown(false);
    }
  });

  it('answers from a cached OCSP answer until its nextUpdate, then asks again', async () => {
    const issued = await issue({ idNumber: '001090000012' });
    assert.equal(codeOf(await signAndVerify(issued)), 'ok');
    const calls = world.revocation.calls.ocsp;
    world.pki.setDown(true);
    try {
      assert.equal(codeOf(await signAndVerify(issued)), 'ok', 'cached: the CA is not asked');
      assert.equal(world.revocation.calls.ocsp, calls);
      world.clock.advance(61_000);
      assert.equal(codeOf(await signAndVerify(issued)), 'REVOCATION_UNAVAILABLE');
      assert.equal(world.revocation.calls.ocsp, calls + 1);
    } finally {
      world.pki.setDown(false);
    }
  });
});

/** A root and leaves of our own making: what the hub must not trust. */
async function selfMadePki(name: string) {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const rootKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a01',
    name: `CN=${name}, C=VN`,
    keys: rootKeys,
    signingAlgorithm: algorithm,
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2040-01-01'),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  return {
    root,
    rootKeys,
    async leaf(options: { issuerName: string; issuerKey: CryptoKey; authority?: x509.X509Certificate }) {
      const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
      const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: '0b02',
        subject: new x509.Name([
          { CN: [{ utf8String: 'Phạm Văn Giả' }] },
          { [UID]: [{ utf8String: 'CCCD:001090099999' }] },
        ]),
        issuer: options.issuerName,
        publicKey: keys.publicKey,
        signingKey: options.issuerKey,
        signingAlgorithm: algorithm,
        notBefore: new Date('2020-01-01'),
        notAfter: new Date('2040-01-01'),
        extensions: [
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          ...(options.authority
            ? [await x509.AuthorityKeyIdentifierExtension.create(options.authority)]
            : []),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
      return {
        certificatePem: certificate.toString('pem'),
        privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
      } satisfies Omit<IssuedCertificate, 'serialNumber' | 'chainPem'>;
    },
  };
}

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;
