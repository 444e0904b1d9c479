/**
 * The suite's HTTP client: node:http on a keep-alive agent (as bench/http.ts, for the same CPU reason), but
 * it sends headers (X-Forwarded-For, cookies) and keeps the answer's headers, and it never throws: a reset
 * or a timeout is an outcome the suite counts, not an exception.
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 2048 });

export interface Answer {
  status: number;
  /** `reset`, `timeout`, `refused`… when no HTTP answer came (status 0). */
  network?: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The answer as text (an HTML page's forms), when one came. */
  text?: string;
  startedAt: number;
  endedAt: number;
}

export function send(
  url: string,
  method: 'GET' | 'POST' | 'DELETE',
  options: {
    body?: unknown;
    /** A form post (application/x-www-form-urlencoded), as a page's form sends it; instead of `body`. */
    form?: Record<string, string>;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  const payload = options.form
    ? new URLSearchParams(options.form).toString()
    : options.body === undefined
      ? undefined
      : JSON.stringify(options.body);
  const startedAt = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Omit<Answer, 'startedAt' | 'endedAt'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, startedAt, endedAt: Date.now() });
    };
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload && {
            'content-type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => settle({ status: 0, network: 'reset', headers: {}, body: {} }));
        response.on('end', () => {
          let body: Record<string, unknown> = {};
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const parsed: unknown = JSON.parse(text || '{}');
            body = Array.isArray(parsed) ? { items: parsed } : (parsed as Record<string, unknown>);
          } catch {
            // a non-JSON answer (a proxy's text) keeps an empty body: the status and headers say enough
          }
          settle({ status: response.statusCode ?? 0, headers: response.headers, body, text });
        });
      },
    );
    request.setTimeout(options.timeoutMs ?? 30_000, () => {
      settle({ status: 0, network: 'timeout', headers: {}, body: {} });
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle({
        status: 0,
        network:
          error.code === 'ECONNREFUSED'
            ? 'refused'
            : error.code === 'ECONNRESET'
              ? 'reset'
              : (error.code ?? 'error'),
        headers: {},
        body: {},
      }),
    );
    request.end(payload);
  });
}
