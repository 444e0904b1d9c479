/**
 * The bench's own HTTP client for the journeys: node:http on a keep-alive agent. The global fetch costs
 * several times more CPU per request, and the bench shares the machine with what it measures.
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request, redirects not followed: the hub's flows read its Location headers themselves. */
export function request(
  url: string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const headers = { ...options.headers };
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method: options.method ?? 'GET', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

export async function requestJson(
  url: string,
  method: 'GET' | 'POST' = 'GET',
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> & unknown[] }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const answer = await request(url, {
    method,
    headers: payload ? { 'content-type': 'application/json' } : {},
    body: payload,
  });
  let parsed: unknown = {};
  try {
    parsed = answer.text ? JSON.parse(answer.text) : {};
  } catch {
    // not JSON: an empty body for the caller
  }
  return { status: answer.status, body: parsed as Record<string, unknown> & unknown[] };
}
