/**
 * One HTTP exchange with a carrier-side service over Node's global fetch: JSON in and out, a hard timeout
 * (AbortSignal) covering the whole exchange, and failures sorted into kinds the adapter can act on.
 */
import { scrubDigits } from '../../lib/redaction.ts';

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
  /** JSON-encoded, except URLSearchParams which are sent as an HTML form. */
  body?: unknown;
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

async function callOnce(request: HttpRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.body instanceof URLSearchParams) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = request.body.toString();
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  const signal = AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, { method: request.method, headers, body, signal });
    text = await response.text();
  } catch (error) {
    throw classify(error, request);
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/i.test(contentType) || text === '') return { status: response.status, body: undefined };
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch (error) {
    throw new CallFailure(
      'bad_response',
      `${describe(request)} answered ${response.status} with invalid JSON`,
      {
        cause: error,
      },
    );
  }
}

function classify(error: unknown, request: HttpRequest): CallFailure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return new CallFailure('timeout', `${describe(request)} gave no answer within ${request.timeoutMs} ms`, {
      cause: error,
    });
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : (cause?.message ?? String(error));
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
