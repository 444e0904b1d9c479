/**
 * HTTP side of the test PKI. What a relying party calls: `/pki/{ca}/ocsp` (RFC 6960, POST and GET forms),
 * `/pki/{ca}/crl`, `/pki/{ca}/ca.cer`, `/pki/root.cer`. And the dev API of methods.md under `/sim/ca`
 * (issue, revoke, root, outage switches, latency). README.md is the contract.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type FaultSwitches, faultSwitchRoutes, partnerFaults } from '../kit/faults.ts';
import { type Authorities, CA_IDS, type CaId } from './authorities.ts';
import type { IssuedCertificate, IssueRequest } from './issue.ts';
import { KEY_USAGE_NAMES, type KeyUsageName, requestProblems } from './issue.ts';
import { answerOcsp, makeCrl } from './revocation.ts';
import type { CertificateStore } from './store.ts';

/** Fault switches: OCSP only, the whole CA site (OCSP and CRL), and a delay on every PKI answer. */
export interface PkiFaults extends FaultSwitches {
  ocspDown: boolean;
}

interface RoutesOptions {
  authorities: Authorities;
  store: CertificateStore;
  faults: PkiFaults;
  now: () => Date;
  issue(request: IssueRequest): Promise<IssuedCertificate>;
  revoke(serialNumber: string): Promise<'revoked' | 'already' | 'not_found'>;
}

const isCa = (value: string): value is CaId => (CA_IDS as readonly string[]).includes(value);
const unavailable = (reply: FastifyReply) =>
  reply
    .code(503)
    .header('retry-after', '30')
    .type('text/plain')
    .send('The CA service is temporarily unavailable.');

export async function testPkiRoutes(app: FastifyInstance, options: RoutesOptions): Promise<void> {
  await app.register(async (scope) => pkiRoutes(scope, options));
  await app.register(async (scope) => devRoutes(scope, options));
}

async function pkiRoutes(app: FastifyInstance, options: RoutesOptions) {
  const { authorities, store, faults, now } = options;
  app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  // The outage is answered route by route: OCSP and CRL stop, the certificates stay up.
  app.addHook('onRequest', partnerFaults(faults));

  const ocsp = async (ca: string, der: Uint8Array, reply: FastifyReply) => {
    if (faults.down || faults.ocspDown) return unavailable(reply);
    if (!isCa(ca)) return reply.code(404).send();
    const answer = await answerOcsp(authorities.byId[ca], der, (serial) => store.statusOf(ca, serial), now());
    return reply
      .type('application/ocsp-response')
      .header('cache-control', 'max-age=60')
      .send(Buffer.from(answer));
  };
  app.post<{ Params: { ca: string } }>(
    '/pki/:ca/ocsp',
    { schema: { hide: true } },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) return reply.code(415).send();
      return ocsp(request.params.ca, request.body, reply);
    },
  );
  // GET form (RFC 6960 appendix A.1): the DER request, base64 then URL-encoded, as the last path segment(s).
  app.get<{ Params: { ca: string; '*': string } }>(
    '/pki/:ca/ocsp/*',
    { schema: { hide: true } },
    async (request, reply) =>
      ocsp(request.params.ca, Buffer.from(decodeURIComponent(request.params['*']), 'base64'), reply),
  );
  app.get<{ Params: { ca: string } }>('/pki/:ca/crl', { schema: { hide: true } }, async (request, reply) => {
    if (faults.down) return unavailable(reply);
    const { ca } = request.params;
    if (!isCa(ca)) return reply.code(404).send();
    const crl = await makeCrl(authorities.byId[ca], await store.revokedBy(ca), now());
    return reply.type('application/pkix-crl').send(Buffer.from(crl));
  });
  app.get<{ Params: { ca: string } }>(
    '/pki/:ca/ca.cer',
    { schema: { hide: true } },
    async (request, reply) => {
      const { ca } = request.params;
      if (!isCa(ca)) return reply.code(404).send();
      return reply.type('application/pkix-cert').send(Buffer.from(authorities.byId[ca].certificate.rawData));
    },
  );
  app.get('/pki/root.cer', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/pkix-cert').send(Buffer.from(authorities.root.certificate.rawData)),
  );
}

async function devRoutes(app: FastifyInstance, options: RoutesOptions) {
  app.post('/sim/ca/certificates', { schema: { hide: true } }, async (request, reply) => {
    const read = readIssueRequest(request.body);
    if ('problems' in read)
      return reply.code(422).send({ error: 'invalid certificate request', details: read.problems });
    const issued = await options.issue(read.request);
    return reply.code(201).send(issued);
  });
  app.get('/sim/ca/root.pem', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/x-pem-file').send(options.authorities.root.certificate.toString('pem')),
  );
  app.post<{ Params: { serialNumber: string } }>(
    '/sim/ca/certificates/:serialNumber/revoke',
    { schema: { hide: true } },
    async (request, reply) => {
      const serialNumber = request.params.serialNumber.toLowerCase();
      if (!/^[0-9a-f]{1,64}$/.test(serialNumber))
        return reply.code(404).send({ error: 'no such certificate' });
      const result = await options.revoke(serialNumber);
      if (result === 'not_found') return reply.code(404).send({ error: 'no such certificate' });
      return { serialNumber, revoked: true };
    },
  );
  faultSwitchRoutes(app, '/sim/ca', options.faults, {
    outages: {
      '/ocsp/outage': (down) => {
        options.faults.ocspDown = down;
      },
    },
  });
}

/** The dev API's body as an IssueRequest, or what is wrong with it. */
export function readIssueRequest(body: unknown): { request: IssueRequest } | { problems: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { problems: ['the body must be a JSON object'] };
  const fields = body as Record<string, unknown>;
  const problems: string[] = [];
  const request: IssueRequest = {};
  const text = (name: keyof IssueRequest & string) => {
    const value = fields[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${name} must be a non-empty string`);
      return undefined;
    }
    return value.trim();
  };
  const idNumber = text('idNumber');
  if (idNumber !== undefined) request.idNumber = idNumber;
  const taxCode = text('taxCode');
  if (taxCode !== undefined) request.taxCode = taxCode;
  const fullName = text('fullName');
  if (fullName !== undefined) request.fullName = fullName;
  const organisationName = text('organisationName');
  if (organisationName !== undefined) request.organisationName = organisationName;
  if (fields.noIdentity !== undefined) {
    if (typeof fields.noIdentity !== 'boolean') problems.push('noIdentity must be true or false');
    else request.noIdentity = fields.noIdentity;
  }
  const ca = text('ca');
  if (ca !== undefined) {
    if (isCa(ca)) request.ca = ca;
    else problems.push(`ca is one of ${CA_IDS.join(', ')}`);
  }
  const keyType = fields.keyType;
  if (keyType !== undefined) {
    if (keyType === 'ec' || keyType === 'rsa') request.keyType = keyType;
    else problems.push('keyType is ec or rsa');
  }
  if (fields.validDays !== undefined) {
    if (typeof fields.validDays !== 'number') problems.push('validDays must be a number');
    else request.validDays = fields.validDays;
  }
  const notBefore = text('notBefore');
  if (notBefore !== undefined) {
    const date = new Date(notBefore);
    if (Number.isNaN(date.getTime())) problems.push('notBefore must be an ISO instant');
    else request.notBefore = date;
  }
  const publicKeyPem = fields.publicKeyPem;
  if (publicKeyPem !== undefined) {
    if (typeof publicKeyPem !== 'string' || !publicKeyPem.includes('-----BEGIN PUBLIC KEY-----'))
      problems.push('publicKeyPem must be an SPKI PEM (-----BEGIN PUBLIC KEY-----)');
    else request.publicKey = publicKeyPem;
  }
  if (fields.keyUsage !== undefined) {
    if (
      !Array.isArray(fields.keyUsage) ||
      !fields.keyUsage.every((u) => (KEY_USAGE_NAMES as readonly unknown[]).includes(u))
    )
      problems.push(`keyUsage is a list of ${KEY_USAGE_NAMES.join(', ')}`);
    else request.keyUsage = fields.keyUsage as KeyUsageName[];
  }
  const known = new Set([
    'idNumber',
    'taxCode',
    'fullName',
    'organisationName',
    'noIdentity',
    'ca',
    'keyType',
    'validDays',
    'notBefore',
    'publicKeyPem',
    'keyUsage',
  ]);
  for (const name of Object.keys(fields))
    if (!known.has(name)) problems.push(`${name} is not a field of this request`);
  problems.push(...requestProblems(request));
  return problems.length > 0 ? { problems } : { request };
}
