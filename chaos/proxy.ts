/**
 * The network pieces of the production picture the suite builds:
 * - a round-robin HTTP load balancer in front of the portals that health-checks them (GET /healthz) and
 *   skips a dead one, appends the client to X-Forwarded-For as a real load balancer does, and retries a
 *   request only when the backend refused the connection (nothing was sent, so nothing can be duplicated);
 * - a TCP "toxic" proxy in front of a partner (carrier HTTP, SMPP) that can add latency or be down.
 */
import http from 'node:http';
import net from 'node:net';

/** Header the balancer puts on answers it made itself, so the suite tells them from the portals' own. */
export const PROXY_HEADER = 'x-chaos-proxy';

export interface Backend {
  name: string;
  port: number;
  healthy: boolean;
}

export interface LoadBalancer {
  port: number;
  backends: Backend[];
  /** Marks a backend down at once (what a health check sees a moment after kill -9). */
  markDown(name: string): void;
  close(): Promise<void>;
}

export async function startLoadBalancer(backends: Backend[], healthEveryMs = 250): Promise<LoadBalancer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  let cursor = 0;
  const pick = (exclude: Set<string>) => {
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[cursor++ % backends.length]!;
      if (backend.healthy && !exclude.has(backend.name)) return backend;
    }
    return undefined;
  };

  const answerItself = (response: http.ServerResponse, status: number, reason: string) => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(status, { 'content-type': 'text/plain', [PROXY_HEADER]: reason, 'retry-after': '1' });
    response.end(reason);
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress]
        .filter(Boolean)
        .join(', ');
      const tried = new Set<string>();
      const attempt = () => {
        const backend = pick(tried);
        if (!backend) return answerItself(response, 503, 'no-healthy-backend');
        tried.add(backend.name);
        const upstream = http.request(
          {
            host: '127.0.0.1',
            port: backend.port,
            method: request.method,
            path: request.url,
            headers: { ...request.headers, 'x-forwarded-for': forwardedFor, 'x-chaos-backend': backend.name },
            agent,
          },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, {
              ...answer.headers,
              'x-chaos-backend': backend.name,
            });
            answer.pipe(response);
            answer.on('error', () => response.destroy());
          },
        );
        upstream.setTimeout(30_000, () => upstream.destroy(new Error('backend timeout')));
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED') {
            backend.healthy = false;
            return attempt();
          }
          answerItself(response, 502, `backend-${backend.name}-failed-${error.code ?? 'error'}`);
        });
        upstream.end(body);
      };
      attempt();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const check = async (backend: Backend) => {
    backend.healthy = await new Promise<boolean>((resolve) => {
      const probe = http.get(
        { host: '127.0.0.1', port: backend.port, path: '/healthz', timeout: 1000 },
        (r) => {
          r.resume();
          resolve(r.statusCode === 200);
        },
      );
      probe.on('timeout', () => probe.destroy());
      probe.on('error', () => resolve(false));
    });
  };
  const timer = setInterval(() => void Promise.all(backends.map(check)), healthEveryMs);
  await Promise.all(backends.map(check));

  return {
    port: (server.address() as net.AddressInfo).port,
    backends,
    markDown(name) {
      const backend = backends.find((b) => b.name === name);
      if (backend) backend.healthy = false;
    },
    async close() {
      clearInterval(timer);
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ToxicProxy {
  port: number;
  /** Added to every chunk in each direction. */
  setLatency(ms: number): void;
  /** Down: open connections are reset and new ones closed at once. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startToxicProxy(targetPort: number): Promise<ToxicProxy> {
  let latencyMs = 0;
  let down = false;
  const sockets = new Set<net.Socket>();
  const delayed = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (latencyMs === 0) {
        to.write(chunk);
        return;
      }
      from.pause();
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
        from.resume();
      }, latencyMs);
    });
    from.on('end', () => to.end());
  };
  const server = net.createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    setLatency(ms) {
      latencyMs = ms;
    },
    setDown(value) {
      down = value;
      if (down) for (const socket of sockets) socket.resetAndDestroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
