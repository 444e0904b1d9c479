/**
 * OAuth2 client-credentials access tokens for one carrier: fetched once, shared by concurrent calls,
 * refreshed shortly before they expire, and dropped when the carrier says one is no longer valid.
 */

import { basicAuthorization } from '../http/basic-authorization.ts';
import { CallFailure, callHttp } from '../http/http-call.ts';

export type TokenFetchOutcome = 'ok' | 'rejected' | 'bad_response' | 'timeout' | 'connection' | 'http_error';

export class TokenFailure extends Error {
  override readonly name = 'TokenFailure';
  constructor(
    readonly outcome: Exclude<TokenFetchOutcome, 'ok'>,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface TokenCacheOptions {
  /** e.g. http://127.0.0.1:3000/carriers/viettel/oauth2/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  now: () => Date;
  /** Told about every fetch, for metrics. */
  onFetch?: (outcome: TokenFetchOutcome, seconds: number) => void;
}

export interface TokenCache {
  /** A token that is valid for a while yet; at most one fetch is in flight per carrier. */
  get(correlator: string): Promise<string>;
  /** The carrier refused this token: forget it (unless a newer one already replaced it). */
  invalidate(token: string): void;
}

const DEFAULT_LIFETIME_SECONDS = 60;

/** Refresh this long before expiry: a fifth of the lifetime, at most a minute. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 5);
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  let current: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const basic = basicAuthorization(options, { formEncoded: true });

  async function fetchToken(correlator: string): Promise<string> {
    const issuedAt = options.now().getTime();
    const started = performance.now();
    const report = (outcome: TokenFetchOutcome) =>
      options.onFetch?.(outcome, (performance.now() - started) / 1000);
    let answer: Awaited<ReturnType<typeof callHttp>>;
    try {
      answer = await callHttp({
        method: 'POST',
        url: options.tokenUrl,
        headers: { authorization: basic, 'x-correlator': correlator },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        timeoutMs: options.timeoutMs,
        // Asking for a token twice is harmless; the first never reached the carrier anyway.
        retryOnConnectionError: true,
      });
    } catch (error) {
      const kind = error instanceof CallFailure ? error.kind : 'connection';
      report(kind);
      throw new TokenFailure(kind, error instanceof Error ? error.message : String(error));
    }
    if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
      report('rejected');
      throw new TokenFailure('rejected', `token request refused with ${answer.status}`, answer.status);
    }
    if (answer.status !== 200) {
      report('http_error');
      throw new TokenFailure('http_error', `token request answered ${answer.status}`, answer.status);
    }
    const token = readToken(answer.body);
    if (!token) {
      report('bad_response');
      throw new TokenFailure(
        'bad_response',
        'token answer lacks a bearer access_token or has an invalid expires_in',
      );
    }
    report('ok');
    const lifetimeMs = token.expiresIn * 1000;
    current = { token: token.accessToken, refreshAt: issuedAt + lifetimeMs - refreshMarginMs(lifetimeMs) };
    return token.accessToken;
  }

  return {
    async get(correlator) {
      if (current && options.now().getTime() < current.refreshAt) return current.token;
      pending ??= fetchToken(correlator).finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}

function readToken(body: unknown): { accessToken: string; expiresIn: number } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { access_token, token_type, expires_in } = body as Record<string, unknown>;
  if (typeof access_token !== 'string' || access_token === '') return undefined;
  if (typeof token_type !== 'string' || token_type.toLowerCase() !== 'bearer') return undefined;
  // expires_in is only RECOMMENDED by RFC 6749: without it, assume a short life rather than a long one.
  if (expires_in === undefined) return { accessToken: access_token, expiresIn: DEFAULT_LIFETIME_SECONDS };
  if (typeof expires_in !== 'number' || !Number.isFinite(expires_in) || expires_in <= 0) return undefined;
  return { accessToken: access_token, expiresIn: expires_in };
}
