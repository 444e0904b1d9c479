/**
 * One HTTP exchange with a partner service (carriers, registries): JSON in and out, a hard timeout
 * covering the whole exchange, and failures sorted into kinds the adapter can act on.
 *
 * Over node:http(s) with keep-alive agents rather than the global fetch: three partner calls per
 * registration start, and fetch's WHATWG streams, AbortSignal and per-request objects cost the portal
 * about 40 % of its CPU on that step under load (BENCHMARKS.md, Findings).
 */
import http from 'node:http';
import https from 'node:https';
import { scrubDigits } from '../../lib/redaction.ts';

/**
 * Connections kept open per partner and reused. Idle ones are closed after 4 s, before the usual 5 s
 * server-side keep-alive limit, so a request is rarely written to a connection the partner is closing.
 */
const agentOptions = { keepAlive: true, maxSockets: 256, scheduling: 'lifo' as const, timeout: 4000 };
const AGENTS = {
  'http:': new http.Agent(agentOptions),
  'https:': new https.Agent(agentOptions),
};

/** timeout: no full answer in time; connection: no answer at all; bad_response: an answer we cannot read. */
export type CallFailureKind = 'timeout' | 'connection' | 'bad_response';

export class CallFailure extends Error {
  override readonly name = 'CallFailure';
  constructor(
    readonly kind: CallFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /**
   * JSON-encoded, except URLSearchParams which are sent as an HTML form and bytes (a Uint8Array) which are
   * sent as they are, with the content-type the headers give (an OCSP request).
   */
  body?: unknown;
  /** `bytes`: the answer's body as a Buffer whatever its type (OCSP responses, CRLs); JSON by default. */
  answerAs?: 'json' | 'bytes';
  timeoutMs: number;
  /**
   * Repeat the request once when it got no answer at all (refused, reset). Only for requests that are
   * safe to repeat; never after a timeout, where the first request may still be working on the far side.
   */
  retryOnConnectionError?: boolean;
}

export interface HttpAnswer {
  status: number;
  /** Parsed JSON when the answer says it is JSON; undefined otherwise. */
  body: unknown;
}

export async function callHttp(request: HttpRequest): Promise<HttpAnswer> {
  try {
    return await callOnce(request);
  } catch (error) {
    if (request.retryOnConnectionError && error instanceof CallFailure && error.kind === 'connection')
      return callOnce(request);
    throw error;
  }
}

function callOnce(request: HttpRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | Uint8Array | undefined;
  if (request.body instanceof Uint8Array) {
    body = request.body;
  } else if (request.body instanceof URLSearchParams) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = request.body.toString();
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  let url: URL;
  try {
    url = new URL(request.url);
  } catch (error) {
    return Promise.reject(
      new CallFailure('connection', `${describe(request)} failed: invalid URL`, { cause: error }),
    );
  }
  const protocol = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
  if (!protocol)
    return Promise.reject(new CallFailure('connection', `${describe(request)} failed: unsupported protocol`));

  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const fail = (failure: CallFailure) =>
      settle(() => {
        throw failure;
      });
    const outgoing = protocol.request(
      url,
      { method: request.method, headers, agent: AGENTS[url.protocol as keyof typeof AGENTS] },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => fail(classify(error, request)));
        response.on('close', () => {
          if (!response.complete) fail(classify(new Error('the answer was cut off'), request));
        });
        response.on('end', () =>
          settle(() => {
            const status = response.statusCode ?? 0;
            if (request.answerAs === 'bytes') return { status, body: Buffer.concat(chunks) };
            const text = Buffer.concat(chunks).toString('utf8');
            const contentType = response.headers['content-type'] ?? '';
            if (!/[/+]json\b/i.test(contentType) || text === '') return { status, body: undefined };
            try {
              return { status, body: JSON.parse(text) as unknown };
            } catch (error) {
              throw new CallFailure(
                'bad_response',
                `${describe(request)} answered ${status} with invalid JSON`,
                {
                  cause: error,
                },
              );
            }
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      fail(new CallFailure('timeout', `${describe(request)} gave no answer within ${request.timeoutMs} ms`));
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on('error', (error) => fail(classify(error, request)));
    outgoing.end(body);
  });
}

function classify(error: unknown, request: HttpRequest): CallFailure {
  const code = (error as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return new CallFailure('connection', `${describe(request)} failed: ${detail}`, { cause: error });
}

/** Method, origin and path with digit runs masked: path parameters may carry phone numbers. */
function describe(request: HttpRequest): string {
  try {
    const url = new URL(request.url);
    return `${request.method} ${url.origin}${scrubDigits(decodeURIComponent(url.pathname))}`;
  } catch {
    return request.method;
  }
}

/** The URL unchanged when it is http(s); a RangeError naming the setting otherwise (checked at start-up). */
export function checkedHttpUrl(url: string, name: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url;
  } catch {}
  throw new RangeError(`${name} must be an http(s) URL`);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
