/**
 * The agent's loopback TLS identity, made at first start and kept in its data folder: a self-signed
 * certificate for 127.0.0.1 and localhost. Real agents install theirs into the system's trust store at
 * installation; here a citizen's browser trusts it once by opening the agent's address and accepting it
 * (PROTOCOL.md, "Trusting the agent"), and tests trust the file.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { x509 } from '../../lib/x509.ts';

export interface TlsIdentity {
  key: string;
  cert: string;
  /** Where the certificate is, for whoever needs to trust it. */
  certFile: string;
}

const VALID_DAYS = 825;

export async function loadOrCreateTls(dataDir: string, now: Date): Promise<TlsIdentity> {
  const folder = join(dataDir, 'tls');
  const keyFile = join(folder, 'key.pem');
  const certFile = join(folder, 'cert.pem');
  if (existsSync(keyFile) && existsSync(certFile)) {
    const cert = readFileSync(certFile, 'utf8');
    if (new x509.X509Certificate(cert).notAfter > now)
      return { key: readFileSync(keyFile, 'utf8'), cert, certFile };
  }
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8)
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: 'CN=127.0.0.1, O=DVC Signing Agent (simulator)',
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALID_DAYS * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const key = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  const cert = certificate.toString('pem');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, key, { mode: 0o600 });
  writeFileSync(certFile, cert);
  return { key, cert, certFile };
}
