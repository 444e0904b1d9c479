/**
 * First start (and any start that finds a holder without a usable certificate): make the holder's key pair
 * ON the token, send only its public key to the test PKI (`POST {hub}/sim/ca/certificates` with
 * `publicKeyPem`), and store the certificate and its issuing CAs on the token. A certificate that has expired,
 * or that no longer chains to the PKI's current root (its database was reset), is replaced; the key stays.
 */
import { createHash } from 'node:crypto';
import { pkijs, x509 } from '../../lib/x509.ts';
import type { DemoHolder } from './demo.ts';
import type { Pkcs11Token } from './token.ts';

export interface EnrolOptions {
  token: Pkcs11Token;
  pin: string;
  pkiUrl: string;
  holders: DemoHolder[];
  now: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type EnrolOutcome =
  | { holder: DemoHolder; status: 'kept' | 'issued' }
  | { holder: DemoHolder; status: 'failed'; reason: string };

export async function enrolDemoHolders(options: EnrolOptions): Promise<EnrolOutcome[]> {
  const http = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const root = await fetchRoot(http, options.pkiUrl, timeoutMs);
  const outcomes: EnrolOutcome[] = [];
  for (const holder of options.holders) {
    try {
      outcomes.push({ holder, status: await enrolOne(options, holder, root, http, timeoutMs) });
    } catch (error) {
      outcomes.push({
        holder,
        status: 'failed',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (root) await forgetOtherRoots(options.token, root);
  return outcomes;
}

async function enrolOne(
  options: EnrolOptions,
  holder: DemoHolder,
  root: x509.X509Certificate | undefined,
  http: typeof fetch,
  timeoutMs: number,
): Promise<'kept' | 'issued'> {
  const { token } = options;
  const key =
    token.keys().find((k) => k.label === holder.label) ??
    token.generateKeyPair(holder.kind, holder.label, options.pin);
  const stored = token.certificates().filter((c) => !c.authority && c.id === key.id);
  for (const certificate of stored) {
    if (await stillUsable(certificate.der, token, root, options.now())) return 'kept';
    token.removeCertificate(certificate.der);
  }
  const response = await http(`${options.pkiUrl}/sim/ca/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...holder.request, publicKeyPem: token.publicKeyPem(key.id) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 201)
    throw new Error(`the test PKI answered ${response.status} to POST /sim/ca/certificates`);
  const issued = (await response.json()) as { certificatePem?: unknown; chainPem?: unknown };
  if (typeof issued.certificatePem !== 'string')
    throw new Error('the test PKI answered without certificatePem');
  const leaf = new x509.X509Certificate(issued.certificatePem);
  storeOnToken(token, leaf, key.id, holder.label, false);
  const known = new Set(token.certificates().map((c) => Buffer.from(c.der).toString('base64')));
  for (const pem of typeof issued.chainPem === 'string' ? splitPem(issued.chainPem) : []) {
    const ca = new x509.X509Certificate(pem);
    if (known.has(Buffer.from(ca.rawData).toString('base64'))) continue;
    const caId = createHash('sha1').update(new Uint8Array(ca.publicKey.rawData)).digest('hex');
    storeOnToken(token, ca, caId, ca.subjectName.getField('CN')[0] ?? 'CA', true);
  }
  return 'issued';
}

function storeOnToken(
  token: Pkcs11Token,
  certificate: x509.X509Certificate,
  id: string,
  label: string,
  authority: boolean,
) {
  const der = new Uint8Array(certificate.rawData);
  const parsed = pkijs.Certificate.fromBER(der);
  token.storeCertificate({
    der,
    id,
    label,
    authority,
    subject: new Uint8Array(parsed.subject.toSchema().toBER()),
    issuer: new Uint8Array(parsed.issuer.toSchema().toBER()),
    serialNumber: new Uint8Array(parsed.serialNumber.toBER()),
  });
}

/** Valid for at least a day more, and (when the PKI's root is known) issued under that root. */
async function stillUsable(
  der: Uint8Array,
  token: Pkcs11Token,
  root: x509.X509Certificate | undefined,
  now: Date,
): Promise<boolean> {
  const certificate = new x509.X509Certificate(der);
  if (certificate.notAfter.getTime() - now.getTime() < 24 * 3600_000) return false;
  return !root || chainsTo(certificate, authoritiesOn(token), root);
}

/** CA certificates of an earlier root (the PKI's database was reset) are of no use: removed from the token. */
async function forgetOtherRoots(token: Pkcs11Token, root: x509.X509Certificate): Promise<void> {
  const authorities = authoritiesOn(token);
  for (const ca of authorities)
    if (!(await chainsTo(ca, authorities, root))) token.removeCertificate(new Uint8Array(ca.rawData));
}

const authoritiesOn = (token: Pkcs11Token) =>
  token
    .certificates()
    .filter((c) => c.authority)
    .map((c) => new x509.X509Certificate(c.der));

/** Walks up by signature (not by name alone: two generations of a CA share its name) to the root. */
async function chainsTo(
  certificate: x509.X509Certificate,
  authorities: x509.X509Certificate[],
  root: x509.X509Certificate,
): Promise<boolean> {
  let current = certificate;
  for (let depth = 0; depth < 5; depth += 1) {
    const verifiedBy = (issuer: x509.X509Certificate) =>
      issuer.subject === current.issuer &&
      current.verify({ publicKey: issuer.publicKey, signatureOnly: true });
    if (await verifiedBy(root)) return true;
    let next: x509.X509Certificate | undefined;
    for (const ca of authorities)
      if (ca !== current && (await verifiedBy(ca))) {
        next = ca;
        break;
      }
    if (!next) return false;
    current = next;
  }
  return false;
}

async function fetchRoot(http: typeof fetch, pkiUrl: string, timeoutMs: number) {
  try {
    const response = await http(`${pkiUrl}/sim/ca/root.pem`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? new x509.X509Certificate(await response.text()) : undefined;
  } catch {
    return undefined;
  }
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
