/**
 * The agent's one listening socket, on loopback: TLS (`https.createServer`), the WebSocket at `/plugin` for
 * pages of the allowed origins only (a foreign page is refused before the upgrade: 403), a small page at `/`
 * (opening it once is how a browser accepts the agent's certificate), and the dev switches under `/dev/token`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { PinCounter } from './pin-counter.ts';
import type { AgentState, Answer } from './protocol.ts';

export interface AgentServerOptions {
  host: string;
  port: number;
  tls: { key: string; cert: string };
  allowedOrigins: string[];
  answer: (text: string) => Answer;
  /** The `/dev/token` switches; undefined: not mounted. */
  dev?: { state: AgentState; pins: PinCounter };
  log: (line: string) => void;
}

export interface AgentServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

// A signature request is a challenge or a digest; 2 MiB leaves room for the largest data signCms accepts.
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const allowed = new Set(options.allowedOrigins);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, (request, response) => {
    void route(request, response, options, allowed).catch(() => send(response, 500, { error: 'failed' }));
  });

  server.on('upgrade', (request, socket, head) => {
    const origin = request.headers.origin;
    const path = new URL(request.url ?? '/', 'https://agent').pathname;
    if (path !== '/plugin') return refuse(socket, 404, 'Not Found');
    // Any page on the Internet can try ws://localhost; only the hub's pages may use the token.
    if (!origin || !allowed.has(origin)) {
      options.log(`refused a WebSocket from origin ${origin ?? '(none)'}`);
      return refuse(socket, 403, 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text frames only');
        ws.send(JSON.stringify(options.answer(data.toString('utf8'))));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `wss://${options.host}:${port}/plugin`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function refuse(socket: import('node:stream').Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: AgentServerOptions,
  allowed: Set<string>,
) {
  const path = new URL(request.url ?? '/', 'https://agent').pathname;
  if (request.method === 'GET' && path === '/') return sendPage(response);
  if (!options.dev || !path.startsWith('/dev/token')) return send(response, 404, { error: 'not found' });
  // The switches are for tests on this machine: a page of another origin must not reach them (JSON bodies
  // need a CORS preflight, which the agent never grants; an Origin header, when sent, must be allowed).
  const origin = request.headers.origin;
  if (origin && !allowed.has(origin)) return send(response, 403, { error: 'origin not allowed' });
  const { state, pins } = options.dev;
  const status = () => ({ present: state.present, locked: pins.locked, triesLeft: pins.triesLeft });
  if (request.method === 'GET' && path === '/dev/token') return send(response, 200, status());
  if (request.method !== 'POST') return send(response, 405, { error: 'method not allowed' });
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? ''))
    return send(response, 415, { error: 'send application/json' });
  const body = await readJson(request);
  if (path === '/dev/token') {
    const present = (body as { present?: unknown } | undefined)?.present;
    if (typeof present !== 'boolean') return send(response, 422, { error: 'present must be true or false' });
    state.present = present;
    options.log(`dev: token ${present ? 'plugged in' : 'unplugged'}`);
    return send(response, 200, status());
  }
  if (path === '/dev/token/reset') {
    pins.reset();
    options.log('dev: PIN tries reset');
    return send(response, 200, status());
  }
  return send(response, 404, { error: 'not found' });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 10_000) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** What a citizen sees when opening the agent's address to accept its certificate. */
function sendPage(response: ServerResponse) {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phần mềm ký số đang chạy · Signing agent running</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}</style></head>
<body><main>
<h1>Phần mềm ký số đang chạy</h1>
<p>Trình duyệt của bạn đã tin cậy phần mềm ký số trên máy này. Bạn có thể đóng thẻ này và quay lại trang đăng ký.</p>
<h2 lang="en">The signing agent is running</h2>
<p lang="en">Your browser now trusts the signing agent on this computer. You can close this tab and go back to the registration page.</p>
</main></body></html>`);
}
