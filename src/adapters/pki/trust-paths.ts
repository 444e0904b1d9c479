/**
 * The TrustPaths port with pkijs's chain engine: a path from the signer's OWN certificate through the
 * certificates it sent to one of the configured trust anchors, every signature, validity period and CA
 * constraint checked at the given time. pkijs takes the LAST certificate of `certs` as the end entity, so the
 * signer is put last, once, and the path it returns must start with it: a certificate that only names a
 * trusted issuer, or a chain a library assembled from another certificate, is untrusted.
 */
import type { PathCheck, SignerCertificate, TrustPaths } from '../../usecases/ports/signatures.ts';
import { exactBuffer, pkijs, x509 } from './engine.ts';

const UNTRUSTED: PathCheck = { outcome: 'untrusted' };

/** Trust anchors from PEM text (one or more certificates per text). */
export function anchorsFromPem(pems: readonly string[]): Uint8Array[] {
  return pems.flatMap((pem) => x509.PemConverter.decode(pem).map((der) => new Uint8Array(der)));
}

export function createTrustPaths(options: { anchors: readonly Uint8Array[] }): TrustPaths {
  const anchorKeys = new Set(options.anchors.map((der) => Buffer.from(der).toString('base64')));
  const parse = (der: Uint8Array) => pkijs.Certificate.fromBER(exactBuffer(der));
  // Parsed once: the engine only reads them.
  const trustedCerts = options.anchors.map(parse);
  return {
    async validate(signer: SignerCertificate, supplied: Uint8Array[], at: Date) {
      // Without anchors (dev without the test PKI) nothing can be trusted.
      if (anchorKeys.size === 0) return UNTRUSTED;
      try {
        const signerKey = Buffer.from(signer.der).toString('base64');
        const seen = new Set([signerKey, ...anchorKeys]);
        const intermediates: pkijs.Certificate[] = [];
        for (const der of supplied) {
          const key = Buffer.from(der).toString('base64');
          if (seen.has(key)) continue;
          seen.add(key);
          intermediates.push(parse(der));
        }
        const leaf = parse(signer.der);
        const engine = new pkijs.CertificateChainValidationEngine({
          trustedCerts,
          certs: [...intermediates, leaf],
          checkDate: at,
        });
        const result = await engine.verify();
        const path = result.certificatePath ?? [];
        if (!result.result || path.length < 2) return UNTRUSTED;
        const der = (certificate: pkijs.Certificate) =>
          new Uint8Array(certificate.toSchema(true).toBER(false));
        if (Buffer.from(der(path[0]!)).toString('base64') !== signerKey) return UNTRUSTED;
        if (!anchorKeys.has(Buffer.from(der(path[path.length - 1]!)).toString('base64'))) return UNTRUSTED;
        return { outcome: 'trusted', issuer: der(path[1]!) };
      } catch {
        return UNTRUSTED;
      }
    },
  };
}
