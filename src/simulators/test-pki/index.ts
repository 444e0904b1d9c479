/**
 * The test PKI simulator: a test root, issuing CAs named after the Vietnamese licensed CAs (marked as tests),
 * an OCSP responder and CRLs over HTTP, revocation, outage switches, and the dev API of methods.md
 * (`/sim/ca/*`). State lives in schema `test_pki`. README.md is the contract; never imports hub code.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../../lib/database.ts';
import { CA_IDS, type CaId, loadOrCreateAuthorities } from './authorities.ts';
import type { KeyType } from './crypto.ts';
import { type IssuedCertificate, type IssueRequest, issueCertificate, type KeyUsageName } from './issue.ts';
import { type PkiFaults, testPkiRoutes } from './routes.ts';
import { migrateTestPki } from './schema.ts';
import { createCertificateStore } from './store.ts';

export type { CaId, IssuedCertificate, IssueRequest, KeyType, KeyUsageName, PkiFaults };
export { CA_IDS };

export interface TestPkiOptions {
  database: SqlDatabase;
  now?: () => Date;
  clock?: { now(): Date };
  /** Random bytes for serial numbers; crypto.randomBytes by default. */
  random?: (bytes: number) => Uint8Array;
  logger: Logger;
  /** Where its HTTP routes are reachable (for the AIA and CDP URLs); a function when known only once listening. */
  baseUrl: string | (() => string);
  /** Told about each business certificate, so the business registry can hold the tax code (as active). */
  onOrganisationCertificate?: (taxCode: string, organisationName: string) => Promise<void>;
}

export interface TestPki {
  routes(app: FastifyInstance): Promise<void>;
  issue(request: IssueRequest): Promise<IssuedCertificate>;
  /** `revoked`, `already` (revoked before) or `not_found`. */
  revoke(serialNumber: string): Promise<'revoked' | 'already' | 'not_found'>;
  rootPem(): string;
  setOcspDown(down: boolean): void;
  /** OCSP and CRL both (the whole CA site). */
  setDown(down: boolean): void;
  faults: PkiFaults;
  close(): Promise<void>;
}

export async function createTestPki(options: TestPkiOptions): Promise<TestPki> {
  const now = options.now ?? (options.clock ? () => options.clock!.now() : () => new Date());
  const random = options.random ?? ((n: number) => randomBytes(n));
  // Positive, 16 bytes, never a leading zero byte: the same hex whichever library prints it.
  const serialNumber = () => {
    const bytes = Buffer.from(random(16));
    bytes[0] = (bytes[0]! & 0x7f) | 0x10;
    return bytes.toString('hex');
  };
  await migrateTestPki(options.database.as());
  const authorities = await loadOrCreateAuthorities({ database: options.database, now, serialNumber });
  const store = createCertificateStore(options.database);
  const faults: PkiFaults = { ocspDown: false, down: false, latencyMs: 0 };
  const baseUrl = () => (typeof options.baseUrl === 'string' ? options.baseUrl : options.baseUrl());

  const issue = async (request: IssueRequest): Promise<IssuedCertificate> => {
    const ca: CaId = request.ca ?? 'vnpt';
    const authority = { ...authorities.byId[ca], id: ca };
    const { notAfter, ...issued } = await issueCertificate({
      request,
      authority,
      serialNumber: serialNumber(),
      now: now(),
      pkiUrl: `${baseUrl().replace(/\/+$/, '')}/pki`,
    });
    await store.add({ ...issued, authority: ca, notAfter });
    if (request.taxCode && options.onOrganisationCertificate)
      await options.onOrganisationCertificate(
        request.taxCode,
        request.organisationName ?? 'Doanh nghiệp thử nghiệm (TEST)',
      );
    options.logger.info({ ca, serialNumber: issued.serialNumber }, 'test certificate issued');
    return issued;
  };
  const revoke = async (serial: string) => {
    const result = await store.revoke(serial.toLowerCase(), now());
    if (result === 'revoked') options.logger.info({ serialNumber: serial }, 'test certificate revoked');
    return result;
  };

  return {
    issue,
    revoke,
    rootPem: () => authorities.root.certificate.toString('pem'),
    setOcspDown: (down) => {
      faults.ocspDown = down;
    },
    setDown: (down) => {
      faults.down = down;
    },
    faults,
    routes: (app) => testPkiRoutes(app, { authorities, store, faults, now, issue, revoke }),
    close: async () => {},
  };
}
