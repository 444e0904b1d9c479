/**
 * The MSSP's client-certificate TLS, production shape: real MSSPs (e.g. the government CA's at port 18083) only
 * talk to application providers presenting the client certificate registered for them. Made at start, in memory:
 * a self-signed server certificate for 127.0.0.1 and one client certificate per application provider, each
 * trusted by the server as it is (its own CA list), so a connection without one is refused in the handshake.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { x509 } from '../../lib/x509.ts';

export interface TlsMaterial {
  server: { key: string; cert: string };
  /** The application provider's client certificate and key (what the hub would be configured with). */
  client: { key: string; cert: string };
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

async function selfSigned(name: string, now: Date, server: boolean) {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `1${randomBytes(8).toString('hex')}`,
    name,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 365 * 86_400_000),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([
        server ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
      ]),
      ...(server
        ? [
            new x509.SubjectAlternativeNameExtension([
              { type: 'ip', value: '127.0.0.1' },
              { type: 'dns', value: 'localhost' },
            ]),
          ]
        : []),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), cert: certificate.toString('pem') };
}

export async function makeTlsMaterial(now: Date, apName: string): Promise<TlsMaterial> {
  return {
    server: await selfSigned('CN=127.0.0.1, O=MSSP (simulator)', now, true),
    client: await selfSigned(`CN=${apName}, O=Application provider (simulator)`, now, false),
  };
}
