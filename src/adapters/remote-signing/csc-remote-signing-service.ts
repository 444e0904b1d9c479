/**
 * The RemoteSigningService port over the CSC API v2 of each configured provider (`smartca`, `mysign`):
 * `info` once (where its OAuth 2.0 server is), an access token by client credentials (HTTP Basic, kept until
 * shortly before it expires, asked again once when a call says it is no longer valid), then
 * `credentials/list` (by userID: the ID number) and `credentials/info` (the certificate and its chain),
 * `credentials/authorize` in asynchronous mode (the citizen approves in the app), `credentials/authorizeCheck`,
 * `signatures/signHash`. Each provider behind its own partner guard (breaker, timeout, metrics, one log line):
 * one provider's outage does not close the other. Every answer is checked against the CSC schemas
 * (csc-schemas.ts) before it is read; one that does not match is no answer (unavailable).
 */
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type {
  RemoteAuthorizationStart,
  RemoteAuthorizationStatus,
  RemoteCredentialLookup,
  RemoteSignHash,
  RemoteSigningService,
} from '../../usecases/ports/remote-signing-service.ts';
import { basicAuthorization } from '../http/basic-authorization.ts';
import { checkedHttpUrl, isJsonObject } from '../http/http-call.ts';
import { createPartnerGuard, type PartnerGuard } from '../http/partner-guard.ts';
import {
  CSC_OID,
  CscAuthorize,
  CscAuthorizeCheck,
  CscCredentialInfo,
  CscCredentialList,
  CscError,
  CscInfo,
  CscSignHash,
  CscToken,
} from './csc-schemas.ts';

export interface RemoteSigningProviderEndpoint {
  /** The provider's service URL: the CSC API is at `{baseUrl}/csc/v2/...`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface CscRemoteSigningOptions {
  providers: Record<string, RemoteSigningProviderEndpoint>;
  /** Per call, the whole exchange. */
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  registry?: Registry;
}

/** A token is asked again this long before the provider says it expires. */
const TOKEN_MARGIN_MS = 30_000;
/** What the adapter reads a 401 `invalid_token` as: the token must be asked again. */
const TOKEN_REFUSED = Symbol('token refused');

interface Provider {
  id: string;
  api: string;
  guard: PartnerGuard;
  basic: string;
  tokenUrl?: string;
  token?: { value: string; expiresAt: number };
}

export function createCscRemoteSigningService(options: CscRemoteSigningOptions): RemoteSigningService {
  const registry = options.registry ?? new Registry();
  const providers = new Map<string, Provider>();
  for (const [id, endpoint] of Object.entries(options.providers)) {
    const base = checkedHttpUrl(endpoint.baseUrl, `${id} baseUrl`).replace(/\/+$/, '');
    const basic = basicAuthorization(endpoint, { label: id, formEncoded: true });
    providers.set(id, {
      id,
      api: `${base}/csc/v2`,
      basic,
      guard: createPartnerGuard({
        partner: `remote_signing_${id}`,
        timeoutMs: options.timeoutMs,
        now: options.now,
        logger: options.logger.child({ component: 'remote-signing', provider: id }),
        registry,
        // CSC's error code names the kind of refusal (`invalid_request`), never the input.
        errorCodeOf: (body) => (isJsonObject(body) ? body.error : undefined),
      }),
    });
  }

  const now = () => options.now().getTime();

  /** `info` tells where the provider's OAuth 2.0 server is (CSC 11.1, `oauth2`); asked once. */
  async function tokenUrlOf(provider: Provider, requestId: string): Promise<string | undefined> {
    if (provider.tokenUrl) return provider.tokenUrl;
    const info = await provider.guard.call({
      operation: 'info',
      request: { method: 'POST', url: `${provider.api}/info`, body: {}, retryOnConnectionError: true },
      read: (body) => (CscInfo.Check(body) ? body : undefined),
      requestId,
    });
    if (!info) return undefined;
    const oauth2 = info.oauth2 ?? provider.api.replace(/\/csc\/v2$/, '');
    provider.tokenUrl = `${oauth2.replace(/\/+$/, '')}/oauth2/token`;
    return provider.tokenUrl;
  }

  async function tokenOf(provider: Provider, requestId: string): Promise<string | undefined> {
    if (provider.token && provider.token.expiresAt > now()) return provider.token.value;
    const url = await tokenUrlOf(provider, requestId);
    if (!url) return undefined;
    const token = await provider.guard.call({
      operation: 'oauth2_token',
      request: {
        method: 'POST',
        url,
        headers: { authorization: provider.basic },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        retryOnConnectionError: true,
      },
      read: (body) => (CscToken.Check(body) ? body : undefined),
      requestId,
    });
    if (!token) return undefined;
    const lifetimeMs = (token.expires_in ?? 3600) * 1000;
    provider.token = {
      value: token.access_token,
      expiresAt: now() + Math.max(0, lifetimeMs - TOKEN_MARGIN_MS),
    };
    return token.access_token;
  }

  /**
   * One CSC method with the Bearer token. A 401 `invalid_token` (the provider forgot or expired it early) drops
   * the token and asks once more with a new one. `refusal` reads the 400 answers that answer the question.
   */
  async function csc<T>(
    providerId: string,
    method: string,
    body: Record<string, unknown>,
    read: (body: unknown) => T | undefined,
    requestId: string,
    refusal?: (error: string) => T | undefined,
  ): Promise<T | undefined> {
    const provider = providers.get(providerId);
    if (!provider) return undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await tokenOf(provider, requestId);
      if (!token) return undefined;
      const answer = await provider.guard.call<T | typeof TOKEN_REFUSED>({
        operation: method.replace('/', '_'),
        request: {
          method: 'POST',
          url: `${provider.api}/${method}`,
          headers: { authorization: `Bearer ${token}` },
          body,
        },
        read,
        readRefusal(status, answered) {
          if (!CscError.Check(answered)) return undefined;
          if (status === 401 && answered.error === 'invalid_token') return TOKEN_REFUSED;
          return status === 400 ? refusal?.(answered.error) : undefined;
        },
        requestId,
      });
      if (answer !== TOKEN_REFUSED) return answer;
      provider.token = undefined;
    }
    return undefined;
  }

  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const der = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

  return {
    providers: [...providers.keys()],

    async findCredential(provider, idNumber, context): Promise<RemoteCredentialLookup> {
      const listed = await csc(
        provider,
        'credentials/list',
        { userID: idNumber },
        (body) => (CscCredentialList.Check(body) ? body.credentialIDs : undefined),
        context.requestId,
      );
      if (!listed) return { outcome: 'unavailable' };
      const credentialId = listed[0];
      if (!credentialId) return { outcome: 'none' };
      const info = await csc(
        provider,
        'credentials/info',
        { credentialID: credentialId, certificates: 'chain', certInfo: false },
        (body) => (CscCredentialInfo.Check(body) ? body : undefined),
        context.requestId,
      );
      if (!info) return { outcome: 'unavailable' };
      // A disabled key or a certificate the provider itself calls unusable signs nothing for the citizen.
      if (info.key.status !== 'enabled' || (info.cert.status && info.cert.status !== 'valid'))
        return { outcome: 'none' };
      const [certificate, ...chain] = info.cert.certificates;
      if (!certificate) return { outcome: 'unavailable' };
      return {
        outcome: 'found',
        credential: { credentialId, certificate: der(certificate), chain: chain.map(der) },
      };
    },

    async authorize(provider, credentialId, request, context): Promise<RemoteAuthorizationStart> {
      const answer = await csc(
        provider,
        'credentials/authorize',
        {
          credentialID: credentialId,
          numSignatures: 1,
          hashes: [b64(request.hash)],
          hashAlgorithmOID: CSC_OID.sha256,
          description: request.description,
          operationMode: 'A',
        },
        (body) => (CscAuthorize.Check(body) ? body.responseID : undefined),
        context.requestId,
      );
      return answer ? { outcome: 'requested', responseId: answer } : { outcome: 'unavailable' };
    },

    async checkAuthorization(provider, responseId, context): Promise<RemoteAuthorizationStatus> {
      const answer = await csc<RemoteAuthorizationStatus>(
        provider,
        'credentials/authorizeCheck',
        { responseID: responseId },
        (body) => {
          if (!CscAuthorizeCheck.Check(body)) return undefined;
          return body.status === 'approved' ? { outcome: 'approved', sad: body.SAD } : { outcome: 'pending' };
        },
        context.requestId,
        // RFC 6749's codes, as CSC uses them: the user said no, or let the request lapse.
        (error) =>
          error === 'access_denied'
            ? { outcome: 'declined' }
            : error === 'expired_token'
              ? { outcome: 'expired' }
              : undefined,
      );
      return answer ?? { outcome: 'unavailable' };
    },

    async signHash(provider, request, context): Promise<RemoteSignHash> {
      const answer = await csc<RemoteSignHash>(
        provider,
        'signatures/signHash',
        {
          credentialID: request.credentialId,
          SAD: request.sad,
          hashes: [b64(request.hash)],
          hashAlgorithmOID: CSC_OID.sha256,
          signAlgo: CSC_OID.sha256WithRsa,
        },
        (body) => {
          const signature = CscSignHash.Check(body) ? body.signatures[0] : undefined;
          return signature ? { outcome: 'signed', signature: der(signature) } : undefined;
        },
        context.requestId,
        (error) => (error === 'invalid_request' ? { outcome: 'refused' } : undefined),
      );
      return answer ?? { outcome: 'unavailable' };
    },

    async ping() {
      await Promise.all([...providers.values()].map((p) => p.guard.ping()));
    },
  };
}
