/**
 * A small HTTP client over node:http with keep-alive connections: fetch costs far more per request than
 * the server under test, and the fuzzer must send raw bytes (malformed JSON, odd content types) anyway.
 */
import http from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export interface RawResponse {
  /** The HTTP status, or `timeout` / `error:CODE` when no answer came. */
  status: number | string;
  headers: http.IncomingHttpHeaders;
  /** The start of the body (what the checks need), never the whole of a large one. */
  body: string;
  ms: number;
}

const KEPT_BODY_BYTES = 64 * 1024;

export class HttpClient {
  readonly #agent: http.Agent;
  readonly #base: URL;

  constructor(
    baseUrl: string,
    concurrency: number,
    private readonly timeoutMs: number,
  ) {
    this.#base = new URL(baseUrl);
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  }

  /**
   * Sends once; again on a fresh connection when a kept-alive one turns out to have been closed by the
   * server meanwhile (Node's own advice for `reusedSocket`): that race says nothing of this request.
   */
  async send(request: RawRequest): Promise<RawResponse> {
    const first = await this.#sendOnce(request);
    return first.staleSocket ? this.#sendOnce(request, false) : first;
  }

  #sendOnce(request: RawRequest, reuse = true): Promise<RawResponse & { staleSocket?: boolean }> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (response: Omit<RawResponse, 'ms'> & { staleSocket?: boolean }) => {
        if (settled) return;
        settled = true;
        resolve({ ...response, ms: elapsed() });
      };
      let outgoing: http.ClientRequest;
      try {
        outgoing = http.request({
          agent: reuse ? this.#agent : false,
          host: this.#base.hostname,
          port: this.#base.port,
          method: request.method,
          path: request.path,
          headers: request.headers,
        });
      } catch (error) {
        // node:http refuses some hostile paths or headers before sending anything: not the server's fault.
        settle({
          status: `refused-by-client:${(error as NodeJS.ErrnoException).code ?? 'ERR'}`,
          headers: {},
          body: '',
        });
        return;
      }
      outgoing.setTimeout(this.timeoutMs, () => {
        settle({ status: 'timeout', headers: {}, body: '' });
        outgoing.destroy();
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        settle({
          status: `error:${error.code ?? error.message}`,
          headers: {},
          body: '',
          staleSocket: outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE'),
        }),
      );
      outgoing.on('response', (incoming) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        incoming.on('data', (chunk: Buffer) => {
          if (kept < KEPT_BODY_BYTES) chunks.push(chunk);
          kept += chunk.length;
        });
        incoming.on('error', (error: NodeJS.ErrnoException) =>
          settle({ status: `error:${error.code ?? error.message}`, headers: {}, body: '' }),
        );
        incoming.on('end', () =>
          settle({
            status: incoming.statusCode ?? 'error:no-status',
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      outgoing.end(request.body);
    });
  }

  close() {
    this.#agent.destroy();
  }
}
