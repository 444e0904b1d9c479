/**
 * One remote-signing provider's CSC API v2 over HTTP, under its own base path (`/rssp/{provider}`): `csc/v2/info`,
 * `oauth2/token` (client credentials: the hub as a service), then with the Bearer token `csc/v2/credentials/list`
 * (by userID, the ID number), `credentials/info`, `credentials/authorize` (asynchronous: the user approves in
 * the app), `credentials/authorizeCheck` and `signatures/signHash`. Every request body is checked against the
 * schemas; errors are CSC's `{ error, error_description }`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type ClientCredentials, clientSecretCheck } from '../kit/clients.ts';
import { partnerErrors } from '../kit/errors.ts';
import { type FaultSwitches, partnerFaults } from '../kit/faults.ts';
import { pemToDer } from '../mssp/keys.ts';
import { x509 } from '../test-pki/crypto.ts';
import { type CredentialInfo, CSC, problemOf } from './schemas.ts';
import type { ProviderId, RemoteSigningService, RemoteUser } from './service.ts';
import { APPROVAL_WINDOW_SECONDS, SAD_SECONDS } from './service.ts';

export type { ClientCredentials };
export type RemoteSigningFaults = FaultSwitches;

const NAMES: Record<ProviderId, { name: string; description: string }> = {
  smartca: {
    name: 'VNPT SmartCA (TEST)',
    description: 'Dịch vụ ký số từ xa thử nghiệm (remote signing test service)',
  },
  mysign: {
    name: 'Viettel MySign (TEST)',
    description: 'Dịch vụ ký số từ xa thử nghiệm (remote signing test service)',
  },
};

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const METHODS = [
  'oauth2/token',
  'credentials/list',
  'credentials/info',
  'credentials/authorize',
  'credentials/authorizeCheck',
  'signatures/signHash',
];

/** CSC dates: GeneralizedTime as YYYYMMDDHHMMSSZ. */
const cscDate = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

export function basePath(provider: ProviderId) {
  return `/rssp/${provider}`;
}

export async function cscRoutes(
  app: FastifyInstance,
  options: {
    provider: ProviderId;
    service: RemoteSigningService;
    clients: readonly ClientCredentials[];
    faults: RemoteSigningFaults;
    now: () => Date;
  },
) {
  const { provider, service, faults, now } = options;
  const clientKnown = clientSecretCheck(options.clients);
  // The scope is mounted under basePath(provider) (its own prefix, so its not-found handler is its own).
  const base = '';
  const publicBase = basePath(provider);

  const fail = (reply: FastifyReply, status: number, error: string, description: string) =>
    reply.code(status).type('application/json').send({ error, error_description: description });

  // The OAuth token request is form-encoded; a server that already reads forms keeps its own parser.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded'))
    await app.register(import('@fastify/formbody'));
  partnerErrors(app, {
    failed: 'remote signing simulator failed',
    // CSC's errors carry no other client status: whatever Fastify refuses is a 400.
    invalid: (_request, reply) => fail(reply, 400, 'invalid_request', 'The request body is not valid.'),
    unavailable: (_request, reply) => fail(reply, 503, 'temporarily_unavailable', 'Try again later.'),
    notFound: (_request, reply) => fail(reply, 404, 'invalid_request', 'No such method.'),
  });

  app.addHook(
    'onRequest',
    partnerFaults(faults, (_request, reply) =>
      fail(reply, 503, 'temporarily_unavailable', 'The service is temporarily unavailable.'),
    ),
  );
  app.addHook('onRequest', async (request, reply) => {
    const open = request.url.endsWith('/csc/v2/info') || request.url.endsWith('/oauth2/token');
    if (open) return;
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !service.tokenValid(provider, bearer))
      return fail(
        reply.header('www-authenticate', 'Bearer'),
        401,
        'invalid_token',
        'A valid access token is required.',
      );
  });

  const info = (request: { protocol: string; host: string }) => ({
    specs: '2.0.0.2',
    name: NAMES[provider].name,
    logo: `${request.protocol}://${request.host}${publicBase}/logo.png`,
    region: 'VN',
    lang: 'vi-VN',
    description: NAMES[provider].description,
    authType: ['oauth2client' as const],
    oauth2: `${request.protocol}://${request.host}${publicBase}`,
    asynchronousOperationMode: true,
    methods: METHODS,
    signAlgorithms: { algos: [OID.sha256WithRsa, OID.rsaEncryption] },
  });
  app.get(`${base}/csc/v2/info`, { schema: { hide: true } }, async (request) => info(request));
  app.post(`${base}/csc/v2/info`, { schema: { hide: true } }, async (request, reply) => {
    const problem = problemOf(CSC.infoRequest, request.body ?? {});
    if (problem) return fail(reply, 400, 'invalid_request', problem);
    return info(request);
  });

  app.post(`${base}/oauth2/token`, { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const problem = problemOf(CSC.tokenRequest, body);
    if (problem)
      return fail(
        reply,
        400,
        body.grant_type === 'client_credentials' ? 'invalid_request' : 'unsupported_grant_type',
        problem,
      );
    let clientId = body.client_id;
    let secret = body.client_secret;
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (!clientKnown(clientId, secret ?? ''))
      return fail(
        reply.header('www-authenticate', 'Basic'),
        401,
        'invalid_client',
        'Client authentication failed.',
      );
    return reply.header('cache-control', 'no-store').send(service.issueToken(provider, clientId!));
  });

  const credentialInfo = (
    user: RemoteUser,
    certificates: 'none' | 'single' | 'chain',
    withCertInfo: boolean,
  ): CredentialInfo => {
    const certificate = new x509.X509Certificate(user.key.certificatePem);
    const chain = pemToDer(user.key.chainPem);
    const der = (c: x509.X509Certificate) => Buffer.from(c.rawData).toString('base64');
    return {
      credentialID: user.credentialID,
      description: `Chữ ký số cá nhân của ${user.fullName}`,
      key: { status: 'enabled', algo: [OID.sha256WithRsa, OID.rsaEncryption], len: 2048 },
      cert: {
        status: 'valid',
        ...(certificates !== 'none' && {
          certificates:
            certificates === 'chain'
              ? [der(certificate), ...chain.map((bytes) => Buffer.from(bytes).toString('base64'))]
              : [der(certificate)],
        }),
        ...(withCertInfo && {
          issuerDN: certificate.issuer,
          serialNumber: user.key.serialNumber,
          subjectDN: certificate.subject,
          validFrom: cscDate(certificate.notBefore),
          validTo: cscDate(certificate.notAfter),
        }),
      },
      auth: { mode: 'implicit' },
      scal: '2',
      multisign: 1,
      lang: 'vi-VN',
    };
  };

  app.post(`${base}/csc/v2/credentials/list`, { schema: { hide: true } }, async (request, reply) => {
    const problem = problemOf(CSC.listRequest, request.body ?? {});
    if (problem) return fail(reply, 400, 'invalid_request', problem);
    const body = request.body as import('./schemas.ts').ListRequest;
    // The hub is authorised as a service, not as the user: it must say whose credentials it asks for.
    if (!body.userID)
      return fail(reply, 400, 'invalid_request', 'Missing (or invalid type) string parameter userID');
    const found = service.credentialsOf(provider, body.userID);
    return {
      credentialIDs: found.map((u) => u.credentialID),
      ...(body.credentialInfo && {
        credentialInfos: found.map((u) =>
          credentialInfo(u, body.certificates ?? 'single', body.certInfo ?? false),
        ),
      }),
    };
  });

  app.post(`${base}/csc/v2/credentials/info`, { schema: { hide: true } }, async (request, reply) => {
    const problem = problemOf(CSC.credentialInfoRequest, request.body ?? {});
    if (problem) return fail(reply, 400, 'invalid_request', problem);
    const body = request.body as import('./schemas.ts').InfoCredentialRequest;
    const user = service.credential(provider, body.credentialID);
    if (!user) return fail(reply, 400, 'invalid_request', 'Invalid parameter credentialID');
    const { credentialID: _omitted, ...rest } = credentialInfo(
      user,
      body.certificates ?? 'single',
      body.certInfo ?? false,
    );
    return rest;
  });

  app.post(`${base}/csc/v2/credentials/authorize`, { schema: { hide: true } }, async (request, reply) => {
    const problem = problemOf(CSC.authorizeRequest, request.body ?? {});
    if (problem) return fail(reply, 400, 'invalid_request', problem);
    const body = request.body as import('./schemas.ts').AuthorizeRequest;
    const user = service.credential(provider, body.credentialID);
    if (!user) return fail(reply, 400, 'invalid_request', 'Invalid parameter credentialID');
    if (body.operationMode !== 'A')
      return fail(
        reply,
        400,
        'invalid_request',
        'This credential is authorised by the user in the app: operationMode must be "A"',
      );
    if (body.hashAlgorithmOID && body.hashAlgorithmOID !== OID.sha256)
      return fail(reply, 400, 'invalid_request', 'Invalid parameter hashAlgorithmOID');
    if (
      body.hashes.length > body.numSignatures ||
      !body.hashes.every((h) => Buffer.from(h, 'base64').length === 32)
    )
      return fail(reply, 400, 'invalid_request', 'Invalid parameter hashes');
    const authorization = service.authorize(user, {
      hashes: body.hashes,
      numSignatures: body.numSignatures,
      description: body.description ?? 'Yêu cầu ký số',
    });
    return { responseID: authorization.responseID, expiresIn: APPROVAL_WINDOW_SECONDS };
  });

  app.post(
    `${base}/csc/v2/credentials/authorizeCheck`,
    { schema: { hide: true } },
    async (request, reply) => {
      const problem = problemOf(CSC.authorizeCheckRequest, request.body ?? {});
      if (problem) return fail(reply, 400, 'invalid_request', problem);
      const { responseID } = request.body as import('./schemas.ts').AuthorizeCheckRequest;
      const authorization = service.authorization(provider, responseID);
      if (!authorization) return fail(reply, 400, 'invalid_request', 'Invalid parameter responseID');
      if (authorization.state === 'declined')
        return fail(reply, 400, 'access_denied', 'The user declined the authorization');
      if (authorization.state === 'expired')
        return fail(reply, 400, 'expired_token', 'The user did not answer in time');
      if (authorization.state === 'pending') return { status: 'pending' };
      const sad = authorization.sad!;
      const left = Math.round((sad.expiresAt.getTime() - now().getTime()) / 1000);
      return { status: 'approved', SAD: sad.value, expiresIn: Math.max(1, Math.min(SAD_SECONDS, left)) };
    },
  );

  app.post(`${base}/csc/v2/signatures/signHash`, { schema: { hide: true } }, async (request, reply) => {
    const problem = problemOf(CSC.signHashRequest, request.body ?? {});
    if (problem) return fail(reply, 400, 'invalid_request', problem);
    const body = request.body as import('./schemas.ts').SignHashRequest;
    const user = service.credential(provider, body.credentialID);
    if (!user) return fail(reply, 400, 'invalid_request', 'Invalid parameter credentialID');
    const algorithmOk =
      body.signAlgo === OID.sha256WithRsa ||
      (body.signAlgo === OID.rsaEncryption && (body.hashAlgorithmOID ?? OID.sha256) === OID.sha256);
    if (!algorithmOk) return fail(reply, 400, 'invalid_request', 'Invalid parameter signAlgo');
    const signatures = service.signHash(user, body.SAD, body.hashes);
    if (signatures === 'invalid_sad') return fail(reply, 400, 'invalid_request', 'Invalid parameter SAD');
    return { signatures: signatures.map((s) => Buffer.from(s).toString('base64')) };
  });
}
