/**
 * The edge of the HTTP server, below the routes: timeouts that shed slow-loris clients, problem+json for
 * what Node's parser or Fastify's router refuse before any route runs (400, 408, 414, 431), and the
 * Permissions-Policy header.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_HTTP_TIMEOUTS } from '../config/config.ts';
import type { ProblemCode } from './i18n/api-messages.ts';
import { negotiateLanguage } from './i18n/language.ts';
import { Problem, problemBody, sendProblem } from './problem.ts';

export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/**
 * Fastify and Node server options for the timeouts. Node only looks for expired requests every
 * `connectionsCheckingInterval` (30 s by default), which would double a 30 s budget; check often instead.
 */
export function timeoutOptions(timeouts: Partial<HttpTimeouts> = {}) {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = {
    ...DEFAULT_HTTP_TIMEOUTS,
    ...timeouts,
  };
  return {
    requestTimeout: requestTimeoutMs,
    // Inactivity on a socket longer than a whole request's budget is never a live request.
    connectionTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    http: {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.max(25, Math.floor(headersTimeoutMs / 4))),
    },
  };
}

/** Browser features the pages never use; denying them limits what injected content could reach. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'bluetooth',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export function permissionsPolicy(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}

/** Errors of Fastify's router (malformed percent-encoding, over-long path parameters), before any hook ran. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.language = negotiateLanguage(request.headers['accept-language']);
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new Problem(414, 'URI_TOO_LONG')
      : new Problem(400, 'BAD_REQUEST');
  return sendProblem(request, reply, problem);
}

const CLIENT_ERRORS: Record<string, { status: number; code: ProblemCode }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE' },
};

/** A client that did not wait for the answer after its error gets at most this long to read it. */
const LINGER_MS = 1000;

/**
 * Node's `clientError`: the request never became a request, so the answer is written on the socket by hand,
 * then the connection is closed (the parser cannot go on after an error).
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    socket.destroy();
    return;
  }
  const { status, code } = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, code: 'BAD_REQUEST' };
  // Only the error code: the packet may hold personal data.
  this.log.debug({ code: error.code, status }, 'client error');
  // Node gives the chunk being parsed as a Buffer (Fastify's type describes its JSON form).
  const packet: unknown = error.rawPacket;
  if (socket.writable && !answerStarted(socket))
    socket.end(rawProblemResponse(status, code, Buffer.isBuffer(packet) ? packet : undefined));
  else socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** A route already writing its answer (e.g. a body that timed out mid-way) must not get a second one. */
function answerStarted(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
}

/** A complete HTTP/1.1 answer; no body when the request may be HEAD (or its method is unknown, as after a timeout). */
export function rawProblemResponse(status: number, code: ProblemCode, rawPacket: Buffer | undefined): string {
  const head = rawPacket?.subarray(0, 8192).toString('latin1');
  const language = negotiateLanguage(/^accept-language:[ \t]*([^\r\n]*)/im.exec(head ?? '')?.[1]);
  const withBody = head !== undefined && !/^HEAD[ \t]/i.test(head);
  const body = withBody ? JSON.stringify(problemBody(new Problem(status, code), language)) : '';
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Content-Language: ${language}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
