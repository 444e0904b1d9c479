/**
 * The test PKI's authorities: a root ("DVC Test Root CA - TEST ONLY") and three issuing CAs named after the
 * Vietnamese licensed CAs and marked as tests. Made at the first start and kept in `test_pki.authorities`;
 * when two processes start together the first insert wins and both read back the same keys.
 */
import type { SqlDatabase } from '../../lib/database.ts';
import {
  type CryptoKey,
  EC_ALGORITHM,
  generateKeys,
  importPrivateKeyPem,
  privateKeyPem,
  x509,
} from './crypto.ts';
import type { TestPkiTables } from './schema.ts';

export const CA_IDS = ['vnpt', 'viettel', 'fpt'] as const;
export type CaId = (typeof CA_IDS)[number];

const CA_NAMES: Record<CaId | 'root', { cn: string; o: string }> = {
  root: { cn: 'DVC Test Root CA - TEST ONLY', o: 'Dich vu cong Test PKI (TEST ONLY)' },
  vnpt: { cn: 'VNPT-CA (TEST)', o: 'VNPT Group (TEST ONLY)' },
  viettel: { cn: 'Viettel-CA (TEST)', o: 'Viettel Group (TEST ONLY)' },
  fpt: { cn: 'FPT-CA (TEST)', o: 'FPT Information System (TEST ONLY)' },
};

const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface Authority {
  id: CaId | 'root';
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

export interface Authorities {
  root: Authority;
  byId: Record<CaId, Authority>;
}

export const caName = (id: CaId | 'root') => CA_NAMES[id];

export async function loadOrCreateAuthorities(options: {
  database: SqlDatabase;
  now: () => Date;
  serialNumber: () => string;
}): Promise<Authorities> {
  const db = options.database.as<TestPkiTables>();
  const ensure = async (id: CaId | 'root', issuer: Authority | undefined): Promise<Authority> => {
    const stored = await db
      .selectFrom('test_pki.authorities')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!stored) {
      const made = await makeAuthority(id, issuer, options.now(), options.serialNumber());
      await db
        .insertInto('test_pki.authorities')
        .values(made)
        .onConflict((c) => c.column('id').doNothing())
        .execute();
      return ensure(id, issuer);
    }
    return {
      id,
      certificate: new x509.X509Certificate(stored.certificate_pem),
      privateKey: await importPrivateKeyPem(stored.private_key_pem, 'ec'),
    };
  };
  const root = await ensure('root', undefined);
  const byId = {} as Record<CaId, Authority>;
  for (const id of CA_IDS) byId[id] = await ensure(id, root);
  return { root, byId };
}

async function makeAuthority(id: CaId | 'root', issuer: Authority | undefined, now: Date, serial: string) {
  const keys = await generateKeys('ec');
  const { cn, o } = CA_NAMES[id];
  const name = new x509.Name([{ CN: [cn] }, { O: [o] }, { C: ['VN'] }]);
  const validity = {
    // Back-dated, so certificates a test issues "two years ago" still sit inside their CA's lifetime.
    notBefore: new Date(now.getTime() - 3 * YEAR_MS),
    notAfter: new Date(now.getTime() + (id === 'root' ? 25 : 15) * YEAR_MS),
  };
  const extensions = [
    new x509.BasicConstraintsExtension(true, id === 'root' ? undefined : 0, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const certificate = issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber: serial,
        subject: name,
        issuer: issuer.certificate.subject,
        publicKey: keys.publicKey,
        signingKey: issuer.privateKey,
        signingAlgorithm: EC_ALGORITHM,
        ...validity,
        extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate)],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial,
        name,
        keys,
        signingAlgorithm: EC_ALGORITHM,
        ...validity,
        extensions,
      });
  return {
    id,
    certificate_pem: certificate.toString('pem'),
    private_key_pem: await privateKeyPem(keys.privateKey),
  };
}
