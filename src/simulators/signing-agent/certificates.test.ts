/** The chain the agent sends: found by name and key identifier, so a stale CA of the same name is never sent. */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { describe, it } from 'node:test';
import * as x509 from '@peculiar/x509';
import { chainOf, describeCertificate } from './certificates.ts';
import type { StoredCertificate } from './token.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

interface Made {
  certificate: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

async function make(name: string, issuer?: Made): Promise<Made> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: name,
    issuer: issuer ? issuer.certificate.subject : name,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
    publicKey: keys.publicKey,
    signingKey: (issuer ?? { keys }).keys.privateKey,
    signingAlgorithm: algorithm,
    extensions: [
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ...(issuer ? [await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate)] : []),
    ],
  });
  return { certificate, keys };
}

const stored = (made: Made, authority: boolean): StoredCertificate => ({
  id: 'aa',
  label: 'x',
  authority,
  der: new Uint8Array(made.certificate.rawData),
});

describe('signing agent: the chain sent with a signature', () => {
  it('takes the CA that signed the certificate, not an older CA of the same name, and leaves the root out', async () => {
    const oldRoot = await make('CN=DVC Test Root CA');
    const oldCa = await make('CN=VNPT-CA (TEST)', oldRoot);
    const root = await make('CN=DVC Test Root CA');
    const ca = await make('CN=VNPT-CA (TEST)', root);
    const leaf = await make('CN=Nguyễn Hoàng Quân, 0.9.2342.19200300.100.1.1=CCCD:044072697127', ca);
    const chain = chainOf(new Uint8Array(leaf.certificate.rawData), [
      stored(oldCa, true),
      stored(oldRoot, true),
      stored(ca, true),
      stored(root, true),
    ]);
    assert.deepEqual(chain, [new Uint8Array(ca.certificate.rawData)]);
    assert.deepEqual(chainOf(new Uint8Array(leaf.certificate.rawData), [stored(oldCa, true)]), []);
    const info = describeCertificate(stored(leaf, false));
    assert.deepEqual(
      [info.subjectCN, info.issuerCN, info.uid],
      ['Nguyễn Hoàng Quân', 'VNPT-CA (TEST)', 'CCCD:044072697127'],
    );
  });
});
