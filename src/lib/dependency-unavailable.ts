/**
 * One error type for "a store or partner cannot be reached right now": adapters turn their drivers'
 * connection failures into it, and the web layer answers it with 503 and Retry-After instead of 500.
 * The original error stays as `cause` for the log; its message is never shown to the client.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
  constructor(
    readonly dependency: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${dependency} is unavailable`, options);
  }
}

/** Node socket errors: the server is down, unreachable, or dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/** PostgreSQL SQLSTATEs of a server going away or refusing connections (admin/crash shutdown, startup, too many). */
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages of pg, pg-pool, ioredis and PGlite for a connection that is gone or never came. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /Cannot use a pool after calling end/i,
  /Connection is closed/i,
  /Stream isn't writeable/i,
  /Command timed out/i,
  /max retries per request/i,
  /PGlite is clos(ed|ing)/i,
];

export function isUnavailableFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof DependencyUnavailableError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE.has(code))) return true;
  // SQLSTATE class 08: connection exception.
  if (typeof code === 'string' && /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
}

/** The error to rethrow: connection failures become DependencyUnavailableError, anything else is unchanged. */
export function classifyFailure(dependency: string, error: unknown): unknown {
  if (error instanceof DependencyUnavailableError) return error;
  return isUnavailableFailure(error) ? new DependencyUnavailableError(dependency, { cause: error }) : error;
}
