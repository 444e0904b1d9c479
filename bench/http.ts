/**
 * The bench's own HTTP client for the journeys: node:http on a keep-alive agent. The global fetch costs
 * several times more CPU per request, and the bench shares the machine with what it measures.
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export function requestJson(
  url: string,
  method: 'GET' | 'POST' = 'GET',
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> & unknown[] }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = {};
          try {
            parsed = text ? JSON.parse(text) : {};
          } catch {
            // not JSON: an empty body for the caller
          }
          resolve({ status: response.statusCode ?? 0, body: parsed as Record<string, unknown> & unknown[] });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
