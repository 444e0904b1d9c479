/**
 * The RevocationChecker port: OCSP (RFC 6960) at the responder the certificate's AIA names, else the CRL its
 * CDP names, through the shared partner guard (timeout, a circuit breaker per responder, metrics, one log
 * line), failing closed: `unavailable` when neither gave a verified, current answer. OCSP answers are cached
 * until their nextUpdate, CRLs until theirs, by the injected clock; an answer without nextUpdate is not cached.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type {
  RevocationChecker,
  RevocationStatus,
  SignerCertificate,
} from '../../usecases/ports/signatures.ts';
import { createPartnerGuard, type PartnerGuard } from '../http/partner-guard.ts';
import { normalSerial } from './certificate-reader.ts';
import { exactBuffer, pkijs, x509 } from './engine.ts';

export interface RevocationCheckerOptions {
  /** Per call to a responder, the whole exchange. */
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  registry?: Registry;
  /** Clock skew allowed on a responder's thisUpdate. */
  skewMs?: number;
  /** Entries kept in each cache at most (oldest dropped first). */
  cacheLimit?: number;
}

interface CachedStatus {
  status: 'good' | 'revoked';
  until: number;
}
interface CachedCrl {
  revoked: Set<string>;
  until: number;
}

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

export function createRevocationChecker(options: RevocationCheckerOptions): RevocationChecker & {
  /** Calls made to responders, by kind (for tests of the caches). */
  calls: { ocsp: number; crl: number };
} {
  const registry = options.registry ?? new Registry();
  const skewMs = options.skewMs ?? 5 * 60_000;
  const cacheLimit = options.cacheLimit ?? 10_000;
  const ocspCache = new Map<string, CachedStatus>();
  const crlCache = new Map<string, CachedCrl>();
  const guards = new Map<string, PartnerGuard>();
  const calls = { ocsp: 0, crl: 0 };
  const now = () => options.now().getTime();

  // One breaker per responder: one CA's outage must not stop the others' certificates.
  const guardOf = (kind: 'ocsp' | 'crl', url: URL) => {
    const name = `${kind}:${url.host}`;
    let guard = guards.get(name);
    if (!guard) {
      guard = createPartnerGuard({
        partner: name,
        timeoutMs: options.timeoutMs,
        now: options.now,
        logger: options.logger.child({ component: 'revocation' }),
        registry,
        errorCodeOf: () => undefined,
      });
      guards.set(name, guard);
    }
    return guard;
  };
  const remember = <T>(cache: Map<string, T>, key: string, value: T) => {
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  };

  async function askOcsp(
    url: URL,
    certificate: pkijs.Certificate,
    issuer: pkijs.Certificate,
    requestId: string,
  ): Promise<CachedStatus | undefined> {
    const request = new pkijs.OCSPRequest();
    await request.createForCertificate(certificate, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
    calls.ocsp += 1;
    const body = await guardOf('ocsp', url).call({
      operation: 'ocsp',
      request: {
        method: 'POST',
        url: url.toString(),
        headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
        body: new Uint8Array(request.toSchema(true).toBER(false)),
        answerAs: 'bytes',
      },
      read: (answer) => (Buffer.isBuffer(answer) ? answer : undefined),
      requestId,
    });
    if (!body) return undefined;
    return readOcspAnswer(body, certificate, issuer);
  }

  async function readOcspAnswer(
    body: Buffer,
    certificate: pkijs.Certificate,
    issuer: pkijs.Certificate,
  ): Promise<CachedStatus | undefined> {
    try {
      const response = pkijs.OCSPResponse.fromBER(exactBuffer(body));
      if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) return undefined;
      if (response.responseBytes.responseType !== OCSP_BASIC) return undefined;
      const basic = pkijs.BasicOCSPResponse.fromBER(
        exactBuffer(new Uint8Array(response.responseBytes.response.valueBlock.valueHexView)),
      );
      // A CA answering for itself may leave its own certificate out of the response.
      basic.certs = [...(basic.certs ?? []), issuer];
      // The issuing CA, already on a validated path, may answer for its certificates itself; a delegated
      // responder must chain to it (pkijs checks the OCSP-signing purpose and that it answers for this issuer).
      if (
        !(await basic.verify({ trustedCerts: [issuer], issuerCerts: [issuer], trustedResponders: [issuer] }))
      )
        return undefined;
      const status = await basic.getCertificateStatus(certificate, issuer);
      if (!status.isForCertificate || status.status === 2) return undefined;
      const single = await singleResponseFor(basic, certificate, issuer);
      if (!single) return undefined;
      const at = now();
      if (single.thisUpdate.getTime() > at + skewMs) return undefined;
      const until = single.nextUpdate?.getTime() ?? at;
      if (single.nextUpdate && until <= at) return undefined;
      return { status: status.status === 1 ? 'revoked' : 'good', until };
    } catch {
      return undefined;
    }
  }

  async function askCrl(url: URL, issuerDer: Uint8Array, requestId: string): Promise<CachedCrl | undefined> {
    const key = url.toString();
    const cached = crlCache.get(key);
    if (cached && cached.until > now()) return cached;
    calls.crl += 1;
    const body = await guardOf('crl', url).call({
      operation: 'crl',
      request: {
        method: 'GET',
        url: key,
        headers: { accept: 'application/pkix-crl' },
        answerAs: 'bytes',
        retryOnConnectionError: true,
      },
      read: (answer) => (Buffer.isBuffer(answer) ? answer : undefined),
      requestId,
    });
    if (!body) return undefined;
    try {
      const crl = new x509.X509Crl(body);
      const issuerCert = new x509.X509Certificate(issuerDer);
      if (!(await crl.verify({ publicKey: issuerCert.publicKey }))) return undefined;
      if (crl.issuerName.toString() !== issuerCert.subjectName.toString()) return undefined;
      const at = now();
      if (crl.thisUpdate.getTime() > at + skewMs) return undefined;
      if (!crl.nextUpdate || crl.nextUpdate.getTime() <= at) return undefined;
      const fresh = {
        revoked: new Set(crl.entries.map((entry) => normalSerial(entry.serialNumber))),
        until: crl.nextUpdate.getTime(),
      };
      remember(crlCache, key, fresh);
      return fresh;
    } catch {
      return undefined;
    }
  }

  return {
    calls,
    async status(signer: SignerCertificate, issuerDer: Uint8Array, context): Promise<RevocationStatus> {
      const key = `${createHash('sha256').update(issuerDer).digest('hex')}:${signer.facts.serialNumber}`;
      const cached = ocspCache.get(key);
      if (cached && cached.until > now()) return cached.status;
      const certificate = pkijs.Certificate.fromBER(exactBuffer(signer.der));
      const issuer = pkijs.Certificate.fromBER(exactBuffer(issuerDer));
      const parsed = new x509.X509Certificate(signer.der);
      for (const url of ocspUrls(parsed)) {
        const answer = await askOcsp(url, certificate, issuer, context.requestId);
        if (!answer) continue;
        if (answer.until > now()) remember(ocspCache, key, answer);
        return answer.status;
      }
      for (const url of crlUrls(parsed)) {
        const crl = await askCrl(url, issuerDer, context.requestId);
        if (crl) return crl.revoked.has(signer.facts.serialNumber) ? 'revoked' : 'good';
      }
      return 'unavailable';
    },
  };
}

async function singleResponseFor(
  basic: pkijs.BasicOCSPResponse,
  certificate: pkijs.Certificate,
  issuer: pkijs.Certificate,
): Promise<pkijs.SingleResponse | undefined> {
  for (const single of basic.tbsResponseData.responses) {
    const id = new pkijs.CertID();
    const hash = single.certID.hashAlgorithm.algorithmId === '1.3.14.3.2.26' ? 'SHA-1' : 'SHA-256';
    await id.createForCertificate(certificate, { hashAlgorithm: hash, issuerCertificate: issuer });
    if (single.certID.isEqual(id)) return single;
  }
  return undefined;
}

const httpUrls = (values: string[]) =>
  values.flatMap((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? [url] : [];
    } catch {
      return [];
    }
  });

function ocspUrls(certificate: x509.X509Certificate): URL[] {
  const aia = certificate.getExtension(x509.AuthorityInfoAccessExtension);
  return httpUrls((aia?.ocsp ?? []).filter((name) => name.type === 'url').map((name) => name.value));
}

function crlUrls(certificate: x509.X509Certificate): URL[] {
  const cdp = certificate.getExtension(x509.CRLDistributionPointsExtension);
  const uris: string[] = [];
  for (const point of cdp?.distributionPoints ?? [])
    for (const name of point.distributionPoint?.fullName ?? [])
      if (name.uniformResourceIdentifier) uris.push(name.uniformResourceIdentifier);
  return httpUrls(uris);
}
